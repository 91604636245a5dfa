namespace EnergyGate.Core.Suites;

/// <summary>
/// Names of the suites the code refers to by name (the defaults, tests). Everything else about a
/// suite, and the list of suites, is in <see cref="SuiteDefinitions"/>.
/// </summary>
public static class SuiteNames
{
    /// <summary>OpenAI HumanEval (code generation, 164 problems).</summary>
    public const string HumanEval = "humaneval";

    /// <summary>EvalPlus HumanEval+ (HumanEval's problems, scored on base + plus inputs).</summary>
    public const string HumanEvalPlus = "humaneval-plus";

    /// <summary>Original MBPP (google-research), scored by its asserts.</summary>
    public const string Mbpp = "mbpp";

    /// <summary>EvalPlus MBPP+ (scored on base + plus inputs).</summary>
    public const string MbppPlus = "mbpp-plus";

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
}
