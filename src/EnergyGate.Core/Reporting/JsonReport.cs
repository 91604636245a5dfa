using System.Text.Json;
using System.Text.Json.Serialization;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Reporting;

/// <summary>The gate result for machines: snake_case JSON, enums as strings, non-finite numbers as null.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Renders <paramref name="result"/>; <c>exit_code</c> is what <see cref="Gate.ExitCodeFor"/> gives.</summary>
    /// <param name="result">The gate's result.</param>
    /// <param name="footprint">kWh/CO2e/cost conversion; null: <see cref="FootprintSettings.Default"/>.</param>
    public static string Render(GateResult result, FootprintSettings? footprint = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var report = new
        {
            SchemaVersion = 1,
            Verdict = result.Verdict,
            Summary = VerdictLine.For(result),
            ExitCode = (int)Gate.ExitCodeFor(result.Verdict, result.Policy),
            Today = result.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Commit = result.Candidate.Run.Commit,
            Findings = result.Findings.Select(f => new { f.Id, f.Level, Cell = f.Cell.ToString(), f.Metric, f.Message }),
            Cells = result.Cells.Select(c => new
            {
                Cell = c.Cell.ToString(),
                c.Status,
                BaselineCommit = c.Baseline?.Run.Commit,
                BaselineSource = c.Baseline?.Source,
                Metrics = c.Metrics.Select(Metric),
                Accuracy = c.Accuracy,
                c.Changes,
                c.Mismatches,
            }),
            Footprint = FootprintSection.Json(result, footprint ?? FootprintSettings.Default),
            Work = WorkSection.Json(result),
            Noise = NoiseSection.Json(result),
        };
        return JsonSerializer.Serialize(report, Options) + "\n";
    }

    private static object Metric(MetricComparison m) => new
    {
        m.Metric,
        MetricCatalog.Get(m.Metric).Unit,
        m.BaselineCount,
        m.CandidateCount,
        BaselineMedian = Finite(m.BaselineMedian),
        CandidateMedian = Finite(m.CandidateMedian),
        Ratio = Finite(m.Ratio.Estimate),
        RatioLower = Finite(m.Ratio.Lower),
        RatioUpper = Finite(m.Ratio.Upper),
        PValueWorse = Finite(m.PValueWorse),
        PValueBetter = Finite(m.PValueBetter),
        m.Outcome,
        m.Severity,
        m.Reason,
    };

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
