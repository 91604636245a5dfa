using System.Globalization;
using System.Text;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Measurement;

/// <summary>One strategy against suppression switched off, over one cell.</summary>
/// <param name="Cell">The base cell (its suite without the <c>+strategy</c> suffix).</param>
/// <param name="Strategy">stop-words, syntax or test-oracle.</param>
/// <param name="Savings">Energy and tokens saved, with the checks' overhead.</param>
/// <param name="PassOff">Samples that passed with suppression off.</param>
/// <param name="PassOn">Samples that passed with the strategy.</param>
/// <param name="Checks">Checks the strategy made.</param>
/// <param name="MeanCheckMilliseconds">Mean wall-clock time per check.</param>
public sealed record StudyRow(string Cell, string Strategy, SavingsEstimate Savings, int PassOff, int PassOn, int Checks, double MeanCheckMilliseconds)
{
    /// <summary>Samples that passed without suppression but failed with it (paired).</summary>
    public int Lost { get; init; }

    /// <summary>Samples that failed without suppression but passed with it (paired).</summary>
    public int Gained { get; init; }

    /// <summary>One-sided exact McNemar p-value that the strategy lost accuracy.</summary>
    public double AccuracyPValue => Statistics.SignificanceTests.McNemarWorse(Lost, Gained);
}

/// <summary>
/// The babbling-suppression study: every code cell was run with suppression off and with each
/// strategy on the same problems, repetitions and seeds, so samples pair one to one.
/// </summary>
public static class SuppressionStudy
{
    /// <summary>Pairs each strategy's samples with the same samples run without suppression.</summary>
    public static IReadOnlyList<StudyRow> Analyze(IReadOnlyList<JournalRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var passed = records.OfType<ScoreRecord>().GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Passed);
        var variants = records.OfType<SampleRecord>()
            .Select(s => (Sample: s, Base: BaseCell(s.Cell)))
            .Where(x => x.Base is not null)
            .GroupBy(x => x.Base!.Value.Cell, StringComparer.Ordinal);
        var rows = new List<StudyRow>();
        foreach (var cell in variants)
        {
            var off = cell.Where(x => x.Base!.Value.Strategy == "none")
                .ToDictionary(x => (x.Sample.Repetition, x.Sample.TaskId, x.Sample.SampleIndex), x => x.Sample);
            foreach (var strategy in cell.Select(x => x.Base!.Value.Strategy).Where(s => s != "none").Distinct().Order(StringComparer.Ordinal))
            {
                var pairs = cell.Where(x => x.Base!.Value.Strategy == strategy)
                    .Select(x => (On: x.Sample, Off: off.GetValueOrDefault((x.Sample.Repetition, x.Sample.TaskId, x.Sample.SampleIndex))))
                    .Where(p => p.Off is not null)
                    .ToList();
                if (pairs.Count == 0)
                {
                    continue;
                }
                var savings = SuppressionSavings.Estimate([.. pairs.Select(p => new PairedSample(
                    p.Off!.TotalJoules, p.On.TotalJoules, p.Off.GeneratedTokens, p.On.GeneratedTokens,
                    TimeSpan.FromSeconds(p.On.SuppressionCheckSeconds), TimeSpan.FromSeconds(p.On.PrefillSeconds + p.On.DecodeSeconds)))]);
                var checks = pairs.Sum(p => p.On.SuppressionChecks);
                rows.Add(new StudyRow(cell.Key, strategy, savings,
                    pairs.Count(p => passed.GetValueOrDefault(p.Off!.Key)), pairs.Count(p => passed.GetValueOrDefault(p.On.Key)),
                    checks, checks == 0 ? 0 : 1000 * pairs.Sum(p => p.On.SuppressionCheckSeconds) / checks)
                {
                    Lost = pairs.Count(p => passed.GetValueOrDefault(p.Off!.Key) && !passed.GetValueOrDefault(p.On.Key)),
                    Gained = pairs.Count(p => !passed.GetValueOrDefault(p.Off!.Key) && passed.GetValueOrDefault(p.On.Key)),
                });
            }
        }
        return rows;
    }

    /// <summary>The study as a Markdown section (empty when the run was no study).</summary>
    public static string Markdown(IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return "";
        }
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder("\n## Babbling suppression study\n\n");
        text.Append("| Cell | Strategy | Tokens saved | Energy saved (95% CI) | pass (off -> on) | McNemar p (worse) | Checks | ms per check | Check overhead |\n");
        text.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in rows)
        {
            var s = r.Savings;
            text.Append(c, $"| {r.Cell} | {r.Strategy} | {s.TokensSaved} ({s.TokensSavedShare * 100:0.0}%) | {s.EnergySaved * 100:0.0}% [{s.Lower * 100:0.0}%, {s.Upper * 100:0.0}%] | {r.PassOff} -> {r.PassOn} of {s.Samples} | {r.AccuracyPValue:0.###} | {r.Checks} | {r.MeanCheckMilliseconds:0.00} | {s.OverheadShare * 100:0.0}% |\n");
        }
        return text.ToString();
    }

    private static (string Cell, string Strategy)? BaseCell(string cell)
    {
        var key = Baselines.CellKey.Parse(cell);
        var plus = key.Suite.LastIndexOf('+');
        return plus < 0 ? null : ((key with { Suite = key.Suite[..plus] }).ToString(), key.Suite[(plus + 1)..]);
    }
}
