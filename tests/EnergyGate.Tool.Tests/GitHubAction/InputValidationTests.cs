namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>action/validate_inputs.py: every bad input is named at once, before anything is installed.</summary>
public sealed class InputValidationTests : IDisposable
{
    private readonly ActionSandbox _sandbox = new();

    [Fact]
    public async Task Good_inputs_give_absolute_report_paths()
    {
        _sandbox.Write("energygate.yml", "version: 1\n");
        Directory.CreateDirectory(Path.Combine(_sandbox.Dir, "baselines"));

        var run = await ValidateAsync(("EG_CONFIG", "energygate.yml"), ("EG_BASELINES", "baselines"), ("EG_REPORT", "out/report.md"));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal("check", run.Outputs["command"]);
        Assert.Equal(Path.Combine(_sandbox.Dir, "out", "report.md"), run.Outputs["report"]);
        Assert.Equal(Path.Combine(_sandbox.Dir, "out", "report.json"), run.Outputs["json"]);
        Assert.Equal("", run.Outputs["html"]);
    }

    [Fact]
    public async Task Every_bad_input_is_reported_with_what_was_expected()
    {
        var run = await ValidateAsync(
            ("EG_FAIL_ON_REGRESSION", "yes"), ("EG_COMMENT", "TRUE!"), ("EG_CONFIG", "missing.yml"), ("EG_BASELINES", "nowhere"),
            ("EG_TOOL_SOURCE", "."), ("EG_TOOL_FLAVOR", "cuda"), ("EG_COMMENT_KEY", "a key"), ("EG_PR_NUMBER", "#12"));

        Assert.Equal(2, run.ExitCode);
        string[] expected =
        [
            "input fail-on-regression: expected true or false, got 'yes'",
            "input comment: expected true or false, got 'TRUE!'",
            "input config: file 'missing.yml' not found",
            "input baselines: folder 'nowhere' not found",
            "inputs tool-version and tool-source: give exactly one (got both)",
            "input tool-flavor: expected cpu (dotnet-energygate: CPU providers and libtorch) or gpu",
            "input comment-key: 'a key' may hold only letters, digits",
            "input pr-number: expected a positive whole number, got '#12'",
        ];
        foreach (var message in expected)
        {
            Assert.Contains("::error title=EnergyGate input::" + message, run.Output, StringComparison.Ordinal);
        }
        Assert.Empty(run.Outputs);
    }

    [Fact]
    public async Task Booleans_accept_any_case_of_true_and_false()
    {
        var run = await ValidateAsync(("EG_FAIL_ON_REGRESSION", "False"), ("EG_COMMENT", "TRUE"));

        Assert.True(run.ExitCode == 0, run.All);
    }

    [Fact]
    public async Task Check_needs_a_tool_and_a_token_when_it_comments()
    {
        var run = await ValidateAsync(("EG_TOOL_VERSION", ""), ("EG_TOKEN_SET", "false"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("give exactly one (got neither)", run.Output, StringComparison.Ordinal);
        Assert.Contains("input github-token: empty, but comment is true", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_that_is_not_pinned_is_refused()
    {
        var run = await ValidateAsync(("EG_TOOL_VERSION", "0.*"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("input tool-version: '0.*' is not a NuGet version", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_needs_both_results_files_and_no_baselines()
    {
        _sandbox.Write("base.jsonl", "{}\n");
        var run = await ValidateAsync(("EG_COMMAND", "compare"), ("EG_BASE_RESULTS", "base.jsonl"), ("EG_BASELINES", "."));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("command compare needs both results files", run.Output, StringComparison.Ordinal);
        Assert.Contains("inputs baselines and results: only used with command: check", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comment_needs_the_reports_but_no_tool()
    {
        var run = await ValidateAsync(("EG_COMMAND", "comment"), ("EG_TOOL_VERSION", ""), ("EG_REPORT", "artifact/report.md"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("input report: command comment posts an existing report", run.Output, StringComparison.Ordinal);
        Assert.Contains("input json: command comment posts an existing report", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("tool-version", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_named()
    {
        var run = await ValidateAsync(("EG_COMMAND", "Check"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("input command: expected one of check, compare, comment, got 'Check'", run.Output, StringComparison.Ordinal);
    }

    /// <summary>The action's defaults, with a pinned tool version, overridden where a test says.</summary>
    private Task<ScriptRun> ValidateAsync(params (string Name, string Value)[] overrides)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["EG_COMMAND"] = "check",
            ["EG_REPORT"] = ".energygate/action/report.md",
            ["EG_FAIL_ON_REGRESSION"] = "true",
            ["EG_SUMMARY"] = "true",
            ["EG_COMMENT"] = "true",
            ["EG_COMMENT_KEY"] = "default",
            ["EG_COMMENT_AUTHOR"] = "github-actions[bot]",
            ["EG_TOKEN_SET"] = "true",
            ["EG_TOOL_VERSION"] = "0.1.0",
        };
        foreach (var (name, value) in overrides)
        {
            env[name] = value;
        }
        return _sandbox.RunAsync("validate_inputs.py", env);
    }

    public void Dispose() => _sandbox.Dispose();
}
