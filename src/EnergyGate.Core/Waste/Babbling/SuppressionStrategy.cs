using EnergyGate.Core.Generation;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Waste.Babbling;

/// <summary>How generation is stopped once the answer is complete.</summary>
public enum SuppressionStrategy
{
    /// <summary>No suppression: no stop strings, no criteria (the babbling baseline).</summary>
    None,

    /// <summary>The HumanEval harness's stop strings (<see cref="GenerationSettings.HumanEvalStopStrings"/>).</summary>
    StopWords,

    /// <summary><see cref="SyntaxCriterion"/>: stop when the function is closed and parses.</summary>
    Syntax,

    /// <summary><see cref="TestOracleCriterion"/>: stop when the problem's tests pass.</summary>
    TestOracle,
}

/// <summary>Parses strategy names and builds what one completion needs.</summary>
public static class SuppressionStrategies
{
    /// <summary>The names as written in configuration and reports, in enum order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["none", "stop-words", "syntax", "test-oracle"];

    /// <summary>The configuration name of <paramref name="strategy"/>.</summary>
    public static string Name(this SuppressionStrategy strategy) => Names[(int)strategy];

    /// <summary>Parses "none", "stop-words", "syntax" or "test-oracle" (case-insensitive).</summary>
    /// <exception cref="EnergyGateException">Any other name; the message lists the valid ones.</exception>
    public static SuppressionStrategy Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name.Trim(), StringComparison.OrdinalIgnoreCase))
                return (SuppressionStrategy)i;
        }
        throw new EnergyGateException($"unknown babbling suppression strategy '{name}'; use one of {string.Join(", ", Names)}");
    }

    /// <summary>
    /// The stop strings and criterion for one completion of <paramref name="problem"/>. Create one per
    /// completion (criteria count their own checks). <paramref name="checker"/> is needed by
    /// <c>syntax</c> (and used as the oracle's prefilter), <paramref name="sandbox"/> by <c>test-oracle</c>, whose checks
    /// run under <paramref name="oracleLimits"/> (pass one per run: it runs each problem's canonical solution once).
    /// </summary>
    /// <exception cref="EnergyGateException">The strategy needs a service that was not given.</exception>
    public static SuppressionPlan Create(SuppressionStrategy strategy, CodeProblem problem, SyntaxChecker? checker = null,
        SandboxExecutor? sandbox = null, PromptFormat format = PromptFormat.Raw, OracleTimeLimits? oracleLimits = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return strategy switch
        {
            SuppressionStrategy.None => new SuppressionPlan(strategy, [], null),
            SuppressionStrategy.StopWords => new SuppressionPlan(strategy, GenerationSettings.HumanEvalStopStrings, null),
            SuppressionStrategy.Syntax => new SuppressionPlan(strategy, [],
                new SyntaxCriterion(problem, checker ?? throw Needs(strategy, "a syntax checker (python)"), format)),
            SuppressionStrategy.TestOracle => new SuppressionPlan(strategy, [],
                new TestOracleCriterion(problem, sandbox ?? throw Needs(strategy, "the sandbox"), checker, format, oracleLimits)),
            _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
        };
    }

    private static EnergyGateException Needs(SuppressionStrategy strategy, string what) =>
        new($"babbling suppression '{strategy.Name()}' needs {what}, which was not started");
}

/// <summary>What one completion is generated with under a strategy.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="StopStrings">Stop strings replacing the settings' own.</param>
/// <param name="Criterion">The checking criterion, null for none and stop-words; read its overhead after generation.</param>
public sealed record SuppressionPlan(SuppressionStrategy Strategy, IReadOnlyList<string> StopStrings, CheckingCriterion? Criterion)
{
    /// <summary><paramref name="settings"/> with this plan's stop strings.</summary>
    public GenerationSettings Apply(GenerationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { StopStrings = StopStrings };
    }

    /// <summary><paramref name="hooks"/> (or none) with this plan's criterion added first.</summary>
    public GenerationHooks Apply(GenerationHooks? hooks)
    {
        hooks ??= GenerationHooks.None;
        return Criterion is null ? hooks : hooks with { Criteria = [Criterion, .. hooks.Criteria] };
    }
}
