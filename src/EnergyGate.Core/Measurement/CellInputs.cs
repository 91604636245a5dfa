using EnergyGate.Core.Generation;
using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Measurement;

/// <summary>What one cell needs to run, prepared before measuring starts (datasets loaded, model on disk).</summary>
/// <param name="Problems">The suite's tasks, already limited.</param>
/// <param name="ModelDirectory">The model folder.</param>
/// <param name="Tokenizer">The model's tokenizer.</param>
/// <param name="Factory">Opens sessions for the cell's runtime.</param>
/// <param name="Decoding">Decoding settings for this cell (suites differ: code generation stops at the Codex set, understanding tasks take 64 tokens).</param>
public sealed record CellInputs(
    IReadOnlyList<IBenchmarkTask> Problems, string ModelDirectory, ITextTokenizer Tokenizer, IDecoderSessionFactory Factory,
    GenerationSettings Decoding)
{
    /// <summary>How generation stops early in this cell (babbling suppression).</summary>
    public Waste.Babbling.SuppressionStrategy Suppression { get; init; } = Waste.Babbling.SuppressionStrategy.StopWords;

    /// <summary>The model's shape for exact work counts; null when the folder does not tell it (the samples then carry no work).</summary>
    public Work.WorkShape? WorkShape { get; init; }

    /// <summary>The text given to the model per task (raw, or the model's chat format for code problems).</summary>
    public CellPrompts Prompts { get; init; } = CellPrompts.Raw;
}

/// <summary>Progress of a run, for a live display.</summary>
/// <param name="Done">Recorded samples finished (including those found when resuming).</param>
/// <param name="Total">Recorded samples in the plan.</param>
/// <param name="Cell">The cell being measured.</param>
/// <param name="Warmup">True during a warm-up pass.</param>
public readonly record struct RunProgress(int Done, int Total, string Cell, bool Warmup);
