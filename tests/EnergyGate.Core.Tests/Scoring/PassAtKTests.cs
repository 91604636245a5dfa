using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Tests.Scoring;

public sealed class PassAtKTests
{
    // Hand-computed from 1 - C(n-c, k) / C(n, k).
    [Theory]
    [InlineData(1, 0, 1, 0.0)]
    [InlineData(1, 1, 1, 1.0)]
    [InlineData(10, 0, 1, 0.0)]
    [InlineData(10, 10, 10, 1.0)]
    [InlineData(10, 3, 1, 0.3)]
    [InlineData(10, 3, 10, 1.0)]
    [InlineData(5, 2, 2, 0.7)]           // 1 - C(3,2)/C(5,2) = 1 - 3/10
    [InlineData(10, 1, 5, 0.5)]          // 1 - C(9,5)/C(10,5) = 1 - 126/252
    [InlineData(4, 1, 4, 1.0)]           // k = n with one pass
    [InlineData(4, 0, 4, 0.0)]           // k = n with none
    [InlineData(200, 1, 100, 0.5)]       // 1 - C(199,100)/C(200,100) = 1 - 100/200
    public void Estimate_matches_hand_computed_values(int n, int c, int k, double expected) =>
        Assert.Equal(expected, PassAtK.Estimate(n, c, k), 12);

    [Fact]
    public void Estimate_is_stable_for_large_n()
    {
        var value = PassAtK.Estimate(1000, 37, 100);
        Assert.Equal(0.9812074826020137, value, 10);   // Python: 1 - comb(963, 100) / comb(1000, 100)
    }

    [Fact]
    public void Estimate_rejects_k_above_n() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(3, 1, 5));

    [Fact]
    public void Average_skips_k_larger_than_the_smallest_sample_count()
    {
        var result = PassAtK.Average([(10, 5), (2, 1)], [1, 2, 10]);
        Assert.Equal([1, 2], result.Keys);
        Assert.Equal(0.5, result[1], 12);
        Assert.Equal((PassAtK.Estimate(10, 5, 2) + 1.0) / 2, result[2], 12);
    }

    [Fact]
    public void Average_of_no_problems_is_empty() =>
        Assert.Empty(PassAtK.Average([], [1]));
}
