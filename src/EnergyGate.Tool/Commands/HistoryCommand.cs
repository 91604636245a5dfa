using System.CommandLine;
using EnergyGate.Core;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Gating;
using EnergyGate.Core.History;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Reporting;
using EnergyGate.Tool.Gating;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// <c>history append|show|page</c>: the run history store (a folder, one JSON Lines file per machine
/// class) that the reports draw trends from; docs/history.md.
/// </summary>
internal static class HistoryCommand
{
    private const int DefaultShowLast = 20;

    public static Command Create() =>
        new("history", "Record gated runs of the default branch per machine class, and show or publish their trends.") { Append(), Show(), Page() };

    private static Option<string> HistoryDir() => new("--history") { Description = "The history folder (one <machine-class>.jsonl per machine class).", Required = true };

    private static Command Append()
    {
        var settings = new SettingsOptions();
        var history = HistoryDir();
        var results = new Option<FileInfo>("--results") { Description = "Results file of `run` or `check` to record.", Required = true };
        var keep = new Option<int>("--keep") { Description = $"Entries the machine class's file keeps; the oldest beyond are dropped (default {HistoryStore.DefaultKeep}).", DefaultValueFactory = _ => HistoryStore.DefaultKeep };
        var commit = new Option<string?>("--commit") { Description = "Commit measured (default: $GITHUB_SHA, else git HEAD)." };
        var machineClass = new Option<string?>("--machine-class") { Description = "Machine class (default: energygate.yml's, else derived from the results file's fingerprint)." };
        var baselines = new Option<string?>("--baselines") { Description = "Baselines folder the run's verdict is taken against (default: baselines/ next to energygate.yml); no baseline: no verdict." };
        var command = new Command("append", "Append a results file's run-level figures to the history of its machine class (a re-run of a commit replaces its entry).")
        {
            history, results, keep, commit, machineClass, baselines, settings.Config,
        };
        CommandAction.Set(command, async (parse, ct) =>
        {
            var kept = parse.GetValue(keep);
            if (kept < 1)
            {
                throw new EnergyGateException($"--keep {kept}: expected at least 1 entry to keep.");
            }
            var resolved = settings.Resolve(parse, parse.GetValue(baselines));
            var summary = await RunResults.LoadAsync(parse.GetValue(results)!.FullName, resolved.Suites, ct);
            var sha = parse.GetValue(commit) ?? GateSupport.Commit();
            if (string.IsNullOrWhiteSpace(sha) || sha == "unknown")
            {
                throw new EnergyGateException("history append: no commit to record the run under ($GITHUB_SHA is not set and this is not a git work tree); pass --commit SHA.");
            }
            var candidate = CandidateBuilder.Build(summary, MachineClass(parse.GetValue(machineClass)) ?? resolved.MachineClass, sha);
            if (candidate.Incomplete.Count > 0)
            {
                throw new EnergyGateException(
                    $"EG2044: not recording an incomplete run in the history: {string.Join("; ", candidate.Incomplete.Select(i => i.Describe()))}. "
                    + "Finish it with `dotnet energygate run --resume --results FILE`, then append it again.");
            }
            var entry = HistoryEntries.From(candidate, VerdictAgainstBaselines(candidate, resolved));
            var done = new HistoryStore(parse.GetValue(history)!).Append(entry, kept);
            var what = done.Replaced ? "replaced the entry of" : "appended";
            var dropped = done.Dropped > 0 ? $", dropped the oldest {done.Dropped}" : "";
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"history: {what} commit {Short(entry.Commit)} ({entry.Cells.Count} cells, machine class {entry.MachineClass}{(entry.Verdict is { } v ? $", {v.ToString().ToLowerInvariant()}" : "")}) in {done.Path}: {done.Entries} entries{dropped} (keeps {kept})");
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var settings = new SettingsOptions();
        var history = HistoryDir();
        var machineClass = new Option<string?>("--machine-class") { Description = "Only this machine class (default: every class in the folder)." };
        var cell = new Option<string?>("--cell") { Description = "Only cells matching this pattern: suite/model/runtime/provider, any part may be *." };
        var metric = new Option<string[]>("--metric") { Description = "Metric id to show (repeatable; default: the gate's gated metrics).", AllowMultipleArgumentsPerToken = false };
        var last = new Option<int>("--last") { Description = $"Most recent runs per machine class (default {DefaultShowLast}).", DefaultValueFactory = _ => DefaultShowLast };
        var json = new Option<bool>("--json") { Description = "Print the entries as JSON (the store's own format) instead of tables." };
        var command = new Command("show", "Print the recorded runs: per machine class and cell, each run's date, commit, verdict and per metric median [interval].")
        {
            history, machineClass, cell, metric, last, json, settings.Config,
        };
        CommandAction.Set(command, async (parse, ct) =>
        {
            var count = Positive(parse.GetValue(last), "--last");
            var pattern = CheckedPattern(parse.GetValue(cell));
            var named = parse.GetValue(metric) is { Length: > 0 } ids ? CheckedMetrics(ids) : null;
            var metrics = named ?? settings.Resolve(parse).Gate.GatedMetrics;
            var store = new HistoryStore(parse.GetValue(history)!);
            var entries = MachineClass(parse.GetValue(machineClass)) is { } only ? store.Read(only) : store.ReadAll();
            var selected = HistoryTable.Select(entries, pattern, named);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                var recent = selected.GroupBy(e => e.MachineClass, StringComparer.Ordinal).SelectMany(g => g.TakeLast(count)).ToList();
                await output.WriteLineAsync(HistoryTable.Json(recent));
            }
            else if (selected.Count == 0)
            {
                await output.WriteLineAsync(Nothing(store, entries, parse.GetValue(machineClass), pattern));
            }
            else
            {
                await output.WriteAsync(HistoryTable.Text(selected, metrics, count));
            }
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command Page()
    {
        var settings = new SettingsOptions();
        var history = HistoryDir();
        var output = new Option<string>("--out") { Description = "Where to write the page, e.g. history.html.", Required = true };
        var last = new Option<int>("--last") { Description = $"Most recent runs per machine class to draw (default {HistoryStore.DefaultKeep}).", DefaultValueFactory = _ => HistoryStore.DefaultKeep };
        var command = new Command("page", "Write a static, self-contained history.html (inline SVG, no scripts): a chart per machine class, cell and gated metric.")
        {
            history, output, last, settings.Config,
        };
        CommandAction.Set(command, async (parse, ct) =>
        {
            var count = Positive(parse.GetValue(last), "--last");
            var metrics = settings.Resolve(parse).Gate.GatedMetrics;
            var store = new HistoryStore(parse.GetValue(history)!);
            var path = Path.GetFullPath(parse.GetValue(output)!);
            await WriteAtomicAsync(path, HistoryPage.Render(store.ReadAll(), metrics, count, store.Folder), ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"History page: {path}");
            return ExitCode.Ok;
        });
        return command;
    }

    // The verdict `check` would give against the committed baselines; none when no cell has one (every cell would only say "no baseline").
    private static GateVerdict? VerdictAgainstBaselines(CandidateSet candidate, ResolvedSettings resolved)
    {
        if (!Directory.Exists(resolved.BaselinesDir))
        {
            return null;
        }
        var baselines = new BaselineStore(resolved.BaselinesDir).LoadFor(candidate);
        return baselines.Entries.Count == 0 ? null : Gate.Evaluate(baselines, candidate, resolved.Gate, GateSupport.Today()).Verdict;
    }

    private static string Nothing(HistoryStore store, IReadOnlyList<HistoryEntry> entries, string? machineClass, string? pattern)
    {
        if (entries.Count == 0)
        {
            var classes = store.ReadAll().Select(e => e.MachineClass).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return machineClass is not null && classes.Count > 0
                ? $"No runs of machine class {machineClass} in {store.Folder}; recorded classes: {string.Join(", ", classes)}."
                : $"No runs recorded in {store.Folder} yet; record one with `dotnet energygate history append --history DIR --results FILE`.";
        }
        return $"No recorded cell matches {pattern}; recorded cells: {string.Join(", ", entries.SelectMany(e => e.Cells.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}.";
    }

    private static string? MachineClass(string? name) =>
        name is null || !string.IsNullOrWhiteSpace(name)
            ? name
            : throw new EnergyGateException("--machine-class is empty: expected a machine class label such as ci-a10 (see `history show` for the recorded ones).");

    private static string? CheckedPattern(string? pattern) =>
        pattern is null || pattern == "*" || pattern.Split('/').Length == 4
            ? pattern
            : throw new EnergyGateException($"--cell '{pattern}': expected a cell pattern suite/model/runtime/provider (any part may be *, e.g. humaneval/*/onnx/*), or * for all.");

    private static string[] CheckedMetrics(string[] ids)
    {
        foreach (var id in ids)
        {
            if (MetricCatalog.Find(id) is null)
            {
                throw new EnergyGateException($"--metric '{id}': not a metric id; expected one of {string.Join(", ", MetricCatalog.All.Select(m => m.Id))}.");
            }
        }
        return ids;
    }

    private static int Positive(int value, string option) =>
        value >= 1 ? value : throw new EnergyGateException($"{option} {value}: expected a number of runs, at least 1.");

    private static string Short(string commit) => commit.Length > 7 ? commit[..7] : commit;

    private static async Task WriteAtomicAsync(string path, string text, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, text, ct);
        File.Move(temp, path, overwrite: true);
    }
}
