using EnergyGate.Core.Configuration;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// The Python processes a run needs, started in the background while the run loads its models:
/// the syntax checker (suppression and babbling) and the sandbox (test-oracle suppression and
/// scoring). Both only wait for requests once started, so they sit idle through the measurement,
/// as the checker always did. The interpreter is located (and probed) once for both.
/// </summary>
internal sealed class RunPythonHelpers : IAsyncDisposable
{
    private readonly Lazy<PythonInterpreter> _python;
    private readonly Task<SyntaxChecker?> _checker;
    private readonly Task<SandboxExecutor?> _sandbox;
    private bool _handedOver;

    private RunPythonHelpers(Lazy<PythonInterpreter> python, Task<SyntaxChecker?> checker, Task<SandboxExecutor?> sandbox)
    {
        _python = python;
        _checker = checker;
        _sandbox = sandbox;
    }

    /// <summary>The interpreter, located on first use.</summary>
    public PythonInterpreter Python => _python.Value;

    /// <summary>Starts what <paramref name="plan"/> needs, each on the thread pool; errors surface in <see cref="ReadyAsync"/>.</summary>
    public static RunPythonHelpers Start(RunPlan plan, ResolvedSettings settings, IReadOnlyDictionary<string, string?> environment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        var python = new Lazy<PythonInterpreter>(() => PythonInterpreter.Locate(settings.Python, environment.GetValueOrDefault("PATH")), LazyThreadSafetyMode.ExecutionAndPublication);
        var (checker, sandbox) = Needs(plan);
        return new RunPythonHelpers(
            python,
            checker ? OwnThread<SyntaxChecker?>(() => Task.FromResult<SyntaxChecker?>(SyntaxChecker.Start(python.Value)), ct) : Task.FromResult<SyntaxChecker?>(null),
            sandbox ? OwnThread<SandboxExecutor?>(async () => await SandboxExecutor.StartAsync(python.Value, settings.Sandbox, environment, ct), ct) : Task.FromResult<SandboxExecutor?>(null));
    }

    /// <summary>
    /// On a thread of its own: the starts wait on the processes synchronously (the probe, the hello
    /// line), and on the thread pool they held both of a 2-core machine's threads while the model
    /// writer's Task.Run waited for the pool to grow (measured: ~1 s more in `prepare/model`).
    /// </summary>
    private static Task<T> OwnThread<T>(Func<Task<T>> start, CancellationToken ct) =>
        Task.Factory.StartNew(start, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>
    /// What the plan's cells need: the checker for syntax or test-oracle suppression and for where code
    /// answers were complete; the sandbox for the test oracle and for scoring code.
    /// </summary>
    public static (bool Checker, bool Sandbox) Needs(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var strategies = plan.Cells.Select(c => SuppressionStrategies.Parse(c.Suite.Suppression ?? SuppressionNames.DefaultFor(c.Suite.Name))).ToHashSet();
        var runsCode = plan.Cells.Any(c => SuiteDefinitions.Get(c.Suite.Name).Scorer.RunsCode);
        var oracle = strategies.Contains(SuppressionStrategy.TestOracle);
        return (oracle || strategies.Contains(SuppressionStrategy.Syntax) || runsCode, oracle || runsCode);
    }

    /// <summary>Waits for both; the caller owns (and disposes) them from here on.</summary>
    public async Task<(SyntaxChecker? Checker, SandboxExecutor? Sandbox)> ReadyAsync()
    {
        try
        {
            return (await _checker, await _sandbox);
        }
        finally
        {
            _handedOver = _checker.IsCompletedSuccessfully && _sandbox.IsCompletedSuccessfully;
        }
    }

    /// <summary>Stops what was started but not handed over (a run that failed while loading).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_handedOver)
        {
            return;
        }
        await Task.WhenAll(_checker, _sandbox).ContinueWith(_ => { }, TaskScheduler.Default);
        if (_checker.IsCompletedSuccessfully)
        {
            _checker.Result?.Dispose();
        }
        if (_sandbox.IsCompletedSuccessfully && _sandbox.Result is { } sandbox)
        {
            await sandbox.DisposeAsync();
        }
    }
}
