using System.Globalization;
using System.Text.Json;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>
/// The action from end to end against the fake GitHub API: action.yml's steps in order with the env
/// each gets (<see cref="CompositeActionRunner"/>), the real dotnet-energygate of this build on
/// results files written here (nothing is measured), through three pushes to main in mode record
/// (the data branch created, then committed on top; the history growing 1, 2, 3 entries; the
/// baselines on the branch) and two pull requests in comment-mode on-alert (a green one posts
/// nothing; a regressing one gets one comment with a trend chart, and annotations on energygate.yml).
/// </summary>
public sealed class ActionEndToEndTests : IDisposable
{
    private const string Cell = "smoke/tiny/onnx/cpu";
    private const string DataBranch = "energygate-data";
    private static readonly string[] Pushes = [new('a', 40), new('b', 40), new('c', 40)];
    private static readonly string[] PushVerdicts = ["warning", "inconclusive", "pass"];
    private readonly ActionSandbox _sandbox = new();
    private readonly string _workspace;

    public ActionEndToEndTests()
    {
        _workspace = Directory.CreateDirectory(Path.Combine(_sandbox.Dir, "workspace")).FullName;
        File.WriteAllText(Path.Combine(_workspace, "energygate.yml"), TestPlans.SmokeOnnx);
    }

    [Fact]
    public async Task Three_pushes_record_baselines_and_history_and_two_pull_requests_are_gated_against_them()
    {
        await using var api = new FakeGitHubApi();

        // Three pushes to main, each measured a little differently, recorded to the data branch.
        var scales = new[] { 1.00, 1.01, 0.99 };
        for (var push = 0; push < Pushes.Length; push++)
        {
            var before = api.Requests.Count;
            var previous = api.Branch(DataBranch);
            var job = await RunAsync(api, Pushes[push], new { @ref = "refs/heads/main", after = Pushes[push] }, new Dictionary<string, string>
            {
                ["mode"] = "record",
                ["results"] = WriteResults($"push-{push + 1}.jsonl", scales[push]),
                ["comment-mode"] = "off",
                ["fail-on-regression"] = "false",
            });

            Assert.False(job.Failed, job.Log);
            // No baseline yet; one stored run, which cannot tell drift between runs; then enough runs to decide.
            Assert.Equal(PushVerdicts[push], job.Outputs["verdict"]);
            Assert.Equal(api.Branch(DataBranch), job.Outputs["baselines-commit"]);
            Assert.Equal("skipped", job.Step("comment").Outcome);
            var requests = api.Requests.Skip(before).Select(r => $"{r.Method} {r.PathAndQuery}").ToList();
            Assert.Equal(previous is null ? FirstRecordRequests() : LaterRecordRequests(api, previous), requests);

            var files = api.FilesAt(DataBranch);
            var history = Assert.Single(files, f => f.Key.StartsWith("history/", StringComparison.Ordinal));
            var entries = history.Value.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(push + 1, entries.Length);
            Assert.Equal(Pushes[..(push + 1)], entries.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("commit").GetString()));
            var baseline = Assert.Single(files, f => f.Key.StartsWith("baselines/", StringComparison.Ordinal));
            Assert.Contains(Pushes[push], baseline.Value, StringComparison.Ordinal);
        }
        var head = api.Branch(DataBranch)!;
        Assert.Equal(["README.md", "baselines", "history"], api.FilesAt(head).Keys.Select(k => k.Split('/')[0]).Distinct());
        Assert.Empty(api.Commit(api.Commit(api.Commit(head).Parents.Single()).Parents.Single()).Parents);

        // A pull request measured like main: green, and on-alert posts nothing.
        var greenStart = api.Requests.Count;
        var green = await RunAsync(api, new string('d', 40), PullRequestEvent(21, new string('d', 40)), new Dictionary<string, string>
        {
            ["results"] = WriteResults("green.jsonl", 1.00),
            ["comment-mode"] = "on-alert",
        });

        Assert.False(green.Failed, green.Log);
        Assert.Equal("pass", green.Outputs["verdict"]);
        Assert.Empty(api.CommentsOn(21));
        Assert.All(api.Requests.Skip(greenStart), r => Assert.Equal("GET", r.Method));
        Assert.Contains(api.Requests.Skip(greenStart), r => r.PathAndQuery.StartsWith("/repos/octo/gate/issues/21/comments", StringComparison.Ordinal));
        Assert.Equal("", green.Outputs["comment-id"]);

        // A pull request that costs half as much again: a regression, one comment with the trend, annotations.
        var red = await RunAsync(api, new string('e', 40), PullRequestEvent(22, new string('e', 40)), new Dictionary<string, string>
        {
            ["results"] = WriteResults("regressing.jsonl", 1.50),
            ["comment-mode"] = "on-alert",
        });

        Assert.True(red.Failed, red.Log);
        Assert.Equal("failure", red.Step("enforce").Outcome);
        Assert.Equal("regression", red.Outputs["verdict"]);
        var comment = Assert.Single(api.CommentsOn(22));
        Assert.Equal(comment.Id.ToString(CultureInfo.InvariantCulture), red.Outputs["comment-id"]);
        Assert.Single(api.Requests, r => r.Method == "POST" && r.PathAndQuery == "/repos/octo/gate/issues/22/comments");
        Assert.StartsWith("<!-- energygate:report key=default -->", comment.Body, StringComparison.Ordinal);
        Assert.True(comment.Body.Contains("xychart-beta", StringComparison.Ordinal) || comment.Body.IndexOfAny(['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█']) >= 0,
            "the comment has no trend chart (Mermaid xychart-beta or sparkline):\n" + comment.Body);
        Assert.Contains("::error file=energygate.yml,line=", red.Step("gate").Run!.Output, StringComparison.Ordinal);
        Assert.Equal(head, api.Branch(DataBranch));
    }

    private static string[] FirstRecordRequests() =>
    [
        "GET /repos/octo/gate/git/ref/heads/energygate-data",
        "POST /repos/octo/gate/git/blobs",
        "POST /repos/octo/gate/git/blobs",
        "POST /repos/octo/gate/git/blobs",
        "POST /repos/octo/gate/git/trees",
        "POST /repos/octo/gate/git/commits",
        "POST /repos/octo/gate/git/refs",
    ];

    /// <summary>
    /// Read the branch (ref, commit, tree, the blobs of the baseline and the history, not the README),
    /// then the changed baseline and history uploaded, one tree, one commit, and the ref moved.
    /// </summary>
    private static List<string> LaterRecordRequests(FakeGitHubApi api, string previous)
    {
        var data = api.FilesAt(previous).Where(f => f.Key != "README.md");
        return
        [
            "GET /repos/octo/gate/git/ref/heads/energygate-data",
            $"GET /repos/octo/gate/git/commits/{previous}",
            $"GET /repos/octo/gate/git/trees/{api.Commit(previous).Tree}?recursive=1",
            .. data.Select(f => "GET /repos/octo/gate/git/blobs/" + FakeGitHubApi.BlobId(System.Text.Encoding.UTF8.GetBytes(f.Value))),
            "POST /repos/octo/gate/git/blobs",
            "POST /repos/octo/gate/git/blobs",
            "POST /repos/octo/gate/git/trees",
            "POST /repos/octo/gate/git/commits",
            "PATCH /repos/octo/gate/git/refs/heads/energygate-data",
        ];
    }

    private static object PullRequestEvent(int number, string sha) =>
        new { pull_request = new { number, head = new { sha, repo = new { full_name = FakeGitHubApi.Repository } } } };

    /// <summary>One `uses:` of the action in a job of its own (fresh summary), as the event given.</summary>
    private async Task<ActionJob> RunAsync(FakeGitHubApi api, string sha, object gitHubEvent, Dictionary<string, string> with)
    {
        File.WriteAllText(_sandbox.SummaryFile, "");
        var runner = new CompositeActionRunner(_sandbox, _workspace, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GITHUB_ACTION_PATH"] = ToolRunner.RepoRoot,
            ["GITHUB_WORKSPACE"] = _workspace,
            ["GITHUB_API_URL"] = api.ApiUrl,
            ["GITHUB_REPOSITORY"] = FakeGitHubApi.Repository,
            ["GITHUB_SHA"] = sha,
            ["GITHUB_EVENT_PATH"] = _sandbox.Write("event.json", JsonSerializer.Serialize(gitHubEvent)),
            ["TEST_GITHUB_TOKEN"] = FakeGitHubApi.Token,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        });
        // The tool of this build instead of a NuGet install (setup-dotnet is skipped by dotnet-version: '').
        runner.Stubs["install"] = new Dictionary<string, string> { ["tool"] = Tool() };
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["tool-version"] = "0.1.0",
            ["dotnet-version"] = "",
            ["data-branch"] = DataBranch,
            ["report"] = ".energygate/action/report.md",
        };
        foreach (var (name, value) in with)
        {
            inputs[name] = value;
        }
        return await runner.RunAsync(inputs);
    }

    private string Tool() => _sandbox.WriteExecutable("tool/dotnet-energygate",
        $"#!/usr/bin/env bash\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, "dotnet-energygate.dll")}\" \"$@\"");

    /// <summary>
    /// A results file as `run` writes it: 3 repetitions of 9 smoke tasks with hand-picked joules,
    /// all scaled by <paramref name="scale"/> (1.5: a regression of +50 % in every energy metric).
    /// </summary>
    private string WriteResults(string name, double scale)
    {
        var header = new RunHeader("hash", "0.1.0", DateTimeOffset.UnixEpoch, [Cell],
            new Dictionary<string, string> { ["cpu_model"] = "Test CPU", ["gpu_model"] = "none", ["meter_kind"] = "Estimated" });
        var samples = from r in Enumerable.Range(0, 3)
                      from t in Enumerable.Range(0, 9)
                      select new SampleRecord
                      {
                          Cell = Cell, Repetition = r, TaskId = $"Smoke/{t}", SampleIndex = 0, PromptTokens = 100, GeneratedTokens = 8,
                          StopReason = "Eos", PrefillSeconds = 0.001, TtftSeconds = 0.001, DecodeSeconds = 0.01, PrefillJoules = 0.5 * scale,
                          DecodeJoules = scale * 8 * (0.1 + 0.01 * t + 0.0005 * r), EnergyKind = "Estimated", Domains = [], Completion = "    return 1\n",
                      };
        var path = Path.Combine(_sandbox.Dir, name);
        File.WriteAllLines(path, [Line(header), .. samples.Select(s => Line(s))]);
        return path;
    }

    private static string Line(JournalRecord record) => JsonSerializer.Serialize(record, ResultsJournal.JsonOptions);

    public void Dispose() => _sandbox.Dispose();
}
