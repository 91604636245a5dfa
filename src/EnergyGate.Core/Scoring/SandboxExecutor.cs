using System.Collections.Concurrent;

namespace EnergyGate.Core.Scoring;

/// <summary>
/// Executes generated Python programs in parallel, each in a fresh, limited, network-less child
/// forked by a warm supervisor process (see <c>Python/sandbox_supervisor.py</c>).
/// </summary>
public sealed class SandboxExecutor : IAsyncDisposable
{
    private const string ScriptResource = "EnergyGate.Scoring.sandbox_supervisor.py";
    private readonly SandboxOptions _options;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly string _scriptDirectory;
    private readonly SandboxLaunch _launch;
    private readonly ConcurrentBag<SandboxWorker> _idle = [];
    private readonly SemaphoreSlim _slots;

    private SandboxExecutor(
        SandboxOptions options, IReadOnlyDictionary<string, string?> environment,
        string scriptDirectory, SandboxLaunch launch, SandboxIsolation isolation)
    {
        _options = options;
        _environment = environment;
        _scriptDirectory = scriptDirectory;
        _launch = launch;
        _slots = new SemaphoreSlim(options.Workers, options.Workers);
        Isolation = isolation;
    }

    /// <summary>The isolation actually in force, as reported by the supervisor.</summary>
    public SandboxIsolation Isolation { get; }

    /// <summary>The limits applied to every sample.</summary>
    public SandboxOptions Options => _options;

    private long _userTicks;
    private long _systemTicks;

    /// <summary>
    /// CPU time (user, system) used by the supervisors that have ended so far and by every process
    /// they reaped: the samples and anything those left behind. Complete after <see cref="DisposeAsync"/>.
    /// Inside bubblewrap this is the only account of it: bwrap does not reap its PID-1 init, so
    /// none of it reaches the tool's own getrusage(RUSAGE_CHILDREN).
    /// </summary>
    public (TimeSpan User, TimeSpan System) SandboxCpu => (TimeSpan.FromTicks(Interlocked.Read(ref _userTicks)), TimeSpan.FromTicks(Interlocked.Read(ref _systemTicks)));

    private void Retire(SandboxWorker worker)
    {
        worker.Dispose();
        if (worker.Usage is { } usage)
        {
            Interlocked.Add(ref _userTicks, TimeSpan.FromSeconds(usage.UserSeconds).Ticks);
            Interlocked.Add(ref _systemTicks, TimeSpan.FromSeconds(usage.SystemSeconds).Ticks);
        }
    }

    /// <summary>
    /// Starts the workers. <paramref name="parentEnvironment"/> is the tool's environment; only an
    /// allow-list of it (locale, temp dir) reaches the sandbox.
    /// </summary>
    public static async Task<SandboxExecutor> StartAsync(
        PythonInterpreter python, SandboxOptions options, IReadOnlyDictionary<string, string?> parentEnvironment,
        CancellationToken ct = default)
    {
        if (options.Workers < 1)
        {
            throw new EnergyGateException($"sandbox workers must be at least 1, found {options.Workers}.");
        }
        var directory = Directory.CreateTempSubdirectory("energygate-supervisor-").FullName;
        // The script folder is bound read-only into bubblewrap, whose unprivileged side must read it.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        await using (var resource = typeof(SandboxExecutor).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"missing embedded resource {ScriptResource}"))
        await using (var file = File.Create(Path.Combine(directory, "sandbox_supervisor.py")))
        {
            await resource.CopyToAsync(file, ct);
        }
        try
        {
            var (launch, first) = await SandboxLaunchChoice.StartFirstAsync(python, directory, options, parentEnvironment, ct);
            var isolation = SandboxIsolation.From(first.Hello, launch, options);
            var executor = new SandboxExecutor(options, parentEnvironment, directory, launch, isolation);
            try
            {
                await executor.WarmUpAsync(first, ct);
            }
            catch
            {
                executor.RetireIdle();   // cancelled while warming up: no supervisor may outlive the failed start
                throw;
            }
            return executor;
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Starts every worker and has each run one trivial sample before the first real one, so no sample (a
    /// test-oracle check inside the timed decode loop above all) waits for a supervisor to start or for this
    /// side's first request to be compiled (the tool runs without tiered compilation). Measured with the
    /// `oracle` benchmark on a 2-core VM: without it the first sample took 23-29 ms and the first on a second
    /// worker 72 ms (its supervisor's start) against 2 ms later; with it 6 ms and 5 ms (0.9-1.1 s had been
    /// seen in a run on a slower, loaded VM). A worker that fails to start or to warm up is left to start on
    /// demand, as before.
    /// </summary>
    private async Task WarmUpAsync(SandboxWorker first, CancellationToken ct)
    {
        var others = await Task.WhenAll(Enumerable.Range(1, _options.Workers - 1).Select(_ => TryStartAsync(ct)));
        await Task.WhenAll(others.OfType<SandboxWorker>().Prepend(first).Select(worker => WarmAsync(worker, ct)));
        // Once more through the public entry point, whose first call otherwise compiles ~10 ms of this side's code.
        await ExecuteAsync(WarmUpProgram, ct);
    }

    private async Task<SandboxWorker?> TryStartAsync(CancellationToken ct)
    {
        try
        {
            return await SandboxWorker.StartAsync(_launch, _environment, ct);
        }
        catch (EnergyGateException)
        {
            return null;   // the sample that needs it starts it again and reports why it failed
        }
    }

    private async Task WarmAsync(SandboxWorker worker, CancellationToken ct)
    {
        var warm = false;
        try
        {
            await worker.RunAsync(WarmUpProgram, _options, ct);
            _idle.Add(worker);
            warm = true;
        }
        catch (EnergyGateException)
        {
            // Replaced on demand, as a supervisor that breaks later is.
        }
        finally
        {
            if (!warm)
            {
                Retire(worker);
            }
        }
    }

    private const string WarmUpProgram = "def check(candidate):\n    assert candidate() == 1\n\n\ncheck(lambda: 1)\n";

    /// <summary>Runs one complete program (it must end with the check call) and returns its verdict.</summary>
    public Task<ExecutionResult> ExecuteAsync(string program, CancellationToken ct = default) => ExecuteAsync(program, timeLimit: null, ct);

    /// <summary>
    /// Runs one complete program under a wall-clock limit of its own when <paramref name="timeLimit"/> is longer than
    /// the configured one (the CPU limit grows with it); the configured limits otherwise.
    /// </summary>
    public Task<ExecutionResult> ExecuteAsync(string program, TimeSpan? timeLimit, CancellationToken ct = default) =>
        timeLimit is { } own && own > _options.Timeout ? ExecuteWithLimitAsync(program, own, ct) : RunAsync(program, _options, ct);

    /// <summary>
    /// Runs one complete program under exactly <paramref name="timeLimit"/> of wall-clock time, shorter than the
    /// configured one too (the test oracle's checks: see <c>OracleTimeLimit</c>); the other limits as configured,
    /// the CPU limit grown to cover a longer wall-clock one.
    /// </summary>
    public Task<ExecutionResult> ExecuteWithLimitAsync(string program, TimeSpan timeLimit, CancellationToken ct = default)
    {
        if (timeLimit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeLimit), timeLimit, "a sample's time limit must be positive");
        }
        var limits = _options with { Timeout = timeLimit, CpuSeconds = Math.Max(_options.CpuSeconds, (int)Math.Ceiling(timeLimit.TotalSeconds)) };
        return RunAsync(program, limits, ct);
    }

    private async Task<ExecutionResult> RunAsync(string program, SandboxOptions limits, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        SandboxWorker? worker = null;
        try
        {
            worker = _idle.TryTake(out var idle) && !idle.HasExited
                ? idle
                : await SandboxWorker.StartAsync(_launch, _environment, ct);
            var result = await worker.RunAsync(program, limits, ct);
            _idle.Add(worker);
            worker = null;
            return result;
        }
        catch (EnergyGateException ex)
        {
            // A broken supervisor fails this sample only; the next call starts a fresh one.
            return new ExecutionResult(SampleOutcome.Failed, $"sandbox error: {ex.Message}", TimeSpan.Zero);
        }
        finally
        {
            if (worker is not null)
            {
                Retire(worker);
            }
            _slots.Release();
        }
    }

    /// <summary>Supervisors started, warm and waiting for a sample (all of them between samples).</summary>
    internal int IdleWorkers => _idle.Count;

    private void RetireIdle()
    {
        while (_idle.TryTake(out var worker))
        {
            Retire(worker);
        }
    }

    /// <summary>Stops every supervisor and removes the extracted script.</summary>
    public ValueTask DisposeAsync()
    {
        RetireIdle();
        _slots.Dispose();
        try
        {
            Directory.Delete(_scriptDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
        return ValueTask.CompletedTask;
    }
}
