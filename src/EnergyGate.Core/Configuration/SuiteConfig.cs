using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Configuration;

/// <summary>One entry of <c>suites</c> as written in the file; null means "not set".</summary>
public sealed record SuiteConfig
{
    /// <summary>One of <see cref="SuiteDefinitions.Names"/>, or, with <see cref="Kind"/>, a name of one's own.</summary>
    public required string Name { get; init; }

    /// <summary>The suite whose format <see cref="File"/> is in, for a suite with a name of its own; null: <see cref="Name"/> is the suite.</summary>
    public string? Kind { get; init; }

    /// <summary>Absolute folder holding <c>HumanEval.jsonl.gz</c> (or a path starting with <c>~</c>); humaneval only.</summary>
    public string? DataDir { get; init; }

    /// <summary>A JSONL file in LongBench's format (LongBench suites only), absolute after loading.</summary>
    public string? File { get; init; }

    /// <summary>The k values of pass@k: distinct, positive, none above <see cref="SamplesPerTask"/>.</summary>
    public IReadOnlyList<int>? K { get; init; }

    /// <summary>Completions generated per problem (n in the pass@k estimator).</summary>
    public int? SamplesPerTask { get; init; }

    /// <summary>Use only the first N problems (quick runs), or null for all.</summary>
    public int? Limit { get; init; }

    /// <summary>How generation stops early: <c>none</c> or <c>stop-words</c> (see <see cref="Suites.SuppressionNames"/>).</summary>
    public string? Suppression { get; init; }

    /// <summary><c>raw</c> or <c>chat</c>: how prompts are given to the models; null: each model's setting (raw by default).</summary>
    public string? PromptFormat { get; init; }
}
