using System.Text.Json;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Reporting;
using static EnergyGate.Core.Tests.Gating.GateFixtures;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>A hub model named by a branch or tag: every report says the plan is not pinned and names the commit to pin.</summary>
public sealed class PinningSectionTests
{
    private const string Commit = "2e1fd397ee46e1388853d2af2c993145b0f1098a";

    /// <summary>A candidate whose fingerprint holds what RunPreparation records for <c>hf:acme/coder@main</c> and a pinned model.</summary>
    internal static GateResult Unpinned()
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model.coder.hf_commit"] = Commit,
            [PinningSection.UnpinnedKey("coder")] = "hf:acme/coder@main",
            ["model.pinned.hf_commit"] = Commit,
        };
        var machine = Machine() with { Details = facts };
        return Gate.Evaluate(Baseline(Record(1, 100, 0.03)), Candidate(machine, Record(2, 100, 0.03)), GatePolicy.Default, Today);
    }

    [Fact]
    public void Markdown_html_and_json_name_the_unpinned_model_and_the_commit_to_pin()
    {
        var result = Unpinned();
        var expected = $"> **The plan is not pinned:** model `coder` comes from `hf:acme/coder@main`, a branch or tag that resolved to commit `{Commit}` in this run; " +
            $"pin it as `hf:acme/coder@{Commit}` so later runs measure the same weights.";
        Assert.Contains(expected, MarkdownReport.Render(result), StringComparison.Ordinal);
        Assert.Contains($"pin it as <code>hf:acme/coder@{Commit}</code>", HtmlReport.Render(result), StringComparison.Ordinal);

        using var json = JsonDocument.Parse(JsonReport.Render(result));
        var unpinned = Assert.Single(json.RootElement.GetProperty("unpinned_models").EnumerateArray());
        Assert.Equal(("coder", "hf:acme/coder@main", Commit, $"hf:acme/coder@{Commit}"),
            (unpinned.GetProperty("model").GetString(), unpinned.GetProperty("source").GetString(), unpinned.GetProperty("commit").GetString(), unpinned.GetProperty("pin_as").GetString()));
    }

    [Fact]
    public void A_pinned_plan_has_no_note()
    {
        var result = Gate.Evaluate(Baseline(Record(1, 100, 0.03)), Candidate(Record(2, 100, 0.03)), GatePolicy.Default, Today);
        Assert.DoesNotContain("not pinned", MarkdownReport.Render(result), StringComparison.Ordinal);
        Assert.Empty(PinningSection.Unpinned(result));
    }
}
