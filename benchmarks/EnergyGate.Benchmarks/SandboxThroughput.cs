using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites.HumanEval;

namespace EnergyGate.Benchmarks;

/// <summary>
/// Scores N copies of every canonical HumanEval solution three ways, side by side: the forking
/// sandbox, one interpreter per sample, and a re-creation of openai/human-eval's harness
/// (multiprocessing.Process per sample in a thread pool; reference_style_harness.py).
/// </summary>
internal static class SandboxThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dataset = args.Length > 0 ? args[0] : Path.Combine(RepoRoot(), "..", "shared", "datasets", "humaneval", "HumanEval.jsonl.gz");
        var copies = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        var problems = HumanEvalLoader.Load(dataset);
        var programs = Enumerable.Range(0, copies)
            .SelectMany(_ => problems.Select(p => HumanEvalProgram.Build(p, p.CanonicalSolution)))
            .ToList();
        var python = PythonInterpreter.Locate(null, Environment.GetEnvironmentVariable("PATH"));
        var options = new SandboxOptions { Workers = workers };
        Console.WriteLine(FormattableString.Invariant(
            $"{programs.Count} samples ({copies} x {problems.Count} canonical solutions), {workers} workers, python {python.Version}"));
        Console.WriteLine("| executor | passed | seconds | samples/s | vs per-interpreter |");
        Console.WriteLine("|---|---:|---:|---:|---:|");

        using var perInterpreter = new PerInterpreterExecutor(python, options);
        var baseline = await Time(programs, p => perInterpreter.ExecuteAsync(p));
        // The plain-process mechanism (the sandbox before bubblewrap, plus the check for processes
        // left behind) and the bubblewrap one, in the same run.
        var plain = await TimeSandbox(python, options with { Mechanism = SandboxMechanism.Process }, programs);
        var (ours, isolation) = await TimeSandbox(python, options, programs);
        var reference = RunReferenceStyle(python, problems.Count, copies, workers, dataset);

        Row("one interpreter per sample", baseline, baseline.Rate);
        Row("human-eval style (multiprocessing per sample)", reference, baseline.Rate);
        Row("EnergyGate sandbox, plain process (fork from warm supervisor)", plain.Timing, baseline.Rate);
        Row($"EnergyGate sandbox, {isolation} (default)", ours, baseline.Rate);
        Console.WriteLine(FormattableString.Invariant(
            $"sandbox / human-eval style: {ours.Rate / reference.Rate:0.00}x; sandbox / per-interpreter: {ours.Rate / baseline.Rate:0.00}x; default / plain process: {ours.Rate / plain.Timing.Rate:0.00}x"));
        return ours.Passed == programs.Count && plain.Timing.Passed == programs.Count ? 0 : 1;
    }

    private sealed record Timing(int Passed, double Seconds, double Rate);

    private static async Task<(Timing Timing, string Mechanism)> TimeSandbox(PythonInterpreter python, SandboxOptions options, List<string> programs)
    {
        await using var sandbox = await SandboxExecutor.StartAsync(python, options, new Dictionary<string, string?>());
        var timing = await Time(programs, async p => (await sandbox.ExecuteAsync(p)).Outcome);
        return (timing, sandbox.Isolation.Mechanism.ToString().ToLowerInvariant());
    }

    private static async Task<Timing> Time(List<string> programs, Func<string, Task<SampleOutcome>> run)
    {
        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(programs.Select(run));
        var seconds = clock.Elapsed.TotalSeconds;
        return new Timing(outcomes.Count(o => o == SampleOutcome.Passed), seconds, programs.Count / seconds);
    }

    private static Timing RunReferenceStyle(PythonInterpreter python, int problems, int copies, int workers, string dataset)
    {
        var script = Path.Combine(RepoRoot(), "benchmarks", "reference_style_harness.py");
        var info = new ProcessStartInfo(python.Path, [script, dataset, copies.ToString(CultureInfo.InvariantCulture), workers.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var seconds = json.RootElement.GetProperty("seconds").GetDouble();
        return new Timing(json.RootElement.GetProperty("passed").GetInt32(), seconds, problems * copies / seconds);
    }

    private static void Row(string name, Timing t, double baselineRate) => Console.WriteLine(FormattableString.Invariant(
        $"| {name} | {t.Passed} | {t.Seconds:0.00} | {t.Rate:0.0} | {t.Rate / baselineRate:0.00}x |"));

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EnergyGate.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }
}
