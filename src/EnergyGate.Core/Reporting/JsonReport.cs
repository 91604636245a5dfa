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
        return Render(ReportModel.For(result, footprint));
    }

    /// <summary>Renders the model: the gate result's fields and a <c>waste</c> object (empty lists without waste findings).</summary>
    /// <param name="model">The result, footprint settings and waste findings.</param>
    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = model.Result;
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
            Footprint = FootprintSection.Json(result, model.Footprint),
            Work = WorkSection.Json(result),
            Noise = NoiseSection.Json(result),
            Waste = WasteSection.Json(model.Waste),
            Batching = BatchSweep.Json(result),
            Budgets = BudgetSection.Json(result),
            UnpinnedModels = PinningSection.Unpinned(result),
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
