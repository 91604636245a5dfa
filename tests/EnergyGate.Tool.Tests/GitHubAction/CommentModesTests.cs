using System.Globalization;
using System.Text.Json;

namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>
/// action/upsert_comment.py's comment modes against the fake GitHub API: on-alert (no comment for a
/// pass, created for an alert, kept up to date once there), skip-unchanged (the hash in the state
/// marker), cc on a regression only, and minimize-outdated (duplicates and a flipped alert retired
/// through GraphQL's minimizeComment, a new comment posted).
/// </summary>
public sealed class CommentModesTests : IDisposable
{
    private const int PullRequest = 9;
    private const string Marker = "<!-- energygate:report key=default -->";
    private const string Red = "1111111111111111111111111111111111111111";
    private const string Green = "2222222222222222222222222222222222222222";
    private readonly ActionSandbox _sandbox = new();

    [Fact]
    public async Task On_alert_posts_nothing_for_a_pass_when_there_is_no_comment_yet()
    {
        await using var api = new FakeGitHubApi();

        var run = await PostAsync(api, "No significant change\n", "pass", 0, Green, ("EG_COMMENT_MODE", "on-alert"));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Empty(api.CommentsOn(PullRequest));
        Assert.All(api.Requests, r => Assert.Equal("GET", r.Method));
        Assert.Contains("comment-mode on-alert: verdict pass and no EnergyGate comment on pull request #9 yet", run.Output, StringComparison.Ordinal);
        Assert.False(run.Outputs.ContainsKey("comment-id"));
    }

    [Theory]
    [InlineData("regression", 1)]
    [InlineData("warning", 0)]
    [InlineData("inconclusive", 3)]
    public async Task On_alert_creates_the_comment_for_any_verdict_but_pass(string verdict, int exitCode)
    {
        await using var api = new FakeGitHubApi();

        var run = await PostAsync(api, "Something to look at\n", verdict, exitCode, Red, ("EG_COMMENT_MODE", "on-alert"));

        Assert.True(run.ExitCode == 0, run.All);
        var comment = Assert.Single(api.CommentsOn(PullRequest));
        Assert.Equal(comment.Id.ToString(CultureInfo.InvariantCulture), run.Outputs["comment-id"]);
    }

    [Fact]
    public async Task On_alert_keeps_updating_its_comment_so_a_regression_turns_green()
    {
        await using var api = new FakeGitHubApi();
        await PostAsync(api, "Energy regression in 1 of 2 cells\n", "regression", 1, Red, ("EG_COMMENT_MODE", "on-alert"));
        var id = Assert.Single(api.CommentsOn(PullRequest)).Id;

        var green = await PostAsync(api, "No significant change\n", "pass", 0, Green, ("EG_COMMENT_MODE", "on-alert"));

        Assert.True(green.ExitCode == 0, green.All);
        var comment = Assert.Single(api.CommentsOn(PullRequest));
        Assert.Equal(id, comment.Id);
        Assert.Contains("**Green now.** The earlier alert on this pull request (regression, commit 1111111)", comment.Body, StringComparison.Ordinal);
        Assert.Contains(api.Requests, r => r.Method == "PATCH" && r.PathAndQuery == $"/repos/octo/gate/issues/comments/{id}");
        Assert.Single(api.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Skip_unchanged_leaves_the_comment_when_only_the_commit_and_date_in_the_report_changed()
    {
        await using var api = new FakeGitHubApi();
        const string Report = "Energy regression in 1 of 2 cells\n\n- Commits: baseline abcdef0 -> current {0}\n- evaluated for {1}\n| cell | +12.0% |\n";
        await PostAsync(api, string.Format(CultureInfo.InvariantCulture, Report, Red, "2026-01-01"), "regression", 1, Red, ("EG_SKIP_UNCHANGED", "true"));
        var first = Assert.Single(api.CommentsOn(PullRequest));
        var posted = first.Body;

        var same = await PostAsync(api, string.Format(CultureInfo.InvariantCulture, Report, Green, "2026-01-02"), "regression", 1, Green, ("EG_SKIP_UNCHANGED", "true"));
        var changed = await PostAsync(api, "Energy regression in 2 of 2 cells\n", "regression", 1, Green, ("EG_SKIP_UNCHANGED", "true"));

        Assert.True(same.ExitCode == 0, same.All);
        Assert.Contains("skip-unchanged: verdict and report are as last posted", same.Output, StringComparison.Ordinal);
        Assert.Equal(first.Id.ToString(CultureInfo.InvariantCulture), same.Outputs["comment-id"]);
        Assert.Equal(1, api.Requests.Count(r => r.Method == "PATCH"));
        Assert.Matches("<!-- energygate:state verdict=regression alert=true commit=1{40} hash=[0-9a-f]{16} -->", posted);
        Assert.Contains("Energy regression in 2 of 2 cells", Assert.Single(api.CommentsOn(PullRequest)).Body, StringComparison.Ordinal);
        Assert.True(changed.ExitCode == 0, changed.All);
    }

    [Fact]
    public async Task Without_skip_unchanged_the_same_report_is_posted_again()
    {
        await using var api = new FakeGitHubApi();
        await PostAsync(api, "No significant change\n", "pass", 0, Green);
        await PostAsync(api, "No significant change\n", "pass", 0, Green);

        Assert.Equal(1, api.Requests.Count(r => r.Method == "PATCH"));
    }

    [Fact]
    public async Task Cc_mentions_the_people_on_a_regression_only()
    {
        await using var api = new FakeGitHubApi();
        await PostAsync(api, "Energy regression in 1 of 2 cells\n", "regression", 1, Red, ("EG_CC", "@alice  @org/perf"));
        var red = Assert.Single(api.CommentsOn(PullRequest)).Body;

        await PostAsync(api, "No significant change\n", "pass", 0, Green, ("EG_CC", "@alice @org/perf"));
        var green = Assert.Single(api.CommentsOn(PullRequest)).Body;

        Assert.Contains("\ncc @alice @org/perf\n", red, StringComparison.Ordinal);
        Assert.DoesNotContain("@alice", green, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minimize_outdated_retires_the_alert_comment_when_it_goes_green_and_posts_a_new_one()
    {
        await using var api = new FakeGitHubApi();
        await PostAsync(api, "Energy regression in 1 of 2 cells\n", "regression", 1, Red, ("EG_MINIMIZE_OUTDATED", "true"));
        var alert = Assert.Single(api.CommentsOn(PullRequest));

        var run = await PostAsync(api, "No significant change\n", "pass", 0, Green, ("EG_MINIMIZE_OUTDATED", "true"));

        Assert.True(run.ExitCode == 0, run.All);
        var comments = api.CommentsOn(PullRequest);
        Assert.Equal(2, comments.Count);
        Assert.Equal("OUTDATED", alert.MinimizedAs);
        Assert.StartsWith("<!-- energygate:outdated key=default -->\n", alert.Body, StringComparison.Ordinal);
        Assert.Contains("Energy regression in 1 of 2 cells", alert.Body, StringComparison.Ordinal);
        var now = comments.Single(c => c.Id != alert.Id);
        Assert.StartsWith(Marker, now.Body, StringComparison.Ordinal);
        Assert.Contains("**Green now.**", now.Body, StringComparison.Ordinal);
        Assert.Null(now.MinimizedAs);
        Assert.Equal(now.Id.ToString(CultureInfo.InvariantCulture), run.Outputs["comment-id"]);
        var minimize = Assert.Single(api.Requests, r => r.PathAndQuery == "/graphql");
        using var request = JsonDocument.Parse(minimize.Body);
        Assert.Contains("classifier: OUTDATED", request.RootElement.GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.Equal(alert.NodeId, request.RootElement.GetProperty("variables").GetProperty("id").GetString());

        // The retired comment is no longer ours: the next green run updates the new one in place.
        await PostAsync(api, "No significant change\n", "pass", 0, Green, ("EG_MINIMIZE_OUTDATED", "true"));
        Assert.Equal(2, api.CommentsOn(PullRequest).Count);
    }

    [Fact]
    public async Task Minimize_outdated_retires_duplicates_of_the_key_and_updates_the_oldest()
    {
        await using var api = new FakeGitHubApi();
        var oldest = api.AddComment(PullRequest, Marker + "\nfirst copy", FakeGitHubApi.Bot);
        var duplicate = api.AddComment(PullRequest, Marker + "\nsecond copy from a race", FakeGitHubApi.Bot);
        var quoted = api.AddComment(PullRequest, Marker + "\nquoted by a reviewer", "reviewer");

        var run = await PostAsync(api, "No significant change\n", "pass", 0, Green, ("EG_MINIMIZE_OUTDATED", "true"));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("No significant change", oldest.Body, StringComparison.Ordinal);
        Assert.Null(oldest.MinimizedAs);
        Assert.Equal("OUTDATED", duplicate.MinimizedAs);
        Assert.StartsWith("<!-- energygate:outdated key=default -->\nsecond copy", duplicate.Body, StringComparison.Ordinal);
        Assert.Null(quoted.MinimizedAs);
        Assert.Equal(3, api.CommentsOn(PullRequest).Count);
    }

    [Fact]
    public async Task A_minimise_GitHub_refuses_warns_and_the_comment_is_still_posted()
    {
        await using var api = new FakeGitHubApi();
        api.AddComment(PullRequest, Marker + "\nfirst copy", FakeGitHubApi.Bot);
        api.AddComment(PullRequest, Marker + "\nsecond copy", FakeGitHubApi.Bot);

        var run = await PostAsync(api, "No significant change\n", "pass", 0, Green, ("EG_MINIMIZE_OUTDATED", "true"), ("GITHUB_GRAPHQL_URL", api.ApiUrl + "/graphql-elsewhere"));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("::warning title=EnergyGate comment::could not minimise the outdated comment", run.Output, StringComparison.Ordinal);
        Assert.Contains("No significant change", api.CommentsOn(PullRequest)[0].Body, StringComparison.Ordinal);
    }

    private async Task<ScriptRun> PostAsync(FakeGitHubApi api, string report, string verdict, int exitCode, string headSha, params (string Name, string Value)[] overrides)
    {
        var pullRequestEvent = JsonSerializer.Serialize(new { pull_request = new { number = PullRequest, head = new { sha = headSha, repo = new { full_name = FakeGitHubApi.Repository } } } });
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GITHUB_API_URL"] = api.ApiUrl,
            ["GITHUB_REPOSITORY"] = FakeGitHubApi.Repository,
            ["GITHUB_EVENT_PATH"] = _sandbox.Write("event.json", pullRequestEvent),
            ["EG_GITHUB_TOKEN"] = FakeGitHubApi.Token,
            ["EG_REPORT"] = _sandbox.Write("report.md", report),
            ["EG_VERDICT"] = verdict,
            ["EG_EXIT_CODE"] = exitCode.ToString(CultureInfo.InvariantCulture),
            ["EG_COMMENT_MODE"] = "always",
            ["EG_COMMENT_KEY"] = "default",
            ["EG_COMMENT_AUTHOR"] = FakeGitHubApi.Bot,
        };
        foreach (var (name, value) in overrides)
        {
            env[name] = value;
        }
        return await _sandbox.RunAsync("upsert_comment.py", env);
    }

    public void Dispose() => _sandbox.Dispose();
}
