namespace EnergyGate.Tool.Tests;

/// <summary>Plans the end-to-end tests share, so a change to the configuration format is made once.</summary>
internal static class TestPlans
{
    /// <summary>The built-in tiny model on ONNX Runtime's CPU provider over the code-generation smoke suite: cell smoke/tiny/onnx/cpu.</summary>
    public const string SmokeOnnx = """
        version: 1
        models:
          - name: tiny
            source: builtin:tiny
        runtimes:
          - runtime: onnx
            provider: cpu
        suites:
          - name: smoke
        """;
}
