using System.Diagnostics;
using System.Globalization;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.HumanEval;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Benchmarks;

/// <summary>
/// What the test-oracle suppression pays per check. First, a fresh sandbox as a run starts it: how long
/// StartAsync takes, the first sample on the started worker, the first on each other worker (several at
/// once), then the median of sequential samples. Then the oracle itself on every canonical HumanEval
/// solution, checked at each newline as a completion grows (with the syntax prefilter, as in a run), once
/// with no short limit (every check under the sample limit, as before <see cref="OracleTimeLimit"/>) and
/// once with the default, alternated per problem: checks, sandbox runs, checks that ran out of time, wall
/// time per check, and whether both stop at the same newline.
/// Run it with DOTNET_TieredCompilation=0 to get the tool's JIT (the tool turns tiered compilation off).
/// </summary>
internal static class OracleChecks
{
    private const string Trivial = "def f():\n    return 1\n\n\ndef check(candidate):\n    assert candidate() == 1\n\n\ncheck(f)\n";

    public static async Task<int> RunAsync(string[] args)
    {
        var dataset = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "datasets", "humaneval", "HumanEval.jsonl.gz");
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 164;
        var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        var python = PythonInterpreter.Locate(null, Environment.GetEnvironmentVariable("PATH"));
        var options = new SandboxOptions { Workers = workers };
        Console.WriteLine(FormattableString.Invariant(
            $"python {python.Version}, {Environment.ProcessorCount} cores, {workers} workers, tiered compilation {(Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") == "0" ? "off" : "on")}"));

        var clock = Stopwatch.StartNew();
        await using var sandbox = await SandboxExecutor.StartAsync(python, options, new Dictionary<string, string?>());
        var started = clock.Elapsed.TotalMilliseconds;
        var inSandbox = TimeSpan.Zero;
        var first = await Ms(async () =>
        {
            var result = await sandbox.ExecuteAsync(Trivial);
            inSandbox = result.Elapsed;
            return result;
        });
        var together = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Ms(() => sandbox.ExecuteAsync(Trivial))));
        var sequential = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            sequential.Add(await Ms(() => sandbox.ExecuteAsync(Trivial)));
        }
        Console.WriteLine();
        Console.WriteLine("| sandbox start | first sample (of it: in the supervisor) | first samples on all workers at once (max) | later samples (median) |");
        Console.WriteLine("|---:|---:|---:|---:|");
        Console.WriteLine(FormattableString.Invariant(
            $"| {started:0} ms | {first:0.0} ms ({inSandbox.TotalMilliseconds:0.0} ms) | {together.Max():0.0} ms | {Median(sequential):0.0} ms |"));

        var problems = HumanEvalLoader.Load(dataset).Take(count).ToList();
        using var checker = SyntaxChecker.Start(python);
        var off = new Side("no short limit (the sample limit, 3 s)", new OracleTimeLimits(OracleTimeLimit.Off));
        var on = new Side(FormattableString.Invariant($"short limit ({OracleTimeLimit.Default.Factor:0.#} x canonical, at least {OracleTimeLimit.Default.Floor.TotalSeconds:0.##} s)"), new OracleTimeLimits());
        var sameStop = 0;
        foreach (var (problem, index) in problems.Select((p, i) => (p, i)))
        {
            // Alternate which side goes first, so neither always meets a warmer machine.
            var (a, b) = index % 2 == 0 ? (off, on) : (on, off);
            var endA = a.Check(problem, sandbox, checker);
            var endB = b.Check(problem, sandbox, checker);
            sameStop += endA == endB ? 1 : 0;
        }
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"{problems.Count} canonical HumanEval solutions checked at each newline (syntax prefilter on):"));
        Console.WriteLine("| oracle checks | checks | sandbox runs | ran out of time | seconds in checks | ms per check (mean) | ms per sandbox run (mean) | stopped at the solution's end |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var side in new[] { off, on })
        {
            Console.WriteLine(FormattableString.Invariant(
                $"| {side.Name} | {side.Checks} | {side.SandboxRuns} | {side.TimedOut} | {side.Seconds:0.00} | {side.Seconds * 1000 / side.Checks:0.0} | {side.Seconds * 1000 / Math.Max(1, side.SandboxRuns):0.0} | {side.Stopped} |"));
        }
        Console.WriteLine(FormattableString.Invariant(
            $"same stop point on both sides: {sameStop} of {problems.Count}; canonical solutions timed for the short limit: {on.Limits.ReferenceRuns} (their runs are in its seconds)"));
        return sameStop == problems.Count ? 0 : 1;
    }

    private static async Task<double> Ms(Func<Task<ExecutionResult>> run)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await run();
        if (result.Outcome != SampleOutcome.Passed)
        {
            throw new InvalidOperationException($"the trivial sample did not pass: {result.HumanEvalResult}");
        }
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private sealed class Side(string name, OracleTimeLimits limits)
    {
        public string Name => name;

        public OracleTimeLimits Limits => limits;

        public int Checks { get; private set; }

        public int SandboxRuns { get; private set; }

        public int TimedOut { get; private set; }

        public int Stopped { get; private set; }

        public double Seconds { get; private set; }

        /// <summary>The oracle on the canonical solution as it grows, newline by newline, until it passes.</summary>
        public int? Check(CodeProblem problem, SandboxExecutor sandbox, SyntaxChecker checker)
        {
            var oracle = new TestOracleCriterion(problem, sandbox, checker, PromptFormat.Raw, limits);
            var started = Stopwatch.GetTimestamp();
            int? end = null;
            var text = problem.CanonicalSolution;
            for (var i = text.IndexOf('\n'); i >= 0 && end is null; i = text.IndexOf('\n', i + 1))
            {
                end = oracle.UsefulEnd(text[..(i + 1)]);
            }
            Seconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            Checks += oracle.Checks;
            SandboxRuns += oracle.SandboxRuns;
            TimedOut += oracle.TimedOut;
            Stopped += end is not null ? 1 : 0;
            return end;
        }
    }
}
