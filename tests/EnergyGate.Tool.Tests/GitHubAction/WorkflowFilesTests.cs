using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>
/// action.yml and every workflow in .github/workflows (whoever adds one) parse, and keep the rules
/// that make them safe on pull requests from forks: no expression expanded into shell text, declared
/// permissions, `pull-requests: write` only where the EnergyGate comment is posted, no
/// pull_request_target, and no checkout of pull-request code in a workflow_run workflow. Also the
/// hygiene rules: least privilege (a write scope only where a step needs it), one concurrency group
/// per pull request, and docs/github-action.md's tables naming exactly action.yml's inputs and outputs.
/// </summary>
public sealed partial class WorkflowFilesTests
{
    public static TheoryData<string> Workflows()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ToolRunner.RepoRoot, ".github", "workflows"))
                     .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Fact]
    public void The_action_expands_no_expression_in_run_text_and_references_only_what_it_declares()
    {
        var action = Load(Path.Combine(ToolRunner.RepoRoot, "action.yml"));
        var runs = (YamlMappingNode)action["runs"];
        Assert.Equal("composite", Scalar(runs, "using"));
        var steps = ((YamlSequenceNode)runs["steps"]).Cast<YamlMappingNode>().ToList();
        var inputs = ((YamlMappingNode)action["inputs"]).Children.Keys.Select(k => k.ToString()).ToHashSet(StringComparer.Ordinal);
        var stepIds = steps.Select(s => Scalar(s, "id")).OfType<string>().ToHashSet(StringComparer.Ordinal);

        foreach (var step in steps.Where(s => Scalar(s, "run") is not null))
        {
            Assert.DoesNotContain("${{", Scalar(step, "run")!, StringComparison.Ordinal);
            Assert.Equal("bash", Scalar(step, "shell"));
        }
        var text = AllScalars(action).ToList();
        Assert.All(text.SelectMany(s => InputReference().Matches(s)), m => Assert.Contains(m.Groups[1].Value, inputs));
        Assert.All(text.SelectMany(s => StepReference().Matches(s)), m => Assert.Contains(m.Groups[1].Value, stepIds));
        Assert.All(((YamlMappingNode)action["outputs"]).Children.Values.Cast<YamlMappingNode>(), o => Assert.StartsWith("${{ steps.", Scalar(o, "value"), StringComparison.Ordinal));
        Assert.Contains("github-token", inputs);
        Assert.Contains("fail-on-regression", inputs);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void A_workflow_is_safe_for_pull_requests_from_forks(string name)
    {
        var workflow = Load(Path.Combine(ToolRunner.RepoRoot, ".github", "workflows", name));
        var triggers = Triggers(workflow["on"]);
        Assert.DoesNotContain("pull_request_target", triggers);

        var jobs = (YamlMappingNode)workflow["jobs"];
        var top = workflow.Children.TryGetValue("permissions", out var declared) ? declared : null;
        foreach (var (jobName, jobNode) in jobs.Children)
        {
            var job = (YamlMappingNode)jobNode;
            var permissions = job.Children.TryGetValue("permissions", out var own) ? own : top;
            Assert.True(permissions is not null, $"{name}: job {jobName} has no permissions, neither its own nor the workflow's");
            var steps = job.Children.TryGetValue("steps", out var s) ? ((YamlSequenceNode)s).Cast<YamlMappingNode>().ToList() : [];
            if (WritesPullRequests(permissions!))
            {
                Assert.True(steps.Any(PostsTheComment), $"{name}: job {jobName} may write pull requests but posts no EnergyGate comment");
            }
            foreach (var step in steps)
            {
                if (Scalar(step, "run") is { } run)
                {
                    Assert.False(UntrustedExpression().IsMatch(run), $"{name}: job {jobName} expands an input or event field into shell text; pass it through env:");
                }
                if (triggers.Contains("workflow_run") && Scalar(step, "uses") is { } uses && uses.StartsWith("actions/checkout@", StringComparison.Ordinal))
                {
                    var with = step.Children.TryGetValue("with", out var w) ? (YamlMappingNode)w : new YamlMappingNode();
                    foreach (var key in new[] { "ref", "repository" })
                    {
                        Assert.False(Scalar(with, key) is { } value && PullRequestCode().IsMatch(value), $"{name}: a workflow_run job checks out the pull request's code ({key}: {Scalar(with, key)})");
                    }
                }
            }
        }
    }

    [Fact]
    public void The_example_pair_measures_read_only_and_comments_from_workflow_run()
    {
        var measure = Load(Path.Combine(ToolRunner.RepoRoot, ".github", "workflows", "energygate-pr.yml"));
        var comment = Load(Path.Combine(ToolRunner.RepoRoot, ".github", "workflows", "energygate-comment.yml"));

        Assert.Equal(["pull_request"], Triggers(measure["on"]));
        Assert.Equal(["workflow_run"], Triggers(comment["on"]));
        var measureJob = (YamlMappingNode)((YamlMappingNode)measure["jobs"])["measure"];
        var commentJob = (YamlMappingNode)((YamlMappingNode)comment["jobs"]).Children.Values.Single();
        Assert.False(WritesPullRequests(measure["permissions"]));
        var gate = With(Steps(measureJob).Single(s => Scalar(s, "uses") == "./"));
        Assert.Equal("off", Scalar(gate, "comment-mode"));
        Assert.Equal("energygate-data", Scalar(gate, "data-branch"));
        Assert.Equal("true", Scalar(gate, "fail-on-regression"));
        Assert.Contains(Steps(measureJob), s => Scalar(s, "uses")?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);
        Assert.True(WritesPullRequests(commentJob["permissions"]));
        var post = With(Steps(commentJob).Single(PostsTheComment));
        Assert.Equal("comment", Scalar(post, "command"));
        Assert.Equal("on-alert", Scalar(post, "comment-mode"));
    }

    [Fact]
    public void The_pull_request_workflow_measures_on_its_paths_or_the_energygate_label()
    {
        var workflow = Load(Path.Combine(ToolRunner.RepoRoot, ".github", "workflows", "energygate-pr.yml"));
        var types = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)workflow["on"])["pull_request"])["types"]).Select(t => t.ToString());
        Assert.Equal(["opened", "synchronize", "reopened", "labeled"], types);
        var jobs = (YamlMappingNode)workflow["jobs"];
        var changes = (YamlMappingNode)jobs["changes"];
        Assert.Contains("github.event.label.name == 'energygate'", Scalar(changes, "if"), StringComparison.Ordinal);
        var filter = Steps(changes).Single(s => Scalar(s, "id") == "filter");
        Assert.Contains("contains(github.event.pull_request.labels.*.name, 'energygate')", Scalar((YamlMappingNode)filter["env"], "LABELLED"), StringComparison.Ordinal);
        foreach (var path in new[] { "energygate.yml", "baselines/*", "models/*", "src/*" })
        {
            Assert.Contains(path, Scalar(filter, "run"), StringComparison.Ordinal);
        }
        Assert.Equal("needs.changes.outputs.measure == 'true'", Scalar((YamlMappingNode)jobs["measure"], "if"));
    }

    [Fact]
    public void The_record_workflow_records_on_pushes_to_main_and_backfills_a_ref_by_hand()
    {
        var workflow = Load(Path.Combine(ToolRunner.RepoRoot, ".github", "workflows", "energygate-record.yml"));
        var on = (YamlMappingNode)workflow["on"];
        Assert.Equal(["push", "workflow_dispatch"], Triggers(on));
        Assert.Equal("main", ((YamlSequenceNode)((YamlMappingNode)on["push"])["branches"]).Single().ToString());
        Assert.True(((YamlMappingNode)((YamlMappingNode)on["workflow_dispatch"])["inputs"]).Children.ContainsKey("ref"));
        var job = (YamlMappingNode)((YamlMappingNode)workflow["jobs"]).Children.Values.Single();
        Assert.Equal("write", Scalar((YamlMappingNode)job["permissions"], "contents"));
        var record = With(Steps(job).Single(IsEnergyGateStep));
        Assert.Equal("record", Scalar(record, "mode"));
        Assert.Equal("energygate-data", Scalar(record, "data-branch"));
        Assert.Equal("${{ steps.measured.outputs.commit }}", Scalar(record, "commit"));
        Assert.Equal("false", Scalar((YamlMappingNode)workflow["concurrency"], "cancel-in-progress"));
        Assert.Equal("${{ inputs.ref || github.sha }}", Scalar(With(Steps(job).First()), "ref"));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void A_workflow_has_least_privilege_a_write_scope_only_where_a_step_needs_it(string name)
    {
        var workflow = Load(Path.Combine(ToolRunner.RepoRoot, ".github", "workflows", name));
        if (workflow.Children.TryGetValue("permissions", out var top))
        {
            Assert.False(Writes(top).Any(), $"{name}: the workflow's own permissions grant {string.Join(", ", Writes(top))}; grant writes per job");
        }
        foreach (var (jobName, jobNode) in (YamlMappingNode)workflow["jobs"])
        {
            var job = (YamlMappingNode)jobNode;
            var permissions = job.Children.TryGetValue("permissions", out var own) ? own : top;
            Assert.True(permissions is not null, $"{name}: job {jobName} has no permissions, neither its own nor the workflow's");
            var steps = job.Children.TryGetValue("steps", out var s) ? ((YamlSequenceNode)s).Cast<YamlMappingNode>().ToList() : [];
            var records = steps.Where(IsEnergyGateStep).Select(With).Where(w => Scalar(w, "mode") == "record").ToList();
            foreach (var scope in Writes(permissions!))
            {
                var needed = scope switch
                {
                    "contents" => records.Count > 0,
                    "pull-requests" => steps.Any(PostsTheComment) || records.Any(w => Scalar(w, "record-to") == "pull-request"),
                    _ => false,
                };
                Assert.True(needed, $"{name}: job {jobName} may write {scope}, but no step needs it");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void A_pull_request_workflow_has_one_concurrency_group_per_pull_request_and_cancels_the_run_before(string name)
    {
        var workflow = Load(Path.Combine(ToolRunner.RepoRoot, ".github", "workflows", name));
        if (!Triggers(workflow["on"]).Contains("pull_request"))
        {
            return;
        }
        Assert.True(workflow.Children.TryGetValue("concurrency", out var node), $"{name}: a pull_request workflow without a concurrency group");
        var concurrency = (YamlMappingNode)node;
        Assert.StartsWith("energygate-${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}", Scalar(concurrency, "group"), StringComparison.Ordinal);
        var cancel = Scalar(concurrency, "cancel-in-progress");
        Assert.True(cancel == "true" || cancel == "${{ github.event_name == 'pull_request' }}", $"{name}: cancel-in-progress is '{cancel}'");
    }

    [Theory]
    [InlineData("energygate-pr.yml")]
    [InlineData("energygate-record.yml")]
    public void The_gating_workflows_cache_packages_and_the_energygate_cache_folder_they_set(string name)
    {
        var workflow = Load(Path.Combine(ToolRunner.RepoRoot, ".github", "workflows", name));
        Assert.Equal("${{ github.workspace }}/../energygate-cache", Scalar((YamlMappingNode)workflow["env"], "ENERGYGATE_CACHE_DIR"));
        var steps = ((YamlMappingNode)workflow["jobs"]).Children.Values.Cast<YamlMappingNode>().Where(j => j.Children.ContainsKey("steps")).SelectMany(Steps).ToList();
        var caches = steps.Where(s => Scalar(s, "uses")?.StartsWith("actions/cache@", StringComparison.Ordinal) == true).Select(With).ToList();
        Assert.Contains(caches, c => Scalar(c, "path") == "${{ env.ENERGYGATE_CACHE_DIR }}" && Scalar(c, "key")!.Contains("hashFiles('energygate.yml')", StringComparison.Ordinal));
        Assert.Contains(caches, c => Scalar(c, "path") == "~/.nuget/packages");
    }

    [Fact]
    public void The_docs_tables_name_every_input_and_output_of_the_action_and_no_other()
    {
        var action = Load(Path.Combine(ToolRunner.RepoRoot, "action.yml"));
        var docs = File.ReadAllText(Path.Combine(ToolRunner.RepoRoot, "docs", "github-action.md"));

        foreach (var (section, key) in new[] { ("Inputs", "inputs"), ("Outputs", "outputs") })
        {
            var declared = ((YamlMappingNode)action[key]).Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal).ToList();
            var documented = TableNames(docs, section).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(declared, documented);
        }
    }

    /// <summary>The backticked names in the first column of the table under "## {section}".</summary>
    private static IEnumerable<string> TableNames(string markdown, string section)
    {
        var start = markdown.IndexOf($"\n## {section}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/github-action.md has no '## {section}' section");
        var end = markdown.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var rows = markdown[start..(end < 0 ? markdown.Length : end)].Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal));
        return rows.SelectMany(row => BacktickedName().Matches(row.Split('|')[1]).Select(m => m.Groups[1].Value));
    }

    private static List<YamlMappingNode> Steps(YamlMappingNode job) => ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>().ToList();

    private static YamlMappingNode With(YamlMappingNode step) => step.Children.TryGetValue("with", out var with) ? (YamlMappingNode)with : new YamlMappingNode();

    private static bool IsEnergyGateStep(YamlMappingNode step) => Scalar(step, "uses") is { } uses && EnergyGateAction().IsMatch(uses);

    /// <summary>A step of this action whose comment is on (comment-mode, else the older comment switch).</summary>
    private static bool PostsTheComment(YamlMappingNode step)
    {
        if (!IsEnergyGateStep(step))
        {
            return false;
        }
        var with = With(step);
        return Scalar(with, "comment-mode") is { Length: > 0 } mode
            ? !string.Equals(mode, "off", StringComparison.Ordinal)
            : !string.Equals(Scalar(with, "comment"), "false", StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> Writes(YamlNode permissions) => permissions switch
    {
        YamlScalarNode all when all.Value is "write-all" => ["every scope"],
        YamlMappingNode map => map.Children.Where(p => p.Value is YamlScalarNode { Value: "write" }).Select(p => p.Key.ToString()),
        _ => [],
    };

    private static bool WritesPullRequests(YamlNode permissions) => permissions switch
    {
        YamlScalarNode all => all.Value == "write-all",
        YamlMappingNode map => Scalar(map, "pull-requests") == "write",
        _ => false,
    };

    private static List<string> Triggers(YamlNode on) => on switch
    {
        YamlScalarNode one => [one.Value!],
        YamlSequenceNode many => many.Select(n => n.ToString()).ToList(),
        YamlMappingNode map => map.Children.Keys.Select(k => k.ToString()).ToList(),
        _ => [],
    };

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }
        var document = Assert.Single(stream.Documents);
        return Assert.IsType<YamlMappingNode>(document.RootNode);
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static IEnumerable<string> AllScalars(YamlNode node) => node.AllNodes.OfType<YamlScalarNode>().Select(s => s.Value ?? "");

    [GeneratedRegex(@"\$\{\{[^}]*\binputs\.([A-Za-z0-9_-]+)")]
    private static partial Regex InputReference();

    [GeneratedRegex(@"\$\{\{[^}]*\bsteps\.([A-Za-z0-9_-]+)\.")]
    private static partial Regex StepReference();

    [GeneratedRegex(@"\$\{\{[^}]*\b(inputs\.|github\.event\.|github\.head_ref)")]
    private static partial Regex UntrustedExpression();

    [GeneratedRegex(@"event|head|refs/pull|pull_request", RegexOptions.IgnoreCase)]
    private static partial Regex PullRequestCode();

    /// <summary>This repository's action (uses: ./, or ./.energygate-action for a second checkout) or a published copy (OWNER/energygate@REF).</summary>
    [GeneratedRegex(@"^(\./?|\./\.energygate-action/?|[^/\s]+/energygate(/[^@\s]*)?@\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex EnergyGateAction();

    [GeneratedRegex(@"`([a-z][a-z0-9-]*)`")]
    private static partial Regex BacktickedName();
}
