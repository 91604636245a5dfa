namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>
/// action/run_gate.py and enforce_verdict.py with a stand-in for dotnet-energygate that records its
/// arguments and writes the reports a real run would: the verdict comes from the JSON report, the
/// step never fails on a verdict, and the last step fails the job only when asked.
/// </summary>
public sealed class GateStepTests : IDisposable
{
    private readonly ActionSandbox _sandbox = new();

    [Fact]
    public async Task Check_passes_the_inputs_as_arguments_and_reads_the_verdict_from_the_json_report()
    {
        var tool = FakeTool(exitCode: 1, verdict: "regression", summary: "Energy regression in 1 of 2 cells");

        var run = await GateAsync(tool, ("EG_CONFIG", "gate.yml"), ("EG_BASELINES", "my baselines"));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal("regression", run.Outputs["verdict"]);
        Assert.Equal("1", run.Outputs["exit-code"]);
        Assert.Equal("Energy regression in 1 of 2 cells", run.Outputs["summary"]);
        Assert.Equal(Report, run.Outputs["report-path"]);
        string[] arguments = ["check", "--config", "gate.yml", "--baselines", "my baselines", "--report", Report, "--json", Json, "--diagnostics", "github", "--no-step-summary"];
        Assert.Equal(arguments, File.ReadAllLines(Path.Combine(_sandbox.Dir, "args.txt")));
        Assert.Equal("", run.Outputs["results-path"]);
        Assert.Equal("", run.Outputs["history-path"]);
    }

    [Fact]
    public async Task History_exports_and_no_annotations_become_the_tools_options()
    {
        var history = Directory.CreateDirectory(Path.Combine(_sandbox.Dir, "data", "history")).FullName;
        var tool = FakeTool(exitCode: 0, verdict: "pass", summary: "No significant change");

        var run = await GateAsync(tool, ("EG_RESULTS", _sandbox.Write("recorded.jsonl", "{}\n")), ("EG_HISTORY", history), ("EG_ANNOTATIONS", "false"),
            ("EG_EXPORT_BENCHMARK", "out/benchmark.json"), ("EG_EXPORT_BENCHER", "out/bencher.json"));

        Assert.True(run.ExitCode == 0, run.All);
        string[] arguments = ["check", "--results", Path.Combine(_sandbox.Dir, "recorded.jsonl"), "--history", history, "--report", Report, "--json", Json,
            "--export-benchmark", "out/benchmark.json", "--export-bencher", "out/bencher.json", "--no-step-summary"];
        Assert.Equal(arguments, File.ReadAllLines(Path.Combine(_sandbox.Dir, "args.txt")));
        Assert.Equal(Path.Combine(_sandbox.Dir, "recorded.jsonl"), run.Outputs["results-path"]);
        Assert.Equal(history, run.Outputs["history-path"]);
    }

    [Fact]
    public async Task A_history_folder_that_does_not_exist_yet_is_not_passed_but_is_the_history_path()
    {
        var tool = FakeTool(exitCode: 0, verdict: "pass", summary: "No significant change");

        var run = await GateAsync(tool, ("EG_HISTORY", "history"));

        Assert.DoesNotContain("--history", File.ReadAllLines(Path.Combine(_sandbox.Dir, "args.txt")));
        Assert.Equal(Path.Combine(_sandbox.Dir, "history"), run.Outputs["history-path"]);
    }

    [Fact]
    public async Task Record_mode_measures_into_a_results_file_beside_the_reports_and_gates_that_file_for_the_commit_given()
    {
        _sandbox.Write("out/results.jsonl", "a results file left by an earlier run\n");
        var tool = FakeTool(exitCode: 0, verdict: "pass", summary: "No significant change");

        var run = await GateAsync(tool, ("EG_MODE", "record"), ("EG_CONFIG", "gate.yml"), ("EG_COMMIT", "abcdef1234567"), ("GITHUB_SHA", "1111111111111111111111111111111111111111"));

        Assert.True(run.ExitCode == 0, run.All);
        var results = Path.Combine(_sandbox.Dir, "out", "results.jsonl");
        string[] calls =
        [
            $"run --config gate.yml --results {results} GITHUB_SHA=abcdef1234567",
            $"check --config gate.yml --results {results} --report {Report} --json {Json} --diagnostics github --no-step-summary GITHUB_SHA=abcdef1234567",
        ];
        Assert.Equal(calls, File.ReadAllLines(Path.Combine(_sandbox.Dir, "calls.txt")));
        Assert.Equal(results, run.Outputs["results-path"]);
        Assert.Equal("measured\n", File.ReadAllText(results));
    }

    [Fact]
    public async Task A_failed_measurement_in_record_mode_is_the_error_verdict_and_check_does_not_run()
    {
        var tool = FakeTool(exitCode: 0, verdict: "pass", summary: "No significant change", runExitCode: 2);

        var run = await GateAsync(tool, ("EG_MODE", "record"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("error", run.Outputs["verdict"]);
        Assert.Equal("2", run.Outputs["exit-code"]);
        Assert.Contains("EnergyGate run (measuring for mode: record) failed with exit code 2", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("run ", Assert.Single(File.ReadAllLines(Path.Combine(_sandbox.Dir, "calls.txt"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_passes_base_and_head_first()
    {
        var tool = FakeTool(exitCode: 0, verdict: "pass", summary: "No significant change");

        var run = await GateAsync(tool, ("EG_COMMAND", "compare"), ("EG_BASE_RESULTS", "base.jsonl"), ("EG_HEAD_RESULTS", "head.jsonl"), ("EG_BASELINES", "ignored"));

        Assert.Equal("pass", run.Outputs["verdict"]);
        string[] arguments = ["compare", "base.jsonl", "head.jsonl", "--report", Report, "--json", Json, "--diagnostics", "github", "--no-step-summary"];
        Assert.Equal(arguments, File.ReadAllLines(Path.Combine(_sandbox.Dir, "args.txt")));
    }

    [Fact]
    public async Task A_tool_error_removes_the_stale_report_and_gives_the_error_verdict()
    {
        _sandbox.Write("out/report.md", "No significant change (from an earlier run)\n");
        _sandbox.Write("out/report.json", "{\"verdict\": \"pass\", \"exit_code\": 0}\n");
        var tool = FakeTool(exitCode: 2, verdict: null, summary: null);

        var run = await GateAsync(tool);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("error", run.Outputs["verdict"]);
        Assert.Equal("2", run.Outputs["exit-code"]);
        Assert.Equal("", run.Outputs["report-path"]);
        Assert.False(File.Exists(Report));
        Assert.Contains("::error", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comment_mode_reads_the_reports_without_running_anything()
    {
        _sandbox.Write("out/report.md", "Inconclusive: 1 of 2 cells too noisy to decide\n");
        _sandbox.Write("out/report.json", "{\"verdict\": \"inconclusive\", \"summary\": \"Inconclusive: 1 of 2 cells too noisy to decide\", \"exit_code\": 3}\n");

        var run = await GateAsync(tool: "", ("EG_COMMAND", "comment"));

        Assert.Equal("inconclusive", run.Outputs["verdict"]);
        Assert.Equal("3", run.Outputs["exit-code"]);
        Assert.Equal(Report, run.Outputs["report-path"]);
    }

    [Theory]
    [InlineData("1", "regression", "true", 1, "::error")]
    [InlineData("1", "regression", "false", 0, "::warning")]
    [InlineData("3", "inconclusive", "true", 3, "::error")]
    [InlineData("2", "error", "false", 2, "could not gate this change")]
    [InlineData("0", "pass", "true", 0, "")]
    public async Task The_last_step_fails_the_job_only_when_asked_and_always_on_a_tool_error(string code, string verdict, string failOnRegression, int expected, string message)
    {
        var run = await _sandbox.RunAsync("enforce_verdict.py", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["EG_EXIT_CODE"] = code,
            ["EG_VERDICT"] = verdict,
            ["EG_SUMMARY_LINE"] = "the verdict line",
            ["EG_FAIL_ON_REGRESSION"] = failOnRegression,
        });

        Assert.Equal(expected, run.ExitCode);
        Assert.Contains(message, run.Output, StringComparison.Ordinal);
    }

    private string Report => Path.Combine(_sandbox.Dir, "out", "report.md");

    private string Json => Path.Combine(_sandbox.Dir, "out", "report.json");

    /// <summary>
    /// A dotnet-energygate stand-in: records its arguments (the last call's one a line in args.txt,
    /// every call on a line of calls.txt with the GITHUB_SHA it saw), writes --report and --json, or
    /// for `run` the --results file, and exits with the code given.
    /// </summary>
    private string FakeTool(int exitCode, string? verdict, string? summary, int runExitCode = 0)
    {
        var writes = verdict is null ? "" : $$"""
            printf '%s\n\ndetails\n' '{{summary}}' > "$report"
            printf '{"schema_version": 1, "verdict": "%s", "summary": "%s", "exit_code": %d}\n' '{{verdict}}' '{{summary}}' {{exitCode}} > "$json"
            """;
        var script = $$"""
            #!/usr/bin/env bash
            printf '%s\n' "$@" > "{{Path.Combine(_sandbox.Dir, "args.txt")}}"
            echo "$* GITHUB_SHA=$GITHUB_SHA" >> "{{Path.Combine(_sandbox.Dir, "calls.txt")}}"
            if [ "$1" = run ]; then
              while [ $# -gt 0 ]; do case "$1" in --results) printf 'measured\n' > "$2"; shift ;; esac; shift; done
              exit {{runExitCode}}
            fi
            while [ $# -gt 0 ]; do
              case "$1" in --report) report="$2"; shift ;; --json) json="$2"; shift ;; esac
              shift
            done
            mkdir -p "$(dirname "$report")"
            {{writes}}
            exit {{exitCode}}
            """;
        return _sandbox.WriteExecutable("fake-tool/dotnet-energygate", script);
    }

    private Task<ScriptRun> GateAsync(string tool, params (string Name, string Value)[] overrides)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["EG_COMMAND"] = "check",
            ["EG_TOOL"] = tool,
            ["EG_REPORT"] = Report,
            ["EG_JSON"] = Json,
        };
        foreach (var (name, value) in overrides)
        {
            env[name] = value;
        }
        return _sandbox.RunAsync("run_gate.py", env);
    }

    public void Dispose() => _sandbox.Dispose();
}
