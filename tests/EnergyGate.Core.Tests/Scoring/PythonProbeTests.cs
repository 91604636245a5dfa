using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Tests.Scoring;

/// <summary>Interpreters that are not what they claim: each is a clear error, never a hang or an internal error.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PythonProbeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("energygate-fake-python-").FullName;

    private string FakePython(string body)
    {
        var path = Path.Combine(_folder, $"python-{Guid.NewGuid():N}");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        return path;
    }

    [Fact]
    public void An_interpreter_that_never_answers_is_stopped_with_a_clear_error()
    {
        var ex = Assert.Throws<EnergyGateException>(() => PythonProbe.Run(FakePython("exec sleep 60"), TimeSpan.FromSeconds(0.5)));
        Assert.Contains("did not answer a version probe within 0.5 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_that_only_prints_a_version_is_not_taken_for_python()
    {
        var ex = Assert.Throws<EnergyGateException>(() => PythonInterpreter.Locate(FakePython("echo 3.11.7"), null));
        Assert.Contains("does not behave like a Python interpreter", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'3.11.7'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_interpreter_says_what_it_printed()
    {
        var ex = Assert.Throws<EnergyGateException>(() => PythonInterpreter.Locate(FakePython("echo broken install >&2; exit 3"), null));
        Assert.Contains("exit code 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("broken install", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_interpreter_reports_its_folders_for_the_sandbox()
    {
        var python = PythonInterpreter.Locate(null, Environment.GetEnvironmentVariable("PATH"));
        Assert.True(File.Exists(python.Executable), python.Executable);
        Assert.Contains(python.Roots, root => File.Exists(Path.Combine(root, "os.py")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
