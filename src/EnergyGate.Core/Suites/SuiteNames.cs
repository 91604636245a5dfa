namespace EnergyGate.Core.Suites;

/// <summary>The suite names energygate.yml and the CLI accept.</summary>
public static class SuiteNames
{
    /// <summary>OpenAI HumanEval (code generation, 164 problems).</summary>
    public const string HumanEval = "humaneval";

    /// <summary>The built-in code-generation smoke suite (embedded).</summary>
    public const string Smoke = "smoke";

    /// <summary>LongBench lcc (code understanding: next line of a long file).</summary>
    public const string Lcc = "lcc";

    /// <summary>LongBench repobench-p (next line with cross-file context).</summary>
    public const string RepoBenchP = "repobench-p";

    /// <summary>LongBench-E lcc (length-balanced).</summary>
    public const string LccE = "lcc_e";

    /// <summary>LongBench-E repobench-p (length-balanced).</summary>
    public const string RepoBenchPE = "repobench-p_e";

    /// <summary>A built-in understanding suite: lcc records built from Python files the tool ships.</summary>
    public const string SmokeLcc = "smoke-lcc";

    /// <summary>Every suite name.</summary>
    public static IReadOnlyList<string> All { get; } = [HumanEval, Smoke, Lcc, RepoBenchP, LccE, RepoBenchPE, SmokeLcc];

    /// <summary>Code-generation suites (HumanEval format, scored by running code in the sandbox).</summary>
    public static IReadOnlyList<string> CodeGeneration { get; } = [HumanEval, Smoke];

    /// <summary>Suites whose data comes from LongBench's data.zip (or a folder/file in its format).</summary>
    public static IReadOnlyList<string> LongBench { get; } = [Lcc, RepoBenchP, LccE, RepoBenchPE];

    /// <summary>True for code-understanding suites (scored by code similarity, not by running code).</summary>
    public static bool IsUnderstanding(string name) => LongBench.Contains(name) || name == SmokeLcc;
}
