using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Waste.Babbling;

/// <summary>
/// A persistent Python process (<c>Scoring/Python/syntax_checker.py</c>) that answers "does this
/// source parse and define the entry point with a body?". Started once and reused: an interpreter
/// start would cost far more than the check. Not thread-safe: one generation loop uses it at a time.
/// </summary>
public sealed class SyntaxChecker : IDisposable
{
    private const string ScriptResource = "EnergyGate.Scoring.syntax_checker.py";
    private static readonly JsonSerializerOptions Wire = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly Process _process;
    private readonly string _directory;
    private long _nextId;

    private SyntaxChecker(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    /// <summary>Checks answered so far by this process.</summary>
    public int Checks { get; private set; }

    /// <summary>Wall-clock time spent in checks (round trip to the process included).</summary>
    public TimeSpan CheckTime { get; private set; }

    /// <summary>Extracts the script and starts the checker with <paramref name="python"/>.</summary>
    /// <exception cref="EnergyGateException">The process did not start or did not say it was ready.</exception>
    public static SyntaxChecker Start(PythonInterpreter python)
    {
        ArgumentNullException.ThrowIfNull(python);
        var directory = Directory.CreateTempSubdirectory("energygate-syntax-").FullName;
        var script = Path.Combine(directory, "syntax_checker.py");
        using (var resource = typeof(SyntaxChecker).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"missing embedded resource {ScriptResource}"))
        using (var file = File.Create(script))
        {
            resource.CopyTo(file);
        }
        // The interpreter the probe found behind the path: a pyenv shim would cost a shell and
        // `pyenv exec` per start (0.3-0.8 s here), and from the temp folder could pick another version.
        var executable = File.Exists(python.Executable) ? python.Executable : python.Path;
        var info = new ProcessStartInfo(executable, ["-I", "-B", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        // It only parses, but the tool's secrets still have no business in a child's environment.
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        var process = Process.Start(info) ?? throw new EnergyGateException($"could not start the syntax checker with '{python.Path}'.");
        var hello = process.StandardOutput.ReadLine();
        if (hello is null || !hello.Contains("\"ready\": true", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new EnergyGateException($"the syntax checker did not start with '{python.Path}' (it said: {hello ?? "nothing"}).");
        }
        return new SyntaxChecker(process, directory);
    }

    /// <summary>Parses <paramref name="source"/> and looks for <paramref name="entryPoint"/> with a body.</summary>
    /// <exception cref="EnergyGateException">The process died or answered out of turn.</exception>
    public SyntaxVerdict Check(string source, string entryPoint)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(entryPoint);
        var started = Stopwatch.GetTimestamp();
        var request = new Request(++_nextId, source, entryPoint);
        _process.StandardInput.WriteLine(JsonSerializer.Serialize(request, Wire));
        _process.StandardInput.Flush();
        var line = _process.StandardOutput.ReadLine();
        var reply = line is null ? null : JsonSerializer.Deserialize<Reply>(line, Wire);
        CheckTime += Stopwatch.GetElapsedTime(started);
        Checks++;
        if (reply is null || reply.Id != request.Id)
            throw new EnergyGateException($"the syntax checker answered out of turn ({line ?? "it exited"}).");
        return new SyntaxVerdict(reply.Ok, reply.Error ?? "", reply.EndLine);
    }

    /// <summary>Ends the process (closing stdin ends its loop) and removes the extracted script.</summary>
    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(2000))
                _process.Kill(entireProcessTree: true);
        }
        catch (IOException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private sealed record Request(long Id, string Source, string EntryPoint);

    private sealed record Reply(long Id, bool Ok, string? Error, [property: JsonPropertyName("end_line")] int? EndLine);
}

/// <summary>The checker's answer.</summary>
/// <param name="Ok">The source parses and defines the entry point with a body beyond its docstring.</param>
/// <param name="Error">Why not, when not ok.</param>
/// <param name="EndLine">1-based last line of the entry-point function when ok.</param>
public readonly record struct SyntaxVerdict(bool Ok, string Error, int? EndLine);
