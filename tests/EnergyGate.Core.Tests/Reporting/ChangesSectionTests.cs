using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Reporting;
using static EnergyGate.Core.Tests.Gating.GateFixtures;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>The first screen: the verdict, then what changed between baseline and run, and settings shown as code.</summary>
public sealed class ChangesSectionTests
{
    private const string OldWeights = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";
    private const string NewWeights = "3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d";

    private static Dictionary<string, string> Settings(string weights, int maxNewTokens, string runtime = "1.22.0") => new()
    {
        [UnderTest.ModelSha256] = weights,
        [UnderTest.RuntimeVersion] = runtime,
        [UnderTest.Decoding] = $"{{\"MaxNewTokens\":{maxNewTokens},\"Temperature\":0,\"StopStrings\":[\"\\ndef\"]}}",
    };

    private static EnvironmentFingerprint WithDecoding(EnvironmentFingerprint machine) =>
        machine with { Details = new Dictionary<string, string> { ["decoding"] = "{\"MaxNewTokens\":512,\"StopStrings\":[\"\\ndef\",\"\\nclass\"]}", ["os"] = "Linux 6.8" } };

    [Fact]
    public void The_verdict_is_followed_by_the_weights_and_settings_that_changed()
    {
        var result = Gate.Evaluate(Baseline(Record(1, 100, 0.03, settings: Settings(OldWeights, 256))),
            Candidate(Record(2, 100, 0.03, settings: Settings(NewWeights, 512, runtime: "1.23.0"))), GatePolicy.Default, Today);

        var markdown = MarkdownReport.Render(result);

        var expected = VerdictLine.For(result) + "\n\n"
            + "**What changed (baseline -> this run)**\n\n"
            + "- Model weights (sha256): `1a2b3c4d5e6f` -> `3c4d5e6f7a8b`\n"
            + "- Runtime onnx: `1.22.0` -> `1.23.0`\n"
            + "- decoding.max-new-tokens: `256` -> `512`\n\n";
        Assert.StartsWith(expected, markdown, StringComparison.Ordinal);
        // The full values stay in the cell's details below.
        Assert.Contains($"model changed: `model_sha256`: `{OldWeights}` -> `{NewWeights}`", markdown, StringComparison.Ordinal);
        // The HTML page renders the same Markdown: the list follows the verdict's paragraph.
        var html = HtmlReport.Render(result);
        Assert.Contains($"<p>{VerdictLine.For(result)}</p>\n<p><strong>What changed (baseline -&gt; this run)</strong></p>\n<ul>\n<li>Model weights (sha256): <code>1a2b3c4d5e6f</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_changed_is_one_line_under_the_verdict()
    {
        var result = Gate.Evaluate(Baseline(Record(1, 100, 0.03)), Candidate(Record(2, 100, 0.03)), GatePolicy.Default, Today);

        Assert.StartsWith(VerdictLine.For(result) + "\n\nNothing changed between baseline and this run but the code under test.\n\n",
            MarkdownReport.Render(result), StringComparison.Ordinal);
        Assert.Equal([ChangesSection.NothingChanged], ChangesSection.TextLines(result));
    }

    [Fact]
    public void Without_any_baseline_there_is_nothing_to_say_changed()
    {
        var result = Gate.Evaluate(BaselineSet.Empty, Candidate(Record(2, 100, 0.03)), GatePolicy.Default, Today);

        Assert.Null(ChangesSection.For(result));
        Assert.Empty(ChangesSection.TextLines(result));
        Assert.StartsWith(VerdictLine.For(result) + "\n\n| Cell |", MarkdownReport.Render(result), StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_in_some_cells_names_them_and_machine_differences_count_too()
    {
        var result = ReportFixture.Result();

        var changes = ChangesSection.For(result)!;

        Assert.Equal(2, changes.Count);
        Assert.Equal(("Model weights (sha256)", "aaaa", "bbbb"), (changes[0].Label, changes[0].Old, changes[0].New));
        Assert.Equal([new CellKey("humaneval", "org/noisy-coder", "onnx", "cuda")], changes[0].Cells);
        Assert.Equal(("gpu_model", "NVIDIA A100", "NVIDIA A10G"), (changes[1].Label, changes[1].Old, changes[1].New));
        Assert.Equal(
            [
                "What changed (baseline -> this run):",
                "  Model weights (sha256): aaaa -> bbbb (humaneval/org%2Fnoisy-coder/onnx/cuda)",
                "  gpu_model: NVIDIA A100 -> NVIDIA A10G (humaneval/tiny-coder/torch/cuda)",
            ],
            ChangesSection.TextLines(result));
    }

    [Fact]
    public void Settings_with_quotes_are_code_in_the_environment_block_never_html_entities()
    {
        var result = Gate.Evaluate(Baseline(Record(1, 100, 0.03)), Candidate(WithDecoding(Machine()), Record(2, 100, 0.03)), GatePolicy.Default, Today);

        var markdown = MarkdownReport.Render(result);

        Assert.DoesNotContain("&quot;", markdown, StringComparison.Ordinal);
        Assert.Contains("- decoding: `{\"MaxNewTokens\":512,\"StopStrings\":[\"\\ndef\",\"\\nclass\"]}`\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- os: `Linux 6.8`\n", markdown, StringComparison.Ordinal);
        // The machine fact the baseline lacks is a change too (shown as not recorded).
        Assert.Contains("- os: `not recorded` -> `Linux 6.8`\n", markdown.Split("<details>")[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "`plain`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`x", "`` `x ``")]
    [InlineData("", "(empty)")]
    public void Code_spans_survive_backticks(string text, string expected) => Assert.Equal(expected, MarkdownCode.Inline(text));

    [Fact]
    public void A_long_list_is_cut_with_a_count()
    {
        var baseline = new List<CellRecord>();
        var candidate = new List<CellRecord>();
        for (var i = 0; i < ChangesSection.MaxListed + 3; i++)
        {
            var cell = Cell with { Model = $"m{i:D2}" };
            baseline.Add(Record(1, 100, 0.03, cell: cell, settings: new Dictionary<string, string> { [UnderTest.ModelSha256] = $"old{i:D2}" }));
            candidate.Add(Record(2, 100, 0.03, cell: cell, settings: new Dictionary<string, string> { [UnderTest.ModelSha256] = $"new{i:D2}" }));
        }
        var result = Gate.Evaluate(Baseline([.. baseline]), Candidate([.. candidate]), GatePolicy.Default, Today);

        var lines = ChangesSection.TextLines(result);

        Assert.Equal(ChangesSection.MaxListed + 2, lines.Count);
        Assert.Equal("  and 3 more differences; the report's details list them", lines[^1]);
        Assert.Contains("- and 3 more differences; the report's details list them\n", MarkdownReport.Render(result), StringComparison.Ordinal);
    }
}
