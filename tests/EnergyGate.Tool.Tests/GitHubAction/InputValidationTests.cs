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
        Assert.Contains("input github-token: empty, but comment-mode is always", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "true", "always")]
    [InlineData("", "false", "off")]
    [InlineData("on-alert", "true", "on-alert")]
    [InlineData("off", "true", "off")]
    [InlineData("off", "false", "off")]
    public async Task Comment_mode_wins_over_the_older_comment_switch(string commentMode, string comment, string expected)
    {
        var run = await ValidateAsync(("EG_COMMENT_MODE", commentMode), ("EG_COMMENT", comment));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal(expected, run.Outputs["comment-mode"]);
        Assert.Equal("gate", run.Outputs["mode"]);
    }

    [Fact]
    public async Task Comment_false_with_a_comment_mode_that_posts_is_a_contradiction()
    {
        var run = await ValidateAsync(("EG_COMMENT_MODE", "on-alert"), ("EG_COMMENT", "false"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("inputs comment and comment-mode: comment is false but comment-mode is on-alert", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_record_comment_and_data_input_is_named()
    {
        var run = await ValidateAsync(
            ("EG_COMMAND", "compare"), ("EG_BASE_RESULTS", _sandbox.Write("b.jsonl", "{}\n")), ("EG_HEAD_RESULTS", _sandbox.Write("h.jsonl", "{}\n")),
            ("EG_MODE", "record"), ("EG_RECORD_TO", "pr"), ("EG_DATA_BRANCH", "energy data..x"), ("EG_HISTORY", "history"), ("EG_HISTORY_KEEP", "0"),
            ("EG_COMMIT", "HEAD~1"), ("EG_COMMENT_MODE", "sometimes"), ("EG_SKIP_UNCHANGED", "yes"), ("EG_MINIMIZE_OUTDATED", "1"),
            ("EG_ANNOTATIONS", "on"), ("EG_CC", "@alice bob @org/perf"), ("EG_EXPORT_BENCHER", "."));

        Assert.Equal(2, run.ExitCode);
        string[] expected =
        [
            "input skip-unchanged: expected true or false, got 'yes'",
            "input minimize-outdated: expected true or false, got '1'",
            "input annotations: expected true or false, got 'on'",
            "input data-branch: 'energy data..x' is not a branch name git accepts",
            "inputs history and data-branch: give one",
            "input record-to: expected branch or pull-request, got 'pr'",
            "input history-keep: expected a positive whole number of entries, got '0'",
            "input commit: expected a commit id (7 to 64 hex digits), got 'HEAD~1'",
            "input export-bencher: '.' is a folder",
            "input mode: record records what check measured (or gated from results); command is 'compare'",
            "input comment-mode: expected one of always, on-alert, off, got 'sometimes'",
            "input cc: 'bob' is not a user (@alice) or a team (@org/perf)",
        ];
        foreach (var message in expected)
        {
            Assert.Contains("::error title=EnergyGate input::" + message, run.Output, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("'@alice'", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("'@org/perf'", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_to_a_pull_request_needs_a_data_branch_and_baselines_do_not_go_with_one()
    {
        Directory.CreateDirectory(Path.Combine(_sandbox.Dir, "baselines"));
        var toPull = await ValidateAsync(("EG_MODE", "record"), ("EG_RECORD_TO", "pull-request"));
        var both = await ValidateAsync(("EG_DATA_BRANCH", "energygate-data"), ("EG_BASELINES", "baselines"));
        var nothing = await ValidateAsync(("EG_MODE", "record"), ("EG_RECORD_BASELINES", "false"));
        var good = await ValidateAsync(("EG_MODE", "record"), ("EG_DATA_BRANCH", "energygate/data"), ("EG_RECORD_TO", "pull-request"), ("EG_COMMIT", "0123abc"));

        Assert.Contains("input record-to: pull-request opens a pull request against data-branch, which is empty", toPull.Output, StringComparison.Ordinal);
        Assert.Contains("inputs baselines and data-branch: give one", both.Output, StringComparison.Ordinal);
        Assert.Contains("record-baselines is false and neither history nor data-branch is set, so there is nothing to record", nothing.Output, StringComparison.Ordinal);
        Assert.True(good.ExitCode == 0, good.All);
        Assert.Equal("record", good.Outputs["mode"]);
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
