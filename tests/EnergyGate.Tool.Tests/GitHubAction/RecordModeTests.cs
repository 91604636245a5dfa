using System.Text.Json;

namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>
/// mode: record's two steps (action/fetch_data.py, then action/record.py) against the fake Git Data
/// API, with a stand-in for dotnet-energygate whose `baseline update` writes one baseline file and
/// whose `history append` adds one line per commit: the orphan first commit, commits on top that
/// upload only what changed, the retry when another run moved the branch, nothing to commit, the
/// pull-request route, a read-only token, and a recursive listing GitHub truncated.
/// </summary>
public sealed class RecordModeTests : IDisposable
{
    private const string DataBranch = "energygate-data";
    private const string Baseline = "baselines/smoke/tiny/onnx-cpu.estimated.test.json";
    private const string History = "history/test.jsonl";
    private readonly ActionSandbox _sandbox = new();
    private readonly string _tool;

    public RecordModeTests() => _tool = StandInTool();

    [Fact]
    public async Task The_first_record_run_starts_the_data_branch_as_an_orphan_commit_with_a_readme()
    {
        await using var api = new FakeGitHubApi();

        var (fetch, record) = await RecordAsync(api, Sha('a'));

        Assert.True(fetch.ExitCode == 0 && record.ExitCode == 0, fetch.All + record.All);
        Assert.Equal("", fetch.Outputs["commit"]);
        Assert.Contains("the data branch 'energygate-data' does not exist yet", fetch.Output, StringComparison.Ordinal);
        string[] requests =
        [
            "GET /repos/octo/gate/git/ref/heads/energygate-data",
            "POST /repos/octo/gate/git/blobs",
            "POST /repos/octo/gate/git/blobs",
            "POST /repos/octo/gate/git/blobs",
            "POST /repos/octo/gate/git/trees",
            "POST /repos/octo/gate/git/commits",
            "POST /repos/octo/gate/git/refs",
        ];
        Assert.Equal(requests, Requests(api));
        var head = api.Branch(DataBranch)!;
        Assert.Equal(head, record.Outputs["baselines-commit"]);
        Assert.Empty(api.Commit(head).Parents);
        Assert.StartsWith("EnergyGate: record baselines and history for aaaaaaa\n", api.Commit(head).Message, StringComparison.Ordinal);
        var files = api.FilesAt(DataBranch);
        Assert.Equal(["README.md", Baseline, History], files.Keys);
        Assert.Equal($"{{\"commit\": \"{Sha('a')}\"}}\n", files[History]);
        using (var tree = JsonDocument.Parse(api.Requests.Single(r => r.PathAndQuery.EndsWith("/git/trees", StringComparison.Ordinal)).Body))
        {
            Assert.False(tree.RootElement.TryGetProperty("base_tree", out _));
        }
        Assert.Equal(Path.Combine(fetch.Outputs["dir"], "history"), record.Outputs["history-path"]);
        Assert.Contains("holds this run's baselines and history at commit", File.ReadAllText(_sandbox.SummaryFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_run_commits_on_top_and_uploads_only_the_files_that_changed()
    {
        await using var api = new FakeGitHubApi();
        var first = api.Push(DataBranch, new Dictionary<string, string>
        {
            ["README.md"] = "# data\n",
            ["baselines/other/machine.json"] = "{\"kept\": true}\n",
            [History] = $"{{\"commit\": \"{Sha('a')}\"}}\n",
            ["notes/elsewhere.txt"] = "not managed by the action\n",
        });

        var (fetch, record) = await RecordAsync(api, Sha('b'), ("EG_HISTORY_KEEP", "50"));

        Assert.True(fetch.ExitCode == 0 && record.ExitCode == 0, fetch.All + record.All);
        Assert.Equal(first, fetch.Outputs["commit"]);
        string[] requests =
        [
            "GET /repos/octo/gate/git/ref/heads/energygate-data",
            $"GET /repos/octo/gate/git/commits/{first}",
            $"GET /repos/octo/gate/git/trees/{api.Commit(first).Tree}?recursive=1",
            "GET /repos/octo/gate/git/blobs/" + FakeGitHubApi.BlobId("{\"kept\": true}\n"u8.ToArray()),
            "GET /repos/octo/gate/git/blobs/" + FakeGitHubApi.BlobId(System.Text.Encoding.UTF8.GetBytes($"{{\"commit\": \"{Sha('a')}\"}}\n")),
            "POST /repos/octo/gate/git/blobs",
            "POST /repos/octo/gate/git/blobs",
            "POST /repos/octo/gate/git/trees",
            "POST /repos/octo/gate/git/commits",
            "PATCH /repos/octo/gate/git/refs/heads/energygate-data",
        ];
        Assert.Equal(requests, Requests(api));
        var head = api.Branch(DataBranch)!;
        Assert.Equal([first], api.Commit(head).Parents);
        var files = api.FilesAt(DataBranch);
        Assert.Equal($"{{\"commit\": \"{Sha('a')}\"}}\n{{\"commit\": \"{Sha('b')}\"}}\n", files[History]);
        Assert.Equal("{\"kept\": true}\n", files["baselines/other/machine.json"]);
        Assert.Equal("not managed by the action\n", files["notes/elsewhere.txt"]);
        using var patch = JsonDocument.Parse(api.Requests.Single(r => r.Method == "PATCH").Body);
        Assert.False(patch.RootElement.GetProperty("force").GetBoolean());
        Assert.Contains($"history append --history {fetch.Outputs["history"]} --results {Results} --keep 50", File.ReadAllText(Calls), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_another_run_moved_the_branch_the_record_is_read_again_and_applied_on_top()
    {
        await using var api = new FakeGitHubApi();
        api.Push(DataBranch, new Dictionary<string, string> { [History] = $"{{\"commit\": \"{Sha('a')}\"}}\n" });
        api.BeforeNextRefUpdate = fake => fake.Push(DataBranch, new Dictionary<string, string> { [History] = $"{{\"commit\": \"{Sha('a')}\"}}\n{{\"commit\": \"{Sha('c')}\"}}\n" });

        var (fetch, record) = await RecordAsync(api, Sha('b'));

        Assert.True(fetch.ExitCode == 0 && record.ExitCode == 0, fetch.All + record.All);
        Assert.Contains("moved since it was read", record.Output, StringComparison.Ordinal);
        Assert.Equal(2, api.Requests.Count(r => r.Method == "PATCH"));
        Assert.Equal(2, api.Requests.Count(r => r.PathAndQuery.EndsWith("/git/ref/heads/energygate-data", StringComparison.Ordinal)));
        var history = api.FilesAt(DataBranch)[History];
        Assert.Equal($"{{\"commit\": \"{Sha('a')}\"}}\n{{\"commit\": \"{Sha('c')}\"}}\n{{\"commit\": \"{Sha('b')}\"}}\n", history);
        Assert.Equal(2, File.ReadAllLines(Calls).Count(l => l.StartsWith("history append", StringComparison.Ordinal)));
        Assert.NotEqual(fetch.Outputs["dir"], Path.GetDirectoryName(record.Outputs["history-path"]));
    }

    [Fact]
    public async Task A_record_that_changes_nothing_makes_no_commit()
    {
        await using var api = new FakeGitHubApi();
        await RecordAsync(api, Sha('a'));
        var head = api.Branch(DataBranch);
        var before = api.Requests.Count;

        var (_, again) = await RecordAsync(api, Sha('a'));

        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("nothing to record", again.Output, StringComparison.Ordinal);
        Assert.Equal(head, api.Branch(DataBranch));
        Assert.All(api.Requests.Skip(before), r => Assert.Equal("GET", r.Method));
        Assert.Equal(head, again.Outputs["baselines-commit"]);
    }

    [Fact]
    public async Task Record_to_a_pull_request_pushes_a_branch_of_its_own_and_opens_one_pull_request_however_often_it_runs()
    {
        await using var api = new FakeGitHubApi();
        var data = api.Push(DataBranch, new Dictionary<string, string> { ["README.md"] = "# data\n" });

        var (_, record) = await RecordAsync(api, Sha('d'), ("EG_RECORD_TO", "pull-request"));
        var (_, rerun) = await RecordAsync(api, Sha('d'), ("EG_RECORD_TO", "pull-request"));

        Assert.True(record.ExitCode == 0 && rerun.ExitCode == 0, record.All + rerun.All);
        Assert.Equal(data, api.Branch(DataBranch));
        var branch = api.Branch("energygate/baselines-ddddddd")!;
        Assert.Equal([data], api.Commit(branch).Parents);
        Assert.Equal(["README.md", Baseline, History], api.FilesAt(branch).Keys);
        var pull = Assert.Single(api.Pulls);
        Assert.Equal((DataBranch, "octo:energygate/baselines-ddddddd"), (pull.Base, pull.Label));
        Assert.Equal("EnergyGate: baselines for ddddddd", pull.Title);
        Assert.Equal($"https://github.test/octo/gate/pull/{pull.Number}", record.Outputs["baselines-pr-url"]);
        Assert.Equal(record.Outputs["baselines-pr-url"], rerun.Outputs["baselines-pr-url"]);
        Assert.Contains(api.Requests, r => r.Method == "POST" && r.PathAndQuery == "/repos/octo/gate/git/refs");
        var update = Assert.Single(api.Requests, r => r.Method == "PATCH");
        Assert.Equal("/repos/octo/gate/git/refs/heads/energygate/baselines-ddddddd", update.PathAndQuery);
        using var body = JsonDocument.Parse(update.Body);
        Assert.True(body.RootElement.GetProperty("force").GetBoolean());
        Assert.Contains(api.Requests, r => r.PathAndQuery.StartsWith("/repos/octo/gate/pulls?state=open&head=octo:energygate/baselines-ddddddd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_to_a_pull_request_starts_a_missing_data_branch_so_the_pull_request_has_a_base()
    {
        await using var api = new FakeGitHubApi();

        var (_, record) = await RecordAsync(api, Sha('e'), ("EG_RECORD_TO", "pull-request"));

        Assert.True(record.ExitCode == 0, record.All);
        Assert.Equal(["README.md"], api.FilesAt(DataBranch).Keys);
        Assert.Equal(["README.md", Baseline, History], api.FilesAt("energygate/baselines-eeeeeee").Keys);
        Assert.Equal(DataBranch, Assert.Single(api.Pulls).Base);
    }

    [Fact]
    public async Task A_token_that_may_not_write_names_the_permission()
    {
        await using var api = new FakeGitHubApi();
        api.Push(DataBranch, new Dictionary<string, string> { ["README.md"] = "# data\n" });
        api.ReadOnly = true;

        var (fetch, record) = await RecordAsync(api, Sha('f'));

        Assert.Equal(0, fetch.ExitCode);
        Assert.Equal(2, record.ExitCode);
        Assert.Contains("recording to the data branch 'energygate-data' failed: POST", record.Output, StringComparison.Ordinal);
        Assert.Contains("HTTP 403: Resource not accessible by integration -- The token may not write the repository's contents: give the recording job `permissions: contents: write`", record.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_recursive_listing_is_walked_folder_by_folder()
    {
        await using var api = new FakeGitHubApi { TruncateRecursiveTrees = true };
        api.Push(DataBranch, new Dictionary<string, string> { [Baseline] = "{}\n", [History] = "{}\n", ["big/other.txt"] = "x\n" });

        var (fetch, _) = await RecordAsync(api, Sha('a'), ("EG_RECORD_BASELINES", "false"));

        Assert.Equal("{}\n", File.ReadAllText(Path.Combine(fetch.Outputs["dir"], "baselines", "smoke", "tiny", "onnx-cpu.estimated.test.json")));
        Assert.DoesNotContain(api.Requests, r => r.PathAndQuery.Contains("blobs/" + FakeGitHubApi.BlobId("x\n"u8.ToArray()), StringComparison.Ordinal));
        Assert.DoesNotContain("baseline update", File.ReadAllText(Calls), StringComparison.Ordinal);
        Assert.Equal("{}\n", api.FilesAt(DataBranch)[Baseline]);
        Assert.StartsWith("EnergyGate: record history for aaaaaaa", api.Commit(api.Branch(DataBranch)!).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_data_branch_the_working_tree_is_updated_and_nothing_is_pushed()
    {
        var history = Path.Combine(_sandbox.Dir, "local-history");
        var run = await _sandbox.RunAsync("record.py", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["EG_TOOL"] = _tool,
            ["EG_RESULTS"] = Results,
            ["EG_HISTORY"] = history,
            ["GITHUB_SHA"] = Sha('a'),
            ["CALLS"] = Calls,
        });

        Assert.True(run.ExitCode == 0, run.All);
        Assert.True(File.Exists(Path.Combine(history, "test.jsonl")));
        Assert.True(File.Exists(Path.Combine(_sandbox.Dir, "baselines", "smoke", "tiny", "onnx-cpu.estimated.test.json")));
        Assert.Contains("no data-branch is set, so nothing was pushed", run.Output, StringComparison.Ordinal);
        Assert.Equal("", run.Outputs["baselines-commit"]);
    }

    private string Results => _sandbox.Write("results.jsonl", "{}\n");

    private string Calls => Path.Combine(_sandbox.Dir, "calls.txt");

    private static string Sha(char digit) => new(digit, 40);

    private static List<string> Requests(FakeGitHubApi api) => api.Requests.Select(r => $"{r.Method} {r.PathAndQuery}").ToList();

    /// <summary>The two steps in the order action.yml runs them, with the env each gets.</summary>
    private async Task<(ScriptRun Fetch, ScriptRun Record)> RecordAsync(FakeGitHubApi api, string commit, params (string Name, string Value)[] overrides)
    {
        var common = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GITHUB_API_URL"] = api.ApiUrl,
            ["GITHUB_REPOSITORY"] = FakeGitHubApi.Repository,
            ["GITHUB_SHA"] = commit,
            ["EG_GITHUB_TOKEN"] = FakeGitHubApi.Token,
            ["EG_DATA_BRANCH"] = DataBranch,
        };
        var fetch = await _sandbox.RunAsync("fetch_data.py", common);
        var record = new Dictionary<string, string>(common, StringComparer.Ordinal)
        {
            ["EG_TOOL"] = _tool,
            ["EG_RESULTS"] = Results,
            ["EG_VERDICT"] = "pass",
            ["EG_DATA_DIR"] = fetch.Outputs.GetValueOrDefault("dir", ""),
            ["EG_RECORD_TO"] = "branch",
            ["EG_RECORD_BASELINES"] = "true",
            ["CALLS"] = Calls,
        };
        foreach (var (name, value) in overrides)
        {
            record[name] = value;
        }
        return (fetch, await _sandbox.RunAsync("record.py", record));
    }

    /// <summary>
    /// dotnet-energygate's two record commands, as far as the action sees them: `baseline update`
    /// writes one baseline naming $GITHUB_SHA, `history append` replaces or adds the line of
    /// $GITHUB_SHA (the real store replaces an entry of the same commit too).
    /// </summary>
    private string StandInTool() => _sandbox.WriteExecutable("stand-in/dotnet-energygate", """
        #!/usr/bin/env bash
        echo "$*" >> "$CALLS"
        command="$1 $2"; shift 2
        baselines=baselines
        while [ $# -gt 0 ]; do
          case "$1" in --baselines) baselines="$2"; shift ;; --history) history="$2"; shift ;; esac
          shift
        done
        line="{\"commit\": \"$GITHUB_SHA\"}"
        case "$command" in
          "baseline update")
            mkdir -p "$baselines/smoke/tiny"
            printf '%s\n' "$line" > "$baselines/smoke/tiny/onnx-cpu.estimated.test.json" ;;
          "history append")
            mkdir -p "$history"
            { grep -vF "$line" "$history/test.jsonl" 2>/dev/null; printf '%s\n' "$line"; } > "$history/test.jsonl.tmp"
            mv "$history/test.jsonl.tmp" "$history/test.jsonl" ;;
          *) echo "unexpected: $command" >&2; exit 2 ;;
        esac
        """);

    public void Dispose() => _sandbox.Dispose();
}
