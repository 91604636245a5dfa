using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>
/// action.yml and every workflow in .github/workflows (whoever adds one) parse, and keep the rules
/// that make them safe on pull requests from forks: no expression expanded into shell text, declared
/// permissions, `pull-requests: write` only where the EnergyGate comment is posted, no
/// pull_request_target, and no checkout of pull-request code in a workflow_run workflow.
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
        var measureJob = (YamlMappingNode)((YamlMappingNode)measure["jobs"]).Children.Values.Single();
        var commentJob = (YamlMappingNode)((YamlMappingNode)comment["jobs"]).Children.Values.Single();
        Assert.False(WritesPullRequests(measure["permissions"]));
        var gate = Steps(measureJob).Single(s => Scalar(s, "uses") == "./");
        Assert.Equal("false", Scalar((YamlMappingNode)gate["with"], "comment"));
        Assert.Contains(Steps(measureJob), s => Scalar(s, "uses")?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);
        Assert.True(WritesPullRequests(commentJob["permissions"]));
        Assert.Equal("comment", Scalar((YamlMappingNode)Steps(commentJob).Single(PostsTheComment)["with"], "command"));
    }

    private static List<YamlMappingNode> Steps(YamlMappingNode job) => ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>().ToList();

    private static bool PostsTheComment(YamlMappingNode step) =>
        Scalar(step, "uses") is { } uses && EnergyGateAction().IsMatch(uses)
        && !(step.Children.TryGetValue("with", out var with) && string.Equals(Scalar((YamlMappingNode)with, "comment"), "false", StringComparison.OrdinalIgnoreCase));

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

    /// <summary>This repository's action (uses: ./) or a published copy (OWNER/energygate@REF).</summary>
    [GeneratedRegex(@"^(\./?|[^/\s]+/energygate(/[^@\s]*)?@\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex EnergyGateAction();
}
