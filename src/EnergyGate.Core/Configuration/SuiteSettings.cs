using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Configuration;

/// <summary>A suite to run, with every default filled in.</summary>
/// <param name="Name">One of <see cref="SuiteDefinitions.Names"/>.</param>
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
    public string Label => Variant is null ? Name : $"{Name}+{Variant}";

    /// <summary>The suppression-study variant this copy of the suite stands for, or null.</summary>
    public string? Variant { get; init; }
}
