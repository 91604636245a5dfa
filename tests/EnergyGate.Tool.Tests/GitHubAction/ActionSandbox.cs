using System.Diagnostics;

namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>
/// Runs one of the action's Python scripts (action/*.py) the way a composite step does: inputs as
/// EG_* variables, $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY as files in a temporary folder. The
/// GitHub variables of the process running the tests (in CI) are removed, so they cannot leak in.
/// </summary>
internal sealed class ActionSandbox : IDisposable
{
    public ActionSandbox()
    {
        Dir = Directory.CreateTempSubdirectory("energygate-action-").FullName;
        OutputFile = Path.Combine(Dir, "github_output");
        SummaryFile = Path.Combine(Dir, "step_summary.md");
        Directory.CreateDirectory(Path.Combine(Dir, "runner-temp"));
    }

    public string Dir { get; }

    public string OutputFile { get; }

    public string SummaryFile { get; }

    public static string ScriptDir => Path.Combine(ToolRunner.RepoRoot, "action");

    public string Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A bash script stand-in for a program (the tool, dotnet); the action runs on Linux and macOS runners.</summary>
    public string WriteExecutable(string name, string script)
    {
        var path = Write(name, script.Replace("\r", "", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    public async Task<ScriptRun> RunAsync(string script, IReadOnlyDictionary<string, string> env, string? workingDirectory = null)
    {
        File.WriteAllText(OutputFile, "");
        var info = new ProcessStartInfo("python3", [Path.Combine(ScriptDir, script)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Dir,
        };
        foreach (var name in info.Environment.Keys.Where(IsGitHubVariable).ToList())
        {
            info.Environment.Remove(name);
        }
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        info.Environment["GITHUB_OUTPUT"] = OutputFile;
        info.Environment["GITHUB_STEP_SUMMARY"] = SummaryFile;
        info.Environment["RUNNER_TEMP"] = Path.Combine(Dir, "runner-temp");
        info.Environment["EG_API_RETRY_SECONDS"] = "0";
        foreach (var (name, value) in env)
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new ScriptRun(process.ExitCode, await output, await error, ParseOutputs(File.ReadAllText(OutputFile)));
    }

    private static bool IsGitHubVariable(string name) =>
        name.StartsWith("GITHUB_", StringComparison.Ordinal) || name.StartsWith("RUNNER_", StringComparison.Ordinal)
        || name.StartsWith("EG_", StringComparison.Ordinal) || name.StartsWith("INPUT_", StringComparison.Ordinal);

    /// <summary>Reads $GITHUB_OUTPUT's <c>name&lt;&lt;DELIMITER</c> blocks as the runner does.</summary>
    private static Dictionary<string, string> ParseOutputs(string text)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = lines[i].IndexOf("<<", StringComparison.Ordinal);
            if (open <= 0)
            {
                continue;
            }
            var (name, delimiter) = (lines[i][..open], lines[i][(open + 2)..]);
            var value = new List<string>();
            for (i++; i < lines.Length && lines[i] != delimiter; i++)
            {
                value.Add(lines[i]);
            }
            Assert.True(i < lines.Length, $"output {name} has no closing delimiter");
            outputs[name] = string.Join('\n', value);
        }
        return outputs;
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

internal sealed record ScriptRun(int ExitCode, string Output, string Error, IReadOnlyDictionary<string, string> Outputs)
{
    public string All => Output + Error;
}
