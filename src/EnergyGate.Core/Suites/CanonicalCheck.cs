using EnergyGate.Core.Configuration;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites.Definitions;

namespace EnergyGate.Core.Suites;

/// <summary>One task whose canonical solution does not pass its own tests.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Result">What the sandbox said ("failed: ...", "timed out").</param>
public sealed record CanonicalFailure(string TaskId, string Result);

/// <summary>
/// <c>--check-suite</c> and <c>suite check</c>: runs every canonical solution against its tests in the
/// sandbox before anything is measured, so a broken private suite (a typo in a test, a solution that
/// needs a module the sandbox lacks) fails at once with the tasks named, instead of lowering pass@k.
/// </summary>
public static class CanonicalCheck
{
    // Enough to act on without flooding a terminal; the count says how many more there are.
    private const int Listed = 20;

    /// <summary>The tasks whose canonical solution fails, in the suite's order.</summary>
    public static async Task<IReadOnlyList<CanonicalFailure>> RunAsync(IReadOnlyList<CodeProblem> problems, SandboxExecutor sandbox, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(sandbox);
        var scores = await Task.WhenAll(problems.Select(p => SandboxScorer.Instance.ScoreAsync(p, p.CanonicalSolution, sandbox, ct)));
        return [.. problems.Zip(scores).Where(x => !x.Second.Passed).Select(x => new CanonicalFailure(x.First.TaskId, x.Second.Result))];
    }

    /// <summary>The problems a configured code-generation suite would run (its file, data-dir or cache; limited as configured), or null for a suite without canonical solutions to check.</summary>
    public static async Task<IReadOnlyList<CodeProblem>?> LoadAsync(SuiteSettings suite, DatasetCache cache, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(cache);
        if (SuiteDefinitions.Find(suite.Name) is not CodeGenerationSuite definition)
        {
            return null;
        }
        var problems = suite.File is { } file && definition is DatasetCodeSuite fromFile
            ? fromFile.LoadFile(file)
            : await definition.LoadProblemsAsync(suite.DataDir, cache, ct);
        return suite.Limit is { } limit ? [.. problems.Take(limit)] : problems;
    }

    /// <summary>
    /// Checks every distinct code-generation suite of a plan (suppression variants share their suite's data).
    /// </summary>
    /// <exception cref="EnergyGateException">Some canonical solutions fail; the message lists the tasks per suite.</exception>
    public static async Task EnsurePassAsync(IEnumerable<SuiteSettings> suites, DatasetCache cache, Func<Task<SandboxExecutor>> sandbox, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(suites);
        ArgumentNullException.ThrowIfNull(sandbox);
        var problems = new List<string>();
        SandboxExecutor? executor = null;
        foreach (var suite in suites.DistinctBy(s => (s.Name, s.File, s.DataDir, s.Limit)))
        {
            if (await LoadAsync(suite, cache, ct) is not { } tasks)
            {
                continue;
            }
            executor ??= await sandbox();
            var failures = await RunAsync(tasks, executor, ct);
            if (failures.Count > 0)
            {
                problems.Add(Describe($"suite `{suite.Id}`" + (suite.File is null ? "" : $" ({suite.File})"), tasks.Count, failures));
            }
        }
        if (problems.Count > 0)
        {
            throw new EnergyGateException(string.Join("\n", problems) + "\nfix those tasks' tests or canonical solutions (or remove them from the file), then run again.");
        }
    }

    /// <summary>One line per failing task under a heading that counts them.</summary>
    public static string Describe(string source, int total, IReadOnlyList<CanonicalFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var lines = failures.Take(Listed).Select(f => $"  {f.TaskId}: {f.Result}");
        var more = failures.Count > Listed ? [$"  ... and {failures.Count - Listed} more"] : Array.Empty<string>();
        return string.Join("\n", [$"{source}: the canonical solution of {failures.Count} of {total} tasks does not pass its tests:", .. lines, .. more]);
    }
}
