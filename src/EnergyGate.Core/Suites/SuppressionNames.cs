namespace EnergyGate.Core.Suites;

/// <summary>
/// How generation may stop before <c>max_new_tokens</c> once the answer is complete ("babbling"
/// suppression). Code generation defaults to the Codex stop words, understanding to none.
/// </summary>
public static class SuppressionNames
{
    /// <summary>Generate until EOS or the token limit.</summary>
    public const string None = "none";

    /// <summary>Stop at the configured stop strings (the Codex set by default).</summary>
    public const string StopWords = "stop-words";

    /// <summary>Stop at the first newline after which the function is complete and parses (a persistent Python checker).</summary>
    public const string Syntax = "syntax";

    /// <summary>Stop at the first newline where the problem's tests pass in the sandbox (the research's method; checks are charged).</summary>
    public const string TestOracle = "test-oracle";

    /// <summary>Every implemented strategy.</summary>
    public static IReadOnlyList<string> All { get; } = Waste.Babbling.SuppressionStrategies.Names;

    /// <summary>Strategies that inspect code and so apply to code-generation suites only.</summary>
    public static IReadOnlyList<string> CodeOnly { get; } = [Syntax, TestOracle];

    /// <summary>The strategy a suite uses when the file names none.</summary>
    public static string DefaultFor(string suite) => SuiteDefinitions.Get(suite).DefaultSuppression;
}
