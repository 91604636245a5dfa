using System.Text.Json;

namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>action/upsert_comment.py against a fake GitHub API: one sticky comment per key, updated in place.</summary>
public sealed class CommentUpsertTests : IDisposable
{
    private const int PullRequest = 7;
    private const string Marker = "<!-- energygate:report key=default -->";
    private readonly ActionSandbox _sandbox = new();

    [Fact]
    public async Task Creates_the_comment_when_there_is_none()
    {
        await using var api = new FakeGitHubApi();
        var run = await UpsertAsync(api, "Energy regression in 1 of 2 cells\n\n| cell | metric |\n", "regression", 1);

        Assert.True(run.ExitCode == 0, run.All);
        var comment = Assert.Single(api.CommentsOn(PullRequest));
        Assert.StartsWith(Marker + "\n", comment.Body, StringComparison.Ordinal);
        Assert.Contains("## :x: EnergyGate", comment.Body, StringComparison.Ordinal);
        Assert.Contains("Energy regression in 1 of 2 cells", comment.Body, StringComparison.Ordinal);
        Assert.Equal($"https://github.test/octo/gate/pull/7#issuecomment-{comment.Id}", run.Outputs["comment-url"]);
        Assert.All(api.Requests, r => Assert.Equal("Bearer " + FakeGitHubApi.Token, r.Authorization));
        Assert.Contains(api.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_second_run_updates_the_same_comment_and_other_keys_keep_their_own()
    {
        await using var api = new FakeGitHubApi();
        await UpsertAsync(api, "No significant change\n\nfirst run\n", "pass", 0);
        var id = Assert.Single(api.CommentsOn(PullRequest)).Id;

        var second = await UpsertAsync(api, "No significant change\n\nsecond run\n", "pass", 0);
        var other = await UpsertAsync(api, "No significant change\n\nthe GPU gate\n", "pass", 0, ("EG_COMMENT_KEY", "gpu"));

        Assert.True(second.ExitCode == 0 && other.ExitCode == 0, second.All + other.All);
        var comments = api.CommentsOn(PullRequest);
        Assert.Equal(2, comments.Count);
        var main = Assert.Single(comments, c => c.Body.StartsWith(Marker, StringComparison.Ordinal));
        Assert.Equal(id, main.Id);
        Assert.Contains("second run", main.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("first run", main.Body, StringComparison.Ordinal);
        Assert.Contains(api.Requests, r => r.Method == "PATCH" && r.PathAndQuery == $"/repos/octo/gate/issues/comments/{id}");
        Assert.StartsWith("<!-- energygate:report key=gpu -->", comments.Single(c => c.Id != id).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pass_after_a_regression_turns_the_same_comment_green()
    {
        await using var api = new FakeGitHubApi();
        await UpsertAsync(api, "Energy regression in 1 of 2 cells\n", "regression", 1);
        var green = await UpsertAsync(api, "No significant change\n", "pass", 0);

        Assert.True(green.ExitCode == 0, green.All);
        var body = Assert.Single(api.CommentsOn(PullRequest)).Body;
        Assert.Contains("## :white_check_mark: EnergyGate", body, StringComparison.Ordinal);
        Assert.Contains("**Green now.** The earlier alert on this pull request (regression, commit 1111111)", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Energy regression", body, StringComparison.Ordinal);

        // Once green has been said, the next green run is just the report.
        await UpsertAsync(api, "No significant change\n", "pass", 0);
        Assert.DoesNotContain("Green now", Assert.Single(api.CommentsOn(PullRequest)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finds_its_comment_on_page_three_of_250_and_ignores_a_copy_by_someone_else()
    {
        await using var api = new FakeGitHubApi();
        api.AddComment(PullRequest, Marker + "\nquoted by a reviewer", login: "reviewer");
        for (var i = 1; i < 230; i++)
        {
            api.AddComment(PullRequest, $"review comment {i}");
        }
        var ours = api.AddComment(PullRequest, Marker + "\nold report", FakeGitHubApi.Bot);
        for (var i = 231; i < 250; i++)
        {
            api.AddComment(PullRequest, $"review comment {i}");
        }

        var run = await UpsertAsync(api, "No significant change\n", "pass", 0);

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal(250, api.CommentsOn(PullRequest).Count);
        Assert.Contains("No significant change", ours.Body, StringComparison.Ordinal);
        Assert.Contains(api.Requests, r => r.Method == "GET" && r.PathAndQuery.EndsWith("page=3", StringComparison.Ordinal));
        Assert.Contains(api.Requests, r => r.PathAndQuery.Contains("per_page=100", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_report_over_the_comment_limit_is_cut_with_a_note_and_the_marker_kept()
    {
        await using var api = new FakeGitHubApi();
        // 120,000 characters, multi-byte ones included, in lines, with a code block open where it is cut.
        var report = "Energy regression in 3 of 900 cells\n\n```\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"| cell {i:D4} | 1.5 J \u2192 2.5 J | \u00e9\u20ac\U0001F600 |\n"));

        var run = await UpsertAsync(api, report, "regression", 1);

        Assert.True(run.ExitCode == 0, run.All);
        var body = Assert.Single(api.CommentsOn(PullRequest)).Body;
        Assert.InRange(body.EnumerateRunes().Count(), 60_000, 65_536);
        Assert.StartsWith(Marker, body, StringComparison.Ordinal);
        Assert.Contains("Report truncated to fit GitHub's 65,536-character comment limit", body, StringComparison.Ordinal);
        Assert.Equal(0, body.Split('\n').Count(l => l.StartsWith("```", StringComparison.Ordinal)) % 2);
        Assert.Contains("::warning", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forks_read_only_token_warns_with_the_workflow_run_pattern_and_does_not_fail()
    {
        await using var api = new FakeGitHubApi { ReadOnly = true };
        var run = await UpsertAsync(api, "No significant change\n", "pass", 0, ("HEAD_REPO", "forker/gate"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("::warning title=EnergyGate comment::", run.Output, StringComparison.Ordinal);
        Assert.Contains("HTTP 403: Resource not accessible by integration", run.Output, StringComparison.Ordinal);
        Assert.Contains("workflow_run", run.Output, StringComparison.Ordinal);
        Assert.Empty(api.CommentsOn(PullRequest));
    }

    [Fact]
    public async Task A_read_only_token_on_the_repository_itself_fails_naming_the_permission()
    {
        await using var api = new FakeGitHubApi { ReadOnly = true };
        var run = await UpsertAsync(api, "No significant change\n", "pass", 0);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("::error title=EnergyGate comment::", run.Output, StringComparison.Ordinal);
        Assert.Contains("pull-requests: write", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_and_secondary_rate_limits_are_retried()
    {
        await using var api = new FakeGitHubApi();
        api.FailNext.Enqueue(502);
        api.FailNext.Enqueue(403);
        api.FailNext.Enqueue(503);

        var run = await UpsertAsync(api, "No significant change\n", "pass", 0);

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Single(api.CommentsOn(PullRequest));
        Assert.Contains("HTTP 502, retrying", run.Output, StringComparison.Ordinal);
        Assert.Contains("HTTP 403, retrying", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_fails_clearly()
    {
        await using var api = new FakeGitHubApi();
        var run = await UpsertAsync(api, "No significant change\n", "pass", 0, ("EG_GITHUB_TOKEN", "nope"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("HTTP 401: Bad credentials", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_run_from_a_fork_finds_the_pull_request_by_the_runs_head_commit()
    {
        await using var api = new FakeGitHubApi();
        api.Pulls.Add(new FakePull(11, "0000000000000000000000000000000000000000", "forker:feature"));
        api.Pulls.Add(new FakePull(12, "2222222222222222222222222222222222222222", "forker:feature"));
        var workflowRun = new
        {
            workflow_run = new
            {
                head_sha = "2222222222222222222222222222222222222222",
                head_branch = "feature",
                head_repository = new { full_name = "forker/gate", owner = new { login = "forker" } },
                pull_requests = Array.Empty<object>(),
                html_url = "https://github.test/octo/gate/actions/runs/99",
            },
        };
        var run = await UpsertAsync(api, "No significant change\n", "pass", 0, ("EVENT", JsonSerializer.Serialize(workflowRun)));

        Assert.True(run.ExitCode == 0, run.All);
        var body = Assert.Single(api.CommentsOn(12)).Body;
        Assert.Contains("commit 2222222, [measurement run](https://github.test/octo/gate/actions/runs/99)", body, StringComparison.Ordinal);
        Assert.Contains(api.Requests, r => r.PathAndQuery.Contains("head=forker:feature", StringComparison.Ordinal));
    }

    private async Task<ScriptRun> UpsertAsync(FakeGitHubApi api, string report, string verdict, int exitCode, params (string Name, string Value)[] overrides)
    {
        var extra = overrides.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);
        var headRepo = extra.Remove("HEAD_REPO", out var fork) ? fork : FakeGitHubApi.Repository;
        var headSha = verdict == "regression" ? "1111111111111111111111111111111111111111" : "3333333333333333333333333333333333333333";
        var pullRequestEvent = JsonSerializer.Serialize(new { pull_request = new { number = PullRequest, head = new { sha = headSha, repo = new { full_name = headRepo } } } });
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GITHUB_API_URL"] = api.ApiUrl,
            ["GITHUB_REPOSITORY"] = FakeGitHubApi.Repository,
            ["GITHUB_EVENT_PATH"] = _sandbox.Write("event.json", extra.Remove("EVENT", out var evt) ? evt : pullRequestEvent),
            ["EG_GITHUB_TOKEN"] = FakeGitHubApi.Token,
            ["EG_REPORT"] = _sandbox.Write("report.md", report),
            ["EG_VERDICT"] = verdict,
            ["EG_EXIT_CODE"] = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EG_COMMENT_KEY"] = "default",
            ["EG_COMMENT_AUTHOR"] = FakeGitHubApi.Bot,
        };
        foreach (var (name, value) in extra)
        {
            env[name] = value;
        }
        return await _sandbox.RunAsync("upsert_comment.py", env);
    }

    public void Dispose() => _sandbox.Dispose();
}
