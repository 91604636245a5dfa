using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Configuration;

/// <summary>A suite to run, with every default filled in.</summary>
/// <param name="Name">One of <see cref="SuiteDefinitions.Names"/>: the suite, or the format of a suite with <see cref="OwnName"/>.</param>
/// <param name="DataDir">Folder holding the dataset; null means "download it into the cache folder".</param>
/// <param name="K">The k values of pass@k, in the order written.</param>
/// <param name="SamplesPerTask">Completions generated per problem.</param>
public sealed record SuiteSettings(string Name, string? DataDir, IReadOnlyList<int> K, int SamplesPerTask)
{
    /// <summary>Use only the first N problems, or null for all.</summary>
    public int? Limit { get; init; }

    /// <summary>A JSONL file in the suite's own format to use instead of the dataset (LongBench records, HumanEval, EvalPlus or MBPP problems).</summary>
    public string? File { get; init; }

    /// <summary>How generation stops early; null means the suite's default (stop-words for code generation, none for understanding).</summary>
    public string? Suppression { get; init; }

    /// <summary><c>raw</c> or <c>chat</c> as the suite's entry sets it; null: the model's setting decides (see <see cref="PromptFormats.Resolve"/>).</summary>
    public string? PromptFormat { get; init; }

    /// <summary>Name in cell ids; differs from <see cref="Name"/> for a suppression-study variant (<c>smoke+syntax</c>).</summary>
    public string Label => Variant is null ? Id : $"{Id}+{Variant}";

    /// <summary>
    /// The name a suite read from a file with <c>kind:</c> goes by (<c>name: my-suite, kind: humaneval</c>); null for
    /// a suite known by its <see cref="Name"/>, which then names the suite's format (its definition) only.
    /// </summary>
    public string? OwnName { get; init; }

    /// <summary>What stands for the suite in cell ids, baseline paths and the fingerprint: <see cref="OwnName"/>, else <see cref="Name"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Id => OwnName ?? Name;

    /// <summary>The suppression-study variant this copy of the suite stands for, or null.</summary>
    public string? Variant { get; init; }
}
