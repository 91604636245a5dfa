using System.Diagnostics;

namespace EnergyGate.Benchmarks;

/// <summary>
/// Runs a benchmark under the tool's JIT settings. The tool is built with <c>TieredCompilation=false</c>
/// (src/EnergyGate.Tool/EnergyGate.Tool.csproj) and Core and the runtimes ship only inside it, so our
/// loop is measured as it runs there: every method compiled fully at its first call. Under this
/// project's default tiered JIT the first seconds of a process run our per-token code at tier 0 and
/// recompile it on a background thread that takes a core from ONNX Runtime; genai's loop is native and
/// pays nothing. Measured on the shared model, 64-token prompt (the first rows of `onnx`): decode
/// 0.65-0.84x genai with tiering, 0.97-1.01x without, three runs each alternated (benchmarks/README.md).
/// </summary>
internal static class ToolJit
{
    private const string Variable = "DOTNET_TieredCompilation";

    /// <summary>True when this process already runs with tiered compilation off.</summary>
    public static bool Active => Environment.GetEnvironmentVariable(Variable) == "0";

    /// <summary>Runs <paramref name="args"/> again in a child process with tiered compilation off and returns its exit code.</summary>
    public static int Rerun(string[] args)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet");
        // Under `dotnet EnergyGate.Benchmarks.dll` the host is dotnet and the assembly its first argument;
        // under the apphost the process is the benchmark itself.
        if (Path.GetFileNameWithoutExtension(info.FileName).Equals("dotnet", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(typeof(ToolJit).Assembly.Location);
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment[Variable] = "0";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {info.FileName}");
        process.WaitForExit();
        return process.ExitCode;
    }
}
