using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Tests.Configuration;

/// <summary><c>gate.budgets</c>: what each form of a limit means, and every mistake with its position and fix.</summary>
public sealed class BudgetConfigTests
{
    private static IReadOnlyList<Budget> Read(string budgets) =>
        ConfigText.Parse("version: 1\ngate:\n  budgets:\n" + budgets).Gate!.Budgets;

    [Fact]
    public void Bare_numbers_bound_the_worse_side_and_comparisons_the_side_they_name()
    {
        var budgets = Read("""
                - cell: "humaneval/*/onnx/*"
                  decode_joules_per_token: 0.004
                  tokens_per_second: 20
                  "pass@1": ">= 0.6"
                  ttft_seconds: <=0.25
                - joules_per_problem: ">= 1.5"
                  code_sim: 40
            """);

        Assert.Equal(2, budgets.Count);
        Assert.Equal("humaneval/*/onnx/*", budgets[0].Cell);
        Assert.Equal(
            [
                new BudgetLimit(MetricIds.DecodeJoulesPerToken, BudgetBound.AtMost, 0.004),
                new BudgetLimit(MetricIds.TokensPerSecond, BudgetBound.AtLeast, 20),
                new BudgetLimit(BudgetMetrics.PassAt1, BudgetBound.AtLeast, 0.6),
                new BudgetLimit(MetricIds.TtftSeconds, BudgetBound.AtMost, 0.25),
            ],
            budgets[0].Limits);
        Assert.Equal("*", budgets[1].Cell);   // no cell: every cell
        Assert.Equal(
            [new BudgetLimit(MetricIds.JoulesPerProblem, BudgetBound.AtLeast, 1.5), new BudgetLimit(BudgetMetrics.CodeSim, BudgetBound.AtLeast, 40)],
            budgets[1].Limits);
    }

    [Fact]
    public void An_empty_list_means_no_budgets()
    {
        Assert.Empty(ConfigText.Parse("version: 1\ngate:\n  budgets: []\n").Gate!.Budgets);
        Assert.Empty(GatePolicy.Default.Budgets);
    }

    private const string Metrics = "joules_per_problem, prefill_joules, decode_joules, decode_joules_per_token, joules_per_correct_task, generated_tokens, tokens_per_second, batch_tokens_per_second, ttft_seconds, prefill_share, babble_share, babble_joules, max_tokens_share, prefill_amplification, prefill_flops, decode_flops, decode_bytes_per_token, flops_per_problem, pass@1, code_sim";

    private const string DecodeExpected = "expected a limit for decode_joules_per_token: a plain number of 0 or more (at most, as lower is better) or a quoted comparison such as \"<= 0.5\" or \">= 0.5\"";

    [Theory]
    [InlineData("    - decode_joule_per_token: 0.004\n",
        "energygate.yml:4:7: gate.budgets[0].decode_joule_per_token: unknown metric \"decode_joule_per_token\"; did you mean `decode_joules_per_token`? a budget takes `cell` and limits on: " + Metrics)]
    [InlineData("    - cells: '*/*/*/*'\n      decode_joules: 2\n",
        "energygate.yml:4:7: gate.budgets[0].cells: unknown metric \"cells\"; did you mean `cell`? a budget takes `cell` and limits on: " + Metrics)]
    [InlineData("    - decode_joules_per_token: lots\n",
        "energygate.yml:4:32: gate.budgets[0].decode_joules_per_token: " + DecodeExpected + ", found \"lots\"")]
    [InlineData("    - decode_joules_per_token: '0.004'\n",
        "energygate.yml:4:32: gate.budgets[0].decode_joules_per_token: " + DecodeExpected + ", found the quoted string \"0.004\"; drop the quotes, or say the side: \"<= 0.004\" or \">= 0.004\"")]
    [InlineData("    - decode_joules_per_token: '< 0.004'\n",
        "energygate.yml:4:32: gate.budgets[0].decode_joules_per_token: " + DecodeExpected + ", found the quoted string \"< 0.004\"; a budget includes its limit: write \"<= x\" or \">= x\" with a plain number x")]
    [InlineData("    - decode_joules_per_token: -1\n",
        "energygate.yml:4:32: gate.budgets[0].decode_joules_per_token: " + DecodeExpected + ", found \"-1\"")]
    [InlineData("    - decode_joules_per_token: [0.004]\n",
        "energygate.yml:4:32: gate.budgets[0].decode_joules_per_token: " + DecodeExpected + ", found a list")]
    [InlineData("    - \"pass@1\": 60\n",
        "energygate.yml:4:17: gate.budgets[0].pass@1: expected a limit for pass@1: a plain number of 0 or more (at least, as higher is better) or a quoted comparison such as \">= 0.5\" or \"<= 0.5\", found \"60\"; pass@1 is a share from 0 to 1: write 0.6 for 60%")]
    [InlineData("    - code_sim: '>= 150'\n",
        "energygate.yml:4:17: gate.budgets[0].code_sim: expected a limit for code_sim: a plain number of 0 or more (at least, as higher is better) or a quoted comparison such as \">= 0.5\" or \"<= 0.5\", found the quoted string \">= 150\"; code_sim is a score from 0 to 100")]
    [InlineData("    - cell: 'humaneval/*/onnx'\n      decode_joules: 2\n",
        "energygate.yml:4:13: gate.budgets[0].cell: expected a cell pattern suite/model/runtime/provider, each part a name or * (write '/' inside a part as %2F), found the quoted string \"humaneval/*/onnx\"")]
    [InlineData("    - cell: 'humaneval/*/*/*'\n",
        "energygate.yml:4:7: gate.budgets[0]: a budget needs at least one limit, e.g. `decode_joules_per_token: 0.004` or `\"pass@1\": \">= 0.6\"`")]
    [InlineData("    - {}\n",
        "energygate.yml:4:7: gate.budgets[0]: a budget needs at least one limit, e.g. `decode_joules_per_token: 0.004` or `\"pass@1\": \">= 0.6\"`")]
    [InlineData("    - decode_joules: 2\n      decode_joules: 3\n",
        "energygate.yml:5:7: gate.budgets[0].decode_joules: duplicate key `decode_joules` (first defined at 4:7)")]
    [InlineData("    - cell: 'lcc/*/*/*'\n      \"pass@1\": 0.5\n",
        "energygate.yml:5:7: gate.budgets[0].pass@1: `lcc` is an understanding suite, scored by code similarity, so its cells have no pass@1; limit `code_sim` (0 to 100) instead")]
    [InlineData("    - cell: 'humaneval+syntax/*/*/*'\n      code_sim: 40\n",
        "energygate.yml:5:7: gate.budgets[0].code_sim: `humaneval+syntax` is a code-generation suite, scored by running its tests, so its cells have no code_sim; limit `pass@1` (0 to 1) instead")]
    public void Budget_mistakes_name_the_spot_and_the_fix(string budgets, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\ngate:\n  budgets:\n" + budgets));

    [Theory]
    [InlineData("gate:\n  budgets: {decode_joules: 2}\n",
        "energygate.yml:3:12: gate.budgets: expected a list of budgets, each a mapping such as {cell: \"humaneval/*/*/*\", decode_joules_per_token: 0.004} (use [] for none), found a mapping")]
    [InlineData("gate:\n  budgets:\n    - 0.004\n",
        "energygate.yml:4:7: gate.budgets[0]: expected a budget: a mapping of an optional `cell` pattern and limits such as `decode_joules_per_token: 0.004` or `\"pass@1\": \">= 0.6\"`, found \"0.004\"")]
    [InlineData("gate:\n  budget: []\n",
        "energygate.yml:3:3: gate.budget: unknown key `budget`; did you mean `budgets`?")]
    public void The_budgets_key_takes_a_list_of_mappings(string body, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\n" + body));

    [Fact]
    public void An_unquoted_at_least_comparison_is_a_YAML_error_that_says_to_quote_it()
    {
        var error = ConfigText.SingleError("version: 1\ngate:\n  budgets:\n    - \"pass@1\": >= 0.6\n");

        Assert.StartsWith("energygate.yml:4:17: invalid YAML: ", error, StringComparison.Ordinal);
        Assert.EndsWith("; a comparison such as >= 0.6 must be quoted: \">= 0.6\"", error, StringComparison.Ordinal);
    }
}
