using EnergyGate.Core.Configuration;

namespace EnergyGate.Core.Measurement;

/// <summary>One cell of the run matrix: a suite on a model in a runtime with a provider.</summary>
/// <param name="Suite">The suite and its scoring settings.</param>
/// <param name="Model">The model under test.</param>
/// <param name="Runtime">The runtime and execution provider.</param>
public sealed record RunCell(SuiteSettings Suite, ModelSettings Model, RuntimeSettings Runtime)
{
    /// <summary>How many sequences decode together and whether free slots refill at once; one sequence at a time by default.</summary>
    public Generation.Batching.BatchOptions Batch { get; init; } = Unbatched;

    /// <summary>Batch size 1: the protocol of every cell before batching, keyed as before.</summary>
    public static Generation.Batching.BatchOptions Unbatched { get; } = new(1, false);

    /// <summary>
    /// The gate's key for this cell; a named runtime entry appears under its name, and a batched cell
    /// under the runtime's label plus its batch (<c>onnx+b4</c> static, <c>onnx+cb4</c> continuous).
    /// </summary>
    public Baselines.CellKey Key => new(Suite.Label, Model.Name, Runtime.Label + BatchSuffix(Batch), Runtime.Provider);

    /// <summary>Splits a cell key's runtime part into the runtime label and its batch (<c>onnx+cb4</c> gives <c>onnx</c>, 4, continuous); batch size 1 when it has no suffix.</summary>
    public static (string Runtime, Generation.Batching.BatchOptions Batch) SplitBatch(string runtimePart)
    {
        ArgumentNullException.ThrowIfNull(runtimePart);
        var plus = runtimePart.LastIndexOf('+');
        if (plus > 0)
        {
            var suffix = runtimePart.AsSpan(plus + 1);
            var continuous = suffix.StartsWith("cb", StringComparison.Ordinal);
            var digits = continuous ? suffix[2..] : suffix.StartsWith("b", StringComparison.Ordinal) ? suffix[1..] : [];
            if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) && size > 1)
            {
                return (runtimePart[..plus], new Generation.Batching.BatchOptions(size, continuous));
            }
        }
        return (runtimePart, Unbatched);
    }

    /// <summary>The runtime part's suffix for a batch: empty at batch size 1.</summary>
    public static string BatchSuffix(Generation.Batching.BatchOptions batch) =>
        batch is null || batch.BatchSize <= 1 ? "" : $"+{(batch.Continuous ? "cb" : "b")}{batch.BatchSize}";

    /// <summary>Stable id used in results files and reports: <c>suite/model/runtime/provider</c>.</summary>
    public string Id => Key.ToString();
}

/// <summary>One pass over a cell's problems: a warm-up (not recorded) or a numbered repetition.</summary>
/// <param name="Cell">Index into <see cref="RunPlan.Cells"/>.</param>
/// <param name="Repetition">0-based repetition number; -1 for a warm-up.</param>
public readonly record struct RunStep(int Cell, int Repetition)
{
    /// <summary>True for an unrecorded warm-up pass.</summary>
    public bool IsWarmup => Repetition < 0;
}
