using System.Diagnostics;
using System.Text.Json;

namespace EnergyGate.Core.Scoring;

/// <summary>
/// One supervisor process. It runs one sample at a time; the executor keeps several of them busy.
/// </summary>
internal sealed class SandboxWorker : IDisposable
{
    private static readonly string[] AllowedVariables = ["LANG", "LC_ALL", "TMPDIR"];
    private readonly Process _process;
    private long _nextId;

    private SandboxWorker(Process process, SandboxWire.Hello hello)
    {
        _process = process;
        Hello = hello;
    }

    public SandboxWire.Hello Hello { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a supervisor with an allow-listed environment: the tool's secrets never reach it.</summary>
    public static async Task<SandboxWorker> StartAsync(
        PythonInterpreter python, string scriptPath, IReadOnlyDictionary<string, string?> parentEnvironment, CancellationToken ct)
    {
        var info = new ProcessStartInfo(python.Path, ["-I", "-B", scriptPath])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        info.Environment["HOME"] = Path.GetTempPath();
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        info.Environment["OMP_NUM_THREADS"] = "1";
        foreach (var name in AllowedVariables)
        {
            if (parentEnvironment.TryGetValue(name, out var value) && value is not null)
            {
                info.Environment[name] = value;
            }
        }
        var process = Process.Start(info) ?? throw new EnergyGateException($"could not start the sandbox with '{python.Path}'.");
        var line = await process.StandardOutput.ReadLineAsync(ct);
        var hello = line is null ? null : JsonSerializer.Deserialize<SandboxWire.Hello>(line, SandboxWire.Options);
        if (hello is not { Ready: true })
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new EnergyGateException($"the sandbox supervisor did not start with '{python.Path}' (it said: {line ?? "nothing"}).");
        }
        return new SandboxWorker(process, hello);
    }

    /// <summary>Runs one program; the supervisor enforces the limits, this side only guards against a hung supervisor.</summary>
    public async Task<ExecutionResult> RunAsync(string program, SandboxOptions limits, CancellationToken ct)
    {
        var request = new SandboxWire.Request(
            ++_nextId, program, limits.Timeout.TotalSeconds, limits.MemoryBytes, limits.CpuSeconds,
            limits.FileSizeBytes, limits.MaxProcesses);
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request, SandboxWire.Options).AsMemory(), ct);
        await _process.StandardInput.FlushAsync(ct);
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(ct);
        guard.CancelAfter(limits.Timeout + TimeSpan.FromSeconds(10));
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(guard.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Kill();
            throw new EnergyGateException("the sandbox supervisor stopped answering and was restarted.");
        }
        var reply = line is null ? null : JsonSerializer.Deserialize<SandboxWire.Reply>(line, SandboxWire.Options);
        if (reply is null || reply.Id != request.Id)
        {
            Kill();
            throw new EnergyGateException($"the sandbox supervisor answered out of turn ({line ?? "it exited"}); it was restarted.");
        }
        return SandboxWire.ToResult(reply);
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        try
        {
            // Closing stdin ends the supervisor's loop; it removes its scratch folder on the way out.
            _process.StandardInput.Close();
            if (!_process.WaitForExit(2000))
            {
                Kill();
            }
        }
        catch (IOException)
        {
            Kill();
        }
        _process.Dispose();
    }
}
