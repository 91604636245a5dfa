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

    /// <summary>Every implemented strategy.</summary>
    public static IReadOnlyList<string> All { get; } = [None, StopWords];

    /// <summary>The strategy a suite uses when the file names none.</summary>
    public static string DefaultFor(string suite) => SuiteNames.IsUnderstanding(suite) ? None : StopWords;
}
