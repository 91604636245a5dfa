namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>The end-to-end test's expression evaluator keeps GitHub's rules where action.yml relies on them.</summary>
public sealed class ActionExpressionTests
{
    private static readonly Dictionary<string, object?> Values = new(StringComparer.Ordinal)
    {
        ["inputs.baselines"] = "",
        ["inputs.comment"] = "TRUE",
        ["inputs.github-token"] = "ghs_x",
        ["steps.data.outputs.baselines"] = "/tmp/data/baselines",
        ["steps.gate.outcome"] = "success",
        ["steps.gate.outputs.verdict"] = null,
    };

    [Theory]
    [InlineData("inputs.baselines || steps.data.outputs.baselines", "/tmp/data/baselines")]
    [InlineData("inputs.github-token || 'fallback'", "ghs_x")]
    [InlineData("inputs.comment == 'true'", "true")]
    [InlineData("inputs.github-token != ''", "true")]
    [InlineData("steps.gate.outputs.verdict != 'error'", "true")]
    [InlineData("steps.gate.outputs.verdict == ''", "true")]
    [InlineData("!(inputs.baselines)", "true")]
    [InlineData("steps.gate.outcome == 'success' && inputs.baselines", "")]
    [InlineData("'it''s'", "it's")]
    public void Operators_return_operands_and_compare_strings_ignoring_case(string expression, string expected) =>
        Assert.Equal(expected, ActionExpression.AsString(ActionExpression.Evaluate(expression, p => Values[p], _ => true)));

    [Fact]
    public void A_condition_without_a_status_function_runs_only_after_success()
    {
        Assert.False(ActionExpression.Condition("inputs.comment == 'true'", p => Values[p], f => f != "success"));
        Assert.True(ActionExpression.Condition("always() && inputs.comment == 'true'", p => Values[p], f => f != "success"));
        Assert.Equal("token ghs_x, baselines ", ActionExpression.Template("token ${{ inputs.github-token }}, baselines ${{ inputs.baselines }}", p => Values[p], _ => true));
    }
}
