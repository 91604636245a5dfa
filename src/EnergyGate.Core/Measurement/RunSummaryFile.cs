using System.Text.Json;

namespace EnergyGate.Core.Measurement;

/// <summary>The summary written next to a results file: the run header and every cell's figures.</summary>
/// <param name="Header">The run's header (settings hash, fingerprint, idle power, meters).</param>
/// <param name="ResultsFile">The results JSONL it was computed from.</param>
/// <param name="Cells">Per-cell metrics per repetition.</param>
public sealed record RunSummaryFile(RunHeader Header, string ResultsFile, IReadOnlyList<CellSummary> Cells)
{
    /// <summary>Cells holding fewer samples or scores than the plan promised (see <see cref="RunCompleteness"/>).</summary>
    public IReadOnlyList<Baselines.CellCompleteness> Incomplete { get; init; } = [];

    /// <summary>How steady the machine was during the run; null for a run recorded before EnergyGate probed it.</summary>
    public Noise.NoiseSummary? Noise { get; init; }

    /// <summary>The summary path for a results path: <c>run.jsonl</c> → <c>run.summary.json</c>.</summary>
    public static string PathFor(string resultsPath) => Path.ChangeExtension(resultsPath, ".summary.json");

    /// <summary>Writes the summary to a temp file and moves it over the target.</summary>
    public async Task WriteAsync(string path, CancellationToken ct = default)
    {
        var temp = path + ".tmp";
        await using (var stream = File.Create(temp))
        {
            await JsonSerializer.SerializeAsync(stream, this, SummaryOptions, ct);
        }
        File.Move(temp, path, overwrite: true);
    }

    private static readonly JsonSerializerOptions SummaryOptions = new(ResultsJournal.JsonOptions) { WriteIndented = true };
}
