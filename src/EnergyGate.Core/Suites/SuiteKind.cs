namespace EnergyGate.Core.Suites;

/// <summary>What a suite asks of the model, which decides how its answers are scored.</summary>
public enum SuiteKind
{
    /// <summary>Code generation: a completion is run against tests in the sandbox (pass@k).</summary>
    Generation,

    /// <summary>Code understanding: a next line is compared with the answers by LongBench's code similarity.</summary>
    Understanding,
}
