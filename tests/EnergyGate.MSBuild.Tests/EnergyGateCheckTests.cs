using Microsoft.Build.Framework;

namespace EnergyGate.MSBuild.Tests;

/// <summary>
/// The task against a mock build engine, with a shell script standing in for the tool: arguments,
/// reading the tool's diagnostics, exit codes, and a missing tool.
/// </summary>
public sealed class EnergyGateCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-task-").FullName;
    private readonly MockBuildEngine _engine = new();

    private string ArgsFile => Path.Combine(_dir, "args.txt");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A script that records its arguments one per line, prints what it is told and exits with <paramref name="exitCode"/>.</summary>
    private string FakeTool(int exitCode, string stdout = "", string stderr = "")
    {
        var path = Path.Combine(_dir, $"fake-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"""
            #!/bin/sh
            printf '%s\n' "$@" > '{ArgsFile}'
            cat <<'OUT'
            {stdout}
            OUT
            cat >&2 <<'ERR'
            {stderr}
            ERR
            exit {exitCode}

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private EnergyGateCheck Task(string tool) => new() { BuildEngine = _engine, Tool = tool, WorkingDirectory = _dir };

    private string[] RecordedArgs() => File.ReadAllLines(ArgsFile);

    [UnixFact]
    public void Properties_become_check_options_and_a_downgrade_asks_the_tool_never_to_fail()
    {
        var report = Path.Combine(_dir, "with space", "report.md");
        var task = Task(FakeTool(0, "Energy gate passed"));
        task.Config = "energygate.yml";
        task.BaselineDirectory = "baselines";
        task.Report = report;
        task.JsonReport = "gate.json";
        task.Results = "run.jsonl";
        task.FailOnRegression = false;
        task.AdditionalArguments = "--repetitions 2";

        Assert.True(task.Execute(), _engine.Log);

        Assert.Equal(
            ["check", "--diagnostics", "msbuild", "--config", "energygate.yml", "--baselines", "baselines", "--report", report,
             "--json", "gate.json", "--results", "run.jsonl", "--fail-on", "never", "--repetitions", "2"],
            RecordedArgs());
        Assert.Contains(_engine.Messages, m => m.Message == "Energy gate passed" && m.Importance == MessageImportance.High);
    }

    [UnixFact]
    public void Empty_properties_pass_no_option_and_the_gate_fails_on_regressions()
    {
        Assert.True(Task(FakeTool(0)).Execute(), _engine.Log);
        Assert.Equal(["check", "--diagnostics", "msbuild"], RecordedArgs());
    }

    [UnixFact]
    public void A_regression_is_an_error_with_its_id_and_the_config_position()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        var task = Task(FakeTool(1, $"""
            Energy regression in 1 of 1 cell
            {config}(7,5): error EG1001: smoke/tiny/onnx/cpu decode_joules_per_token: +80 %
            energygate: warning EG1008: smoke/tiny/onnx/cpu ttft_ms: +30 %
            """));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal(("EG1001", config, 7, 5), (error.Code, error.File, error.LineNumber, error.ColumnNumber));
        Assert.Equal("smoke/tiny/onnx/cpu decode_joules_per_token: +80 %", error.Message);
        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal("EG1008", warning.Code);
        Assert.Equal(1, task.ExitCode);
    }

    [UnixFact]
    public void With_FailOnRegression_false_regressions_are_warnings_and_the_build_passes()
    {
        var task = Task(FakeTool(0, "energygate: error EG1001: smoke/tiny/onnx/cpu joules_per_problem: +80 %"));
        task.FailOnRegression = false;

        Assert.True(task.Execute(), _engine.Log);

        Assert.Empty(_engine.Errors);
        Assert.Equal("EG1001", Assert.Single(_engine.Warnings).Code);
    }

    [UnixFact]
    public void A_downgrade_never_hides_a_setup_error()
    {
        var task = Task(FakeTool(2, stderr: "energygate: error EG2002: model folder 'm' does not exist."));
        task.FailOnRegression = false;

        Assert.False(task.Execute());

        Assert.Equal("EG2002", Assert.Single(_engine.Errors).Code);
    }

    [UnixFact]
    public void A_configuration_error_on_stderr_is_an_EG2xxx_error_at_its_line()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        var task = Task(FakeTool(2, stderr: $"{config}(3,7): error EG2020: models[0].layerz: unknown key `layerz`"));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal(("EG2020", config, 3, 7), (error.Code, error.File, error.LineNumber, error.ColumnNumber));
    }

    [UnixFact]
    public void Exit_code_3_is_an_inconclusive_error()
    {
        var task = Task(FakeTool(3, "energygate: warning EG1003: smoke/tiny/onnx/cpu: too noisy"));

        Assert.False(task.Execute());

        Assert.Equal("EG1003", Assert.Single(_engine.Errors).Code);
        Assert.Contains("inconclusive", _engine.Errors[0].Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public void A_failure_without_a_diagnostic_is_EG2023_with_the_exit_code()
    {
        var task = Task(FakeTool(2, stderr: "Segmentation fault"));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("EG2023", error.Code);
        Assert.Contains("exit code 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(_engine.Messages, m => m.Message == "Segmentation fault");
    }

    [Fact]
    public void A_tool_path_that_does_not_exist_is_EG2022_and_nothing_runs()
    {
        var task = Task(Path.Combine(_dir, "nope", "dotnet-energygate.dll"));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("EG2022", error.Code);
        Assert.Contains("EnergyGateToolPath", error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet tool install", error.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public void Without_a_tool_path_it_runs_dotnet_energygate_and_says_how_to_install_when_missing()
    {
        var dotnet = FakeTool(1, stderr: "Could not execute because the specified command or file was not found.");
        var task = new EnergyGateCheck { BuildEngine = _engine, DotnetHost = dotnet, WorkingDirectory = _dir };

        Assert.False(task.Execute());

        Assert.Equal(["energygate", "check", "--diagnostics", "msbuild"], RecordedArgs());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("EG2022", error.Code);
        Assert.Contains("dotnet tool install dotnet-energygate", error.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public void A_tool_dll_runs_with_dotnet_exec()
    {
        var dll = Path.Combine(_dir, "dotnet-energygate.dll");
        File.WriteAllText(dll, "");
        var task = new EnergyGateCheck { BuildEngine = _engine, Tool = "dotnet-energygate.dll", DotnetHost = FakeTool(0), WorkingDirectory = _dir };

        Assert.True(task.Execute(), _engine.Log);

        Assert.Equal(["exec", dll, "check", "--diagnostics", "msbuild"], RecordedArgs());
    }

    [Fact]
    public void Without_dotnet_anywhere_the_error_says_so()
    {
        var task = new EnergyGateCheck { BuildEngine = _engine, WorkingDirectory = _dir, SearchPath = _dir };

        Assert.False(task.Execute());

        Assert.Equal("EG2022", Assert.Single(_engine.Errors).Code);
        Assert.Contains("cannot find the dotnet executable", _engine.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"C:\dir with space\", "\"C:\\dir with space\\\\\"")]
    [InlineData("", "\"\"")]
    public void Arguments_are_quoted_the_way_the_runtime_splits_them(string arg, string quoted) =>
        Assert.Equal(quoted, EnergyGateCheck.Quote(arg));
}
