using System.Numerics;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Tests.Statistics;

/// <summary>The order-statistic interval of a median against exact binomial sums.</summary>
public sealed class MedianIntervalTests
{
    [Fact]
    public void Five_values_are_too_few_for_95_percent()
    {
        // [min, max] of five covers 1 - 2/32 = 93.75 %.
        Assert.Null(MedianInterval.Of([1, 2, 3, 4, 5], 0.95));
    }

    [Fact]
    public void Six_values_give_min_to_max()
    {
        Assert.Equal(new EffectInterval(3.5, 1, 6), MedianInterval.Of([6, 1, 5, 2, 4, 3], 0.95));
    }

    [Fact]
    public void Ten_values_give_the_second_to_the_ninth()
    {
        // P(B <= 1) = 11/1024 <= 2.5 % < P(B <= 2) = 56/1024.
        Assert.Equal(new EffectInterval(5.5, 2, 9), MedianInterval.Of([.. Enumerable.Range(1, 10).Select(i => (double)i)], 0.95));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(2000)]
    public void The_rank_is_the_largest_whose_tail_stays_within_the_level(int n)
    {
        var k = MedianInterval.LowerRank(n, 0.025);
        Assert.InRange(k, 1, n / 2);
        Assert.True(Tail(n, k - 1) <= 0.025, $"P(B <= {k - 1}) = {Tail(n, k - 1)}");
        Assert.True(Tail(n, k) > 0.025, $"P(B <= {k}) = {Tail(n, k)}");
    }

    // P(B <= j), B ~ Binomial(n, 1/2), from exact integer binomial coefficients (independent of the code under test).
    private static double Tail(int n, int j)
    {
        var (sum, coefficient) = (BigInteger.Zero, BigInteger.One);
        for (var i = 0; i <= j; i++)
        {
            sum += coefficient;
            coefficient = coefficient * (n - i) / (i + 1);
        }
        return Math.Exp(BigInteger.Log(sum) - n * Math.Log(2));
    }
}
