using EnergyGate.Core.Measurement;

namespace EnergyGate.Core.Baselines;

/// <summary>
/// Checks every number of a parsed baseline (EG2045): a value the gate compares against must be a
/// measurement, since <c>1e999</c> made a cell impossible to fail and negative energies read as
/// improvements. Errors name the file, the JSON path and what is expected.
/// </summary>
internal static class BaselineValues
{
    public static void Check(BaselineDocument document, string source)
    {
        for (var c = 0; c < document.Cells.Count; c++)
        {
            var measurements = document.Cells[c].Measurements;
            CheckMetrics(measurements.Metrics, $"$.cells[{c}].measurements.metrics", source);
            var history = document.Cells[c].History ?? [];
            for (var h = 0; h < history.Count; h++)
            {
                // Every stored run is evidence for the gate, so each is held to the same bounds.
                CheckMetrics(history[h].Metrics, $"$.cells[{c}].history[{h}].metrics", source);
            }
            foreach (var (task, score) in measurements.SampleScores)
            {
                if (!(score is >= 0 and <= 1))
                {
                    throw Error(source, $"$.cells[{c}].measurements.sample_scores.{task}", $"{SanityBounds.Text(score)}; expected a similarity in [0, 1]");
                }
            }
        }
    }

    private static void CheckMetrics(IReadOnlyDictionary<string, IReadOnlyList<double>> metrics, string path, string source)
    {
        foreach (var (metric, values) in metrics)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (Problem(metric, values[i]) is { } problem)
                {
                    throw Error(source, $"{path}.{metric}[{i}]", problem);
                }
            }
        }
    }

    private static string? Problem(string metric, double value) => MetricCatalog.Find(metric)?.Unit switch
    {
        "J" or "J/token" => SanityBounds.Problem(value, SanityBounds.MaxJoules, "J"),
        "tokens" => SanityBounds.Problem(value, SanityBounds.MaxTokens, "tokens"),
        "tokens/s" => SanityBounds.Problem(value, SanityBounds.MaxTokens, "tokens/s"),
        "s" => SanityBounds.Problem(value, SanityBounds.MaxSeconds, "s"),
        "share" => SanityBounds.Problem(value, 1, "(a share)"),
        // A 7B model's problem is ~1e13 FLOP: work counts get their own, far larger bound.
        "FLOP" => SanityBounds.Problem(value, SanityBounds.MaxWork, "FLOP"),
        "B/token" => SanityBounds.Problem(value, SanityBounds.MaxWork, "B/token"),
        // A fitted ratio (prefill amplification) or a newer tool's metric: only the sign is not known.
        _ => double.IsFinite(value) && Math.Abs(value) <= SanityBounds.MaxJoules
            ? null
            : $"{SanityBounds.Text(value)}; expected a finite number within ±1e+09 (the sanity bound)",
    };

    private static BaselineFormatException Error(string source, string path, string problem) =>
        new($"EG2045: {source}: {path} is {problem}. Baselines hold measurements: re-create the file with `dotnet energygate baseline update` instead of editing numbers.");
}
