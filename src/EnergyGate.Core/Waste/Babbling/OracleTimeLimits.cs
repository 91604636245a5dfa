using System.Collections.Concurrent;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Waste.Babbling;

/// <summary>
/// The test oracle's per-problem check limits for one run: the canonical solution is run with the
/// problem's tests once per problem (the first time a check needs it) and its time scaled by
/// <see cref="Policy"/>. Shared by every completion of the run; safe for parallel use.
/// </summary>
public sealed class OracleTimeLimits(OracleTimeLimit? policy = null)
{
    private readonly ConcurrentDictionary<string, Lazy<TimeSpan?>> _references = new(StringComparer.Ordinal);

    /// <summary>How a check's limit follows from the canonical solution's time.</summary>
    public OracleTimeLimit Policy { get; } = policy ?? OracleTimeLimit.Default;

    /// <summary>Canonical solutions run so far (one per problem checked).</summary>
    public int ReferenceRuns => _references.Count;

    /// <summary>The limit for a check of <paramref name="problem"/> in <paramref name="sandbox"/>.</summary>
    public TimeSpan For(CodeProblem problem, SandboxExecutor sandbox)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(sandbox);
        var ceiling = Ceiling(problem, sandbox.Options);
        if (Policy.Floor >= ceiling)
        {
            return ceiling;   // nothing to shorten: no need to time the canonical solution
        }
        var reference = _references.GetOrAdd(problem.TaskId, _ => new Lazy<TimeSpan?>(() => Reference(problem, sandbox, ceiling))).Value;
        return Policy.For(reference, ceiling);
    }

    /// <summary>
    /// Times the canonical solutions of <paramref name="problems"/> now, as many at once as the sandbox has
    /// workers, so that no check pays for one inside a measured phase: a reference run in the first
    /// repetition would make it unlike the others. Problems already timed are skipped.
    /// </summary>
    public async Task PrepareAsync(IEnumerable<CodeProblem> problems, SandboxExecutor sandbox, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(sandbox);
        var distinct = problems.DistinctBy(p => p.TaskId, StringComparer.Ordinal).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, sandbox.Options.Workers), CancellationToken = ct };
        await Parallel.ForEachAsync(distinct, options, (problem, _) =>
        {
            For(problem, sandbox);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>The problem's own limit: what a scored sample gets.</summary>
    public static TimeSpan Ceiling(CodeProblem problem, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        return problem.TimeLimit is { } own && own > options.Timeout ? own : options.Timeout;
    }

    /// <summary>The canonical solution's time with the tests, or null when it does not pass (then nothing is shortened).</summary>
    private static TimeSpan? Reference(CodeProblem problem, SandboxExecutor sandbox, TimeSpan ceiling)
    {
        if (string.IsNullOrWhiteSpace(problem.CanonicalSolution))
        {
            return null;
        }
        var program = CodeProgram.Build(problem, problem.CanonicalSolution, PromptFormat.Raw);
        var result = sandbox.ExecuteWithLimitAsync(program, ceiling).GetAwaiter().GetResult();
        return result.Outcome == SampleOutcome.Passed ? result.Elapsed : null;
    }
}
