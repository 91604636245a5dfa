using System.CommandLine;
using System.Globalization;
using EnergyGate.Core;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Statistics;
using EnergyGate.Tool.Gating;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// <c>baseline update</c> writes (or replaces, atomically) the baseline files of every cell from a
/// new run or <c>--results</c>; <c>baseline show</c> prints what a baseline holds. Committing the
/// files is a person's reviewed decision.
/// </summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var settings = new SettingsOptions();
        var results = new Option<FileInfo?>("--results") { Description = "Use a results file recorded earlier instead of measuring now." };
        var baselines = new Option<string?>("--baselines") { Description = "Baselines folder (default: baselines/ next to energygate.yml)." };
        var update = new Command("update", "Measure (or read --results) and write the baselines of every cell.") { results, baselines };
        settings.AddRunOptionsTo(update);
        CommandAction.Set(update, async (parse, ct) =>
        {
            var resolved = settings.Resolve(parse, parse.GetValue(baselines));
            var store = new BaselineStore(resolved.BaselinesDir);
            // Held from the start: two updates measuring at once would each overwrite half the other's cells.
            using var folderLock = store.LockForUpdate();
            var candidate = parse.GetValue(results) is { } file
                ? await GateSupport.CandidateFromResultsAsync(file.FullName, resolved, ct)
                : Core.Measurement.CandidateBuilder.Build((await RunCommand.ExecuteAsync(settings, parse, null, false, ct)).Summary, resolved.MachineClass, GateSupport.Commit());
            if (candidate.Incomplete.Count > 0)
            {
                throw new EnergyGateException(
                    $"EG2044: not recording baselines from an incomplete run: {string.Join("; ", candidate.Incomplete.Select(i => i.Describe()))}. "
                    + "Finish it with `dotnet energygate run --resume --results FILE`, then run `baseline update --results FILE` again.");
            }
            // Appends this run to each cell's history (gate.baseline-runs in all), so the gate sees the spread between runs.
            var paths = store.Save(BaselineDocument.FromCandidate(candidate), resolved.Gate.BaselineRuns);
            foreach (var path in paths)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync($"wrote {path}");
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync("Review and commit these files: the gate compares every later run with them.");
            return ExitCode.Ok;
        });

        var file = new Argument<FileInfo?>("file") { Description = "A baseline file; without it, every baseline in the folder is listed.", Arity = ArgumentArity.ZeroOrOne };
        var showBaselines = new Option<string?>("--baselines") { Description = "Baselines folder (default: baselines/ next to energygate.yml)." };
        var show = new Command("show", "Print the cells, repetitions and metric medians a baseline holds.") { file, showBaselines };
        settings.AddTo(show);
        CommandAction.Set(show, async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var files = parse.GetValue(file) is { } one
                ? [one.FullName]
                : ListBaselines(settings.Resolve(parse, parse.GetValue(showBaselines)).BaselinesDir);
            foreach (var path in files)
            {
                await output.WriteLineAsync(Describe(path, BaselineStore.Read(path)));
            }
            return ExitCode.Ok;
        });
        return new Command("baseline", "Write and inspect the committed baselines.") { update, show };
    }

    private static string[] ListBaselines(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
            : throw new EnergyGateException($"no baselines folder at '{folder}'; run `dotnet energygate baseline update` first.");

    private static string Describe(string path, BaselineDocument document)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            path,
            string.Create(c, $"  recorded {document.CreatedAt:yyyy-MM-dd HH:mm} UTC by {document.ToolVersion} at commit {document.Commit}"),
            string.Create(c, $"  machine {document.Fingerprint.MachineClass} ({document.Fingerprint.CpuModel}{(document.Fingerprint.GpuModel is { } g ? ", " + g : "")}), meter {document.Fingerprint.MeterKind}"),
        };
        foreach (var cell in document.Cells)
        {
            lines.Add($"  {cell.Cell}");
            foreach (var (metric, values) in cell.Measurements.Metrics.OrderBy(m => MetricCatalog.Order(m.Key)))
            {
                lines.Add(string.Create(c, $"    {metric}: median {Median.Of(values):G4} {MetricCatalog.Get(metric).Unit} (n={values.Count})"));
            }
            lines.Add(string.Create(c, $"    tasks with outcomes: {cell.Measurements.Outcomes.Count}"));
        }
        return string.Join(Environment.NewLine, lines);
    }
}
