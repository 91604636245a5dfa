using System.Diagnostics;
using System.Text.Json;

namespace EnergyGate.Core.Scoring;

/// <summary>
/// One supervisor process. It runs one sample at a time; the executor keeps several of them busy.
/// </summary>
internal sealed class SandboxWorker : IDisposable
{
    private static readonly string[] AllowedVariables = ["LANG", "LC_ALL", "TMPDIR"];

    /// <summary>How long a supervisor may take to start and probe itself.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long past a sample's own timeout the supervisor may take to answer. It kills and cleans
    /// up within milliseconds; a supervisor that misses this was stopped or wedged (a sample can
    /// send SIGSTOP to it where both run as one uid) and is replaced, failing only that sample.
    /// </summary>
    internal static readonly TimeSpan AnswerMargin = TimeSpan.FromSeconds(5);
    private readonly Process _process;
    private long _nextId;

    private readonly string? _scratch;

    private SandboxWorker(Process process, SandboxWire.Hello hello, string? scratch)
    {
        _process = process;
        _scratch = scratch;
        Hello = hello;
    }

    public SandboxWire.Hello Hello { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a supervisor with an allow-listed environment: the tool's secrets never reach it.</summary>
    public static async Task<SandboxWorker> StartAsync(
        SandboxLaunch launch, IReadOnlyDictionary<string, string?> parentEnvironment, CancellationToken ct)
    {
        var inBubblewrap = launch.Mechanism == SandboxMechanism.Bubblewrap;
        // bubblewrap's scratch is a tmpfs that vanishes with it; the fallback's is a folder this
        // side owns, so nothing stays behind when a supervisor is killed.
        var scratch = inBubblewrap ? null : ScratchFolder.Create();
        var info = new ProcessStartInfo(launch.FileName, scratch is null ? launch.Arguments : [.. launch.Arguments, "--scratch", scratch])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            // bwrap says on stderr why it could not set up; the supervisor hardly writes there.
            RedirectStandardError = inBubblewrap,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        info.Environment["HOME"] = inBubblewrap ? "/tmp" : Path.GetTempPath();
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        info.Environment["OMP_NUM_THREADS"] = "1";
        foreach (var name in AllowedVariables)
        {
            if (parentEnvironment.TryGetValue(name, out var value) && value is not null)
            {
                info.Environment[name] = value;
            }
        }
        if (inBubblewrap)
        {
            info.Environment["TMPDIR"] = "/tmp";   // the host's temp folder does not exist inside
        }
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new EnergyGateException($"could not start the sandbox with '{launch.FileName}'.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            ScratchFolder.Delete(scratch);
            throw new EnergyGateException($"could not start the sandbox with '{launch.FileName}': {ex.Message}", ex);
        }
        var errors = inBubblewrap ? new StderrTail(process) : null;
        var line = await ReadHelloAsync(process, ct);
        SandboxWire.Hello? hello = null;
        try
        {
            hello = line is null ? null : JsonSerializer.Deserialize<SandboxWire.Hello>(line, SandboxWire.Options);
        }
        catch (JsonException)
        {
            // Reported below with what it said.
        }
        if (hello is not { Ready: true })
        {
            KillQuietly(process);
            if (process.WaitForExit(2000))
            {
                process.WaitForExit();   // lets the stderr reader reach the end of what bwrap said
            }
            var said = errors?.Text() is { Length: > 0 } stderr ? $"{line ?? ""} {stderr}".Trim() : line ?? "nothing";
            process.Dispose();
            ScratchFolder.Delete(scratch);
            throw new EnergyGateException($"the sandbox supervisor did not start with '{launch.FileName}' (it said: {said}).");
        }
        return new SandboxWorker(process, hello, scratch);
    }

    /// <summary>The supervisor's first line, within a generous bound: a wedged start must not hang the tool.</summary>
    private static async Task<string?> ReadHelloAsync(Process process, CancellationToken ct)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(ct);
        guard.CancelAfter(StartTimeout);
        try
        {
            return await process.StandardOutput.ReadLineAsync(guard.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"nothing within {StartTimeout.TotalSeconds:0} s";
        }
    }

    /// <summary>Runs one program; the supervisor enforces the limits, this side only guards against a hung supervisor.</summary>
    public async Task<ExecutionResult> RunAsync(string program, SandboxOptions limits, CancellationToken ct)
    {
        var request = new SandboxWire.Request(
            ++_nextId, program, limits.Timeout.TotalSeconds, limits.MemoryBytes, limits.CpuSeconds,
            limits.FileSizeBytes, limits.MaxProcesses);
        try
        {
            await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request, SandboxWire.Options).AsMemory(), ct);
            await _process.StandardInput.FlushAsync(ct);
        }
        catch (IOException ex)
        {
            Kill();
            throw new EnergyGateException($"the sandbox supervisor had exited ({ex.Message}); it was replaced.", ex);
        }
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(ct);
        guard.CancelAfter(limits.Timeout + AnswerMargin);
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(guard.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Kill();
            throw new EnergyGateException(FormattableString.Invariant(
                $"the sandbox supervisor did not answer within {(limits.Timeout + AnswerMargin).TotalSeconds:0.#} s (stopped or wedged, possibly by the sample); it was replaced."));
        }
        SandboxWire.Reply? reply = null;
        try
        {
            reply = line is null ? null : JsonSerializer.Deserialize<SandboxWire.Reply>(line, SandboxWire.Options);
        }
        catch (JsonException)
        {
            // Treated as out of turn below.
        }
        if (reply is null || reply.Id != request.Id)
        {
            Kill();
            throw new EnergyGateException($"the sandbox supervisor answered out of turn ({line ?? "it exited"}); it was restarted.");
        }
        return SandboxWire.ToResult(reply);
    }

    /// <summary>The usage line the supervisor wrote before it exited (already in the pipe).</summary>
    private SandboxWire.CpuUsage? ReadFarewell()
    {
        var read = _process.StandardOutput.ReadLineAsync();
        if (!read.Wait(TimeSpan.FromSeconds(1)) || read.Result is not { } line)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<SandboxWire.Farewell>(line, SandboxWire.Options)?.Usage;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Kill()
    {
        KillQuietly(_process);
        _process.WaitForExit(2000);
        ScratchFolder.Delete(_scratch);
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// CPU time the supervisor and every process it reaped (samples, strays) used, as its last
    /// line said when it ended; null before <see cref="Dispose"/> or when it was killed.
    /// </summary>
    public SandboxWire.CpuUsage? Usage { get; private set; }

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
            else
            {
                Usage = ReadFarewell();
            }
        }
        catch (IOException)
        {
            Kill();
        }
        ScratchFolder.Delete(_scratch);
        _process.Dispose();
    }
}
