using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Tests.Statistics;

public sealed class SignificanceTestsTests
{
    [Fact]
    public void Mann_Whitney_complete_separation_of_ten_a_side_is_one_in_184756()
    {
        double[] low = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        var high = low.Select(v => v + 100).ToArray();
        Assert.Equal(1.0 / 184756, SignificanceTests.MannWhitneyGreater(high, low), 12);   // 1 / C(20, 10)
        Assert.Equal(1.0, SignificanceTests.MannWhitneyGreater(low, high), 12);
    }

    // Exact binomial tails by hand: P(X >= k) for X ~ Bin(n, 1/2).
    [Theory]
    [InlineData(0, 0, 1.0)]
    [InlineData(0, 5, 1.0)]
    [InlineData(1, 0, 0.5)]
    [InlineData(3, 0, 0.125)]
    [InlineData(5, 0, 0.03125)]
    [InlineData(7, 0, 0.0078125)]
    [InlineData(8, 2, 56.0 / 1024)]        // (C(10,8) + C(10,9) + C(10,10)) / 2^10
    [InlineData(2, 8, 1013.0 / 1024)]
    public void McNemar_is_the_exact_binomial_tail(int lost, int gained, double expected) =>
        Assert.Equal(expected, SignificanceTests.McNemarWorse(lost, gained), 8);
}
