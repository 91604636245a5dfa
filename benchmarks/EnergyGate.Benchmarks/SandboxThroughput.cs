using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites.HumanEval;

namespace EnergyGate.Benchmarks;

/// <summary>
/// Scores N copies of every canonical HumanEval solution side by side: openai/human-eval's own
/// execution code (reference_style_harness.py: a multiprocessing.Process and a Manager per sample
/// in a thread pool), the forking sandbox with the plain-process mechanism and with the default
/// (bubblewrap where installed), optionally one interpreter per sample; then the same number of
/// trivial samples through the sandbox (its per-sample floor); then where a sample's time goes
/// (sandbox_breakdown.py). Each row gives wall time, samples/s and CPU per sample.
/// </summary>
/// <remarks>
/// CPU per sample = (this process's CPU + CPU of every process below it) / samples over the row.
/// This process: getrusage(RUSAGE_SELF) (Environment.CpuUsage). Below it: RUSAGE_CHILDREN (read
/// from /proc/self/stat, cutime + cstime), which counts a descendant once it and every process
/// between it and us have been reaped: the harness and plain supervisors reap all they start and
/// are reaped here. bubblewrap breaks that chain (bwrap exits without reaping its PID-1 init), so
/// for it the supervisors' own account is added: each reports getrusage(SELF) + RUSAGE_CHILDREN
/// (every sample and stray it reaped) as its last line (<see cref="SandboxExecutor.SandboxCpu"/>).
/// For the plain mechanism that account is printed beside RUSAGE_CHILDREN as a cross-check.
/// </remarks>
internal static class SandboxThroughput
{
    private const string Trivial = "def f():\n    return 1\n\n\ndef check(candidate):\n    assert candidate() == 1\n\n\ncheck(f)\n";

    public static async Task<int> RunAsync(string[] args)
    {
        var dataset = args.Length > 0 ? args[0] : Path.Combine(RepoRoot(), "..", "shared", "datasets", "humaneval", "HumanEval.jsonl.gz");
        var copies = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        var perInterpreterToo = args.Length > 3 && args[3] == "per-interpreter";
        var problems = HumanEvalLoader.Load(dataset);
        var programs = Enumerable.Range(0, copies)
            .SelectMany(_ => problems.Select(p => HumanEvalProgram.Build(p, p.CanonicalSolution)))
            .ToList();
        var trivial = Enumerable.Repeat(Trivial, programs.Count).ToList();
        var python = PythonInterpreter.Locate(null, Environment.GetEnvironmentVariable("PATH"));
        var options = new SandboxOptions { Workers = workers };
        Console.WriteLine(FormattableString.Invariant(
            $"{programs.Count} samples ({copies} x {problems.Count} canonical solutions), {workers} workers, 3 s timeout, python {python.Version}, {Environment.ProcessorCount} cores"));

        // Warm-up: JIT of this side's code paths and the page cache for python's files.
        await TimeSandbox(python, options, trivial.Take(20).ToList());

        var reference = RunReferenceStyle(python, copies, workers, dataset);
        var plain = await TimeSandbox(python, options with { Mechanism = SandboxMechanism.Process }, programs);
        var ours = await TimeSandbox(python, options, programs);
        var plainTrivial = await TimeSandbox(python, options with { Mechanism = SandboxMechanism.Process }, trivial);
        var oursTrivial = await TimeSandbox(python, options, trivial);
        Timing? perInterpreter = null;
        if (perInterpreterToo)
        {
            using var executor = new PerInterpreterExecutor(python, options);
            perInterpreter = await Time("one interpreter per sample", programs, p => executor.ExecuteAsync(p));
        }

        Console.WriteLine();
        Console.WriteLine("| executor | samples | passed | seconds | samples/s | vs human-eval | CPU ms/sample | of it: tool | of it: sandbox processes |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in new[] { reference, perInterpreter, plain, ours, plainTrivial, oursTrivial }.OfType<Timing>())
        {
            Console.WriteLine(FormattableString.Invariant(
                $"| {row.Name} | {row.Samples} | {row.Passed} | {row.Seconds:0.00} | {row.Rate:0.0} | {row.Rate / reference.Rate:0.00}x | {row.CpuMsPerSample:0.00} | {row.ToolMs / row.Samples:0.00} | {row.SandboxMs / row.Samples:0.00} |"));
        }
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"sandbox ({ours.Name}) / human-eval: {ours.Rate / reference.Rate:0.00}x samples/s (goal >= 8x); CPU per canonical sample {ours.CpuMsPerSample:0.00} ms vs human-eval {reference.CpuMsPerSample:0.00} ms; CPU per trivial sample {oursTrivial.CpuMsPerSample:0.00} ms (goal < 5 ms)"));
        Console.WriteLine(FormattableString.Invariant(
            $"cross-check, plain mechanism: sandbox processes by RUSAGE_CHILDREN {plain.SandboxMs / plain.Samples:0.00} ms/sample, by the supervisors' own account {plain.ReportedMs / plain.Samples:0.00} ms/sample"));

        RunBreakdown(python, dataset);
        return ours.Passed == programs.Count && plain.Passed == programs.Count && oursTrivial.Passed == trivial.Count ? 0 : 1;
    }

    private sealed record Timing(string Name, int Samples, int Passed, double Seconds, double ToolMs, double SandboxMs, double ReportedMs)
    {
        public double Rate => Samples / Seconds;

        public double CpuMsPerSample => (ToolMs + SandboxMs) / Samples;
    }

    private static async Task<Timing> TimeSandbox(PythonInterpreter python, SandboxOptions options, List<string> programs)
    {
        var tool = Environment.CpuUsage.TotalTime;
        var children = ChildrenCpu();
        var clock = Stopwatch.StartNew();
        var sandbox = await SandboxExecutor.StartAsync(python, options, new Dictionary<string, string?>());
        var outcomes = await Task.WhenAll(programs.Select(async p => (await sandbox.ExecuteAsync(p)).Outcome));
        // Ending the supervisors is part of the run: their reports and reaping complete the account.
        await sandbox.DisposeAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        var reported = sandbox.SandboxCpu.User + sandbox.SandboxCpu.System;
        var reaped = ChildrenCpu() - children;
        var bubblewrap = sandbox.Isolation.Mechanism == SandboxMechanism.Bubblewrap;
        var kind = sandbox.Isolation.Mechanism.ToString().ToLowerInvariant();
        var name = (programs[0] == Trivial ? "trivial sample, " : "") + $"EnergyGate sandbox, {kind}";
        return new Timing(name, programs.Count, outcomes.Count(o => o == SampleOutcome.Passed), seconds,
            (Environment.CpuUsage.TotalTime - tool).TotalMilliseconds,
            (bubblewrap ? reaped + reported : reaped).TotalMilliseconds, reported.TotalMilliseconds);
    }

    private static async Task<Timing> Time(string name, List<string> programs, Func<string, Task<SampleOutcome>> run)
    {
        var tool = Environment.CpuUsage.TotalTime;
        var children = ChildrenCpu();
        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(programs.Select(run));
        var seconds = clock.Elapsed.TotalSeconds;
        return new Timing(name, programs.Count, outcomes.Count(o => o == SampleOutcome.Passed), seconds,
            (Environment.CpuUsage.TotalTime - tool).TotalMilliseconds, (ChildrenCpu() - children).TotalMilliseconds, 0);
    }

    /// <summary>getrusage(RUSAGE_CHILDREN) user + system: cutime and cstime of /proc/self/stat, in clock ticks (USER_HZ 100).</summary>
    private static TimeSpan ChildrenCpu()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        // Fields after the command name (which may hold spaces) start at field 3; cutime is 16, cstime 17.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static Timing RunReferenceStyle(PythonInterpreter python, int copies, int workers, string dataset)
    {
        var script = Path.Combine(RepoRoot(), "benchmarks", "reference_style_harness.py");
        var tool = Environment.CpuUsage.TotalTime;
        var children = ChildrenCpu();
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
        var samples = json.RootElement.GetProperty("samples").GetInt32();
        return new Timing("openai/human-eval's check_correctness (multiprocessing per sample)", samples,
            json.RootElement.GetProperty("passed").GetInt32(), seconds,
            (Environment.CpuUsage.TotalTime - tool).TotalMilliseconds, (ChildrenCpu() - children).TotalMilliseconds, 0);
    }

    private static void RunBreakdown(PythonInterpreter python, string dataset)
    {
        var root = RepoRoot();
        var info = new ProcessStartInfo(python.Path, [
            Path.Combine(root, "benchmarks", "sandbox_breakdown.py"),
            Path.Combine(root, "src", "EnergyGate.Core", "Scoring", "Python", "sandbox_supervisor.py"), dataset, "300"])
        {
            UseShellExecute = false,
        };
        Console.WriteLine();
        Console.WriteLine("Where the time goes (sandbox_breakdown.py, the supervisor with --profile, plain mechanism):");
        using var process = Process.Start(info)!;
        process.WaitForExit();
    }

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
