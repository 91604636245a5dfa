using EnergyGate.Core.Baselines;
using System.Globalization;
using System.Text;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Tool.Commands;

/// <summary>How `run` prints its summary: per cell medians over repetitions, with the energy kind.</summary>
internal static class RunOutput
{
    public static string Text(RunOutcome outcome)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        foreach (var note in outcome.Notes)
        {
            text.AppendLine(c, $"meter: {note}");
        }
        foreach (var note in outcome.PartNotes)
        {
            text.AppendLine(note);
        }
        foreach (var (domain, watts) in outcome.Summary.Header.IdleWatts)
        {
            text.AppendLine(c, $"idle: {domain} {watts:0.###} W");
        }
        text.AppendLine("| cell | kind | J/problem | prefill J | decode J | decode J/token | prefill share | tokens | tokens/s | TTFT ms | accuracy |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var cell in outcome.Summary.Cells)
        {
            string F(string metric, string format, double scale = 1) => cell.Median(metric) is { } v ? (v * scale).ToString(format, c) : "n/a";
            text.AppendLine(c, $"| {cell.Cell} | {cell.EnergyKind} | {F(MetricIds.JoulesPerProblem, "0.####")} | {F(MetricIds.PrefillJoules, "0.####")} | {F(MetricIds.DecodeJoules, "0.####")} | {F(MetricIds.DecodeJoulesPerToken, "0.######")} | {F(MetricIds.PrefillShare, "0.0%")} | {F(MetricIds.GeneratedTokens, "0.#")} | {F(MetricIds.TokensPerSecond, "0")} | {F(MetricIds.TtftSeconds, "0.###", 1000)} | {Accuracy(cell)} |");
        }
        foreach (var line in outcome.Amplification)
        {
            text.AppendLine(line);
        }
        text.Append(SuppressionStudy.Markdown(outcome.Study));
        if (outcome.NoiseNote is { } noise)
        {
            text.AppendLine(noise);
        }
        text.AppendLine(c, $"Results: {outcome.ResultsPath}");
        text.Append(c, $"Summary: {outcome.SummaryPath}");
        return text.ToString();
    }

    private static string Accuracy(CellSummary cell) =>
        cell.Median("pass@1") is { } pass ? string.Create(CultureInfo.InvariantCulture, $"pass@1 {pass:0.000}")
        : cell.Median("code_sim") is { } sim ? string.Create(CultureInfo.InvariantCulture, $"code_sim {sim:0.00}")
        : "n/a";
}
