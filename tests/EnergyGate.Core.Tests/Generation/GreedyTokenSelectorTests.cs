using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Tests.Generation;

public sealed class GreedyTokenSelectorTests
{
    [Theory]
    [InlineData(new[] { 0.1f, 3f, -2f, 2.9f }, 1)]
    [InlineData(new[] { 5f, 1f, 5f, 5f }, 0)]                      // ties go to the lowest id
    [InlineData(new[] { 1f, 7f, 2f, 7f }, 1)]
    [InlineData(new[] { float.NaN, -1f, float.NaN, -0.5f }, 3)]    // NaN never wins, even in front
    [InlineData(new[] { float.NegativeInfinity, float.NegativeInfinity }, 0)]
    [InlineData(new[] { 1f, float.PositiveInfinity, 2f }, 1)]
    public void Picks_the_highest_logit(float[] logits, int expected) =>
        Assert.Equal(expected, GreedyTokenSelector.Instance.SelectToken(logits, 0));

    [Fact]
    public void All_NaN_logits_are_a_clear_error()
    {
        var error = Assert.Throws<EnergyGateException>(() => GreedyTokenSelector.Instance.SelectToken(new[] { float.NaN, float.NaN }, 4));
        Assert.Contains("no usable logits for generated token 4", error.Message, StringComparison.Ordinal);
    }
}
