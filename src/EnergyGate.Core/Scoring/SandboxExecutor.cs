using System.Collections.Concurrent;

namespace EnergyGate.Core.Scoring;

/// <summary>
/// Executes generated Python programs in parallel, each in a fresh, limited, network-less child
/// forked by a warm supervisor process (see <c>Python/sandbox_supervisor.py</c>).
/// </summary>
public sealed class SandboxExecutor : IAsyncDisposable
{
    private const string ScriptResource = "EnergyGate.Scoring.sandbox_supervisor.py";
    private readonly PythonInterpreter _python;
    private readonly SandboxOptions _options;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly string _scriptDirectory;
    private readonly string _scriptPath;
    private readonly ConcurrentBag<SandboxWorker> _idle = [];
    private readonly SemaphoreSlim _slots;

    private SandboxExecutor(
        PythonInterpreter python, SandboxOptions options, IReadOnlyDictionary<string, string?> environment,
        string scriptDirectory, SandboxIsolation isolation)
    {
        _python = python;
        _options = options;
        _environment = environment;
        _scriptDirectory = scriptDirectory;
        _scriptPath = Path.Combine(scriptDirectory, "sandbox_supervisor.py");
        _slots = new SemaphoreSlim(options.Workers, options.Workers);
        Isolation = isolation;
    }

    /// <summary>The isolation actually in force, as reported by the supervisor.</summary>
    public SandboxIsolation Isolation { get; }

    /// <summary>The limits applied to every sample.</summary>
    public SandboxOptions Options => _options;

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
        await using (var resource = typeof(SandboxExecutor).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"missing embedded resource {ScriptResource}"))
        await using (var file = File.Create(Path.Combine(directory, "sandbox_supervisor.py")))
        {
            await resource.CopyToAsync(file, ct);
        }
        var first = await SandboxWorker.StartAsync(python, Path.Combine(directory, "sandbox_supervisor.py"), parentEnvironment, ct);
        var isolation = new SandboxIsolation(
            first.Hello.Python, first.Hello.NetworkIsolated, first.Hello.NetworkIsolation, first.Hello.Uid == 0, options);
        var executor = new SandboxExecutor(python, options, parentEnvironment, directory, isolation);
        executor._idle.Add(first);
        return executor;
    }

    /// <summary>Runs one complete program (it must end with the check call) and returns its verdict.</summary>
    public async Task<ExecutionResult> ExecuteAsync(string program, CancellationToken ct = default)
    {
        await _slots.WaitAsync(ct);
        SandboxWorker? worker = null;
        try
        {
            worker = _idle.TryTake(out var idle) && !idle.HasExited
                ? idle
                : await SandboxWorker.StartAsync(_python, _scriptPath, _environment, ct);
            var result = await worker.RunAsync(program, _options, ct);
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
            worker?.Dispose();
            _slots.Release();
        }
    }

    /// <summary>Stops every supervisor and removes the extracted script.</summary>
    public ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var worker))
        {
            worker.Dispose();
        }
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
