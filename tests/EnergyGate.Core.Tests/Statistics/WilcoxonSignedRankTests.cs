using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Tests.Statistics;

// Every expected value is counted by hand over the 2^n equally likely sign patterns of the ranks.
public sealed class WilcoxonSignedRankTests
{
    // Five positive differences: W+ = 1+2+3+4+5 = 15, reached only by the all-positive pattern: 1/32.
    [Fact]
    public void All_positive_five_pairs_give_one_in_32()
    {
        var r = WilcoxonSignedRank.Test([0.05, 0.01, 0.03, 0.02, 0.04]);
        Assert.Equal(15, r.PositiveRankSum);
        Assert.Equal(1.0 / 32, r.PGreater, 12);
        Assert.Equal(1.0, r.PLess, 12);
        Assert.True(r.Exact);
    }

    // The smallest |d| negative: W+ = 2+3+4+5+6 = 20 of at most 21. P(W+ >= 20) = P(W+ <= 1)
    // (the distribution is symmetric about 10.5) = patterns {} and {1} = 2/64. P(W+ <= 20) = 1 - 1/64.
    [Fact]
    public void One_small_negative_of_six_pairs_gives_two_in_64()
    {
        var r = WilcoxonSignedRank.Test([-0.01, 0.02, 0.03, 0.04, 0.05, 0.06]);
        Assert.Equal(20, r.PositiveRankSum);
        Assert.Equal(2.0 / 64, r.PGreater, 12);
        Assert.Equal(63.0 / 64, r.PLess, 12);
    }

    // |d| = .01, .01, .02, .03 take mid-ranks 1.5, 1.5, 3, 4; W+ = 1.5 + 3 + 4 = 8.5. Of the 16
    // patterns over ranks {1.5, 1.5, 3, 4} (total 10), W+ >= 8.5 for {1.5a,3,4}, {1.5b,3,4} and all four: 3/16.
    [Fact]
    public void Tied_magnitudes_get_mid_ranks_and_an_exact_tied_distribution()
    {
        var r = WilcoxonSignedRank.Test([0.01, -0.01, 0.02, 0.03]);
        Assert.Equal(8.5, r.PositiveRankSum);
        Assert.Equal(3.0 / 16, r.PGreater, 12);
    }

    // Zeros are dropped (Wilcoxon's method): the five non-zero positives are the first case again.
    [Fact]
    public void Zero_differences_are_dropped()
    {
        var r = WilcoxonSignedRank.Test([0, 0.01, 0.02, 0.03, 0.04, 0.05]);
        Assert.Equal(5, r.NonZero);
        Assert.Equal(1.0 / 32, r.PGreater, 12);
    }

    // n = 25 > 20, all positive: W+ = 325, mean 25*26/4 = 162.5, variance 25*26*51/24 = 1381.25
    // (sd 37.1652), z = (325 - 162.5 - 0.5) / 37.1652 = 4.35892, 1 - Phi(z) = 6.5353e-6.
    [Fact]
    public void Beyond_twenty_pairs_the_normal_approximation_is_used()
    {
        var r = WilcoxonSignedRank.Test([.. Enumerable.Range(1, 25).Select(i => i * 0.01)]);
        Assert.False(r.Exact);
        Assert.Equal(6.5353e-6, r.PGreater, 8);
    }

    // Tables (Hollander and Wolfe): n = 10, P(W+ <= 8) = 25/1024 = 0.0244 <= 0.025 and
    // P(W+ <= 9) = 33/1024 = 0.0322, so the 95% interval is the 9th smallest / largest Walsh average.
    // n = 6: P(W+ = 0) = 1/64 <= 0.025 < 2/64, so k = 1; n = 5: 1/32 > 0.025, no 95% interval.
    [Theory]
    [InlineData(10, 9)]
    [InlineData(6, 1)]
    [InlineData(5, 0)]
    public void Interval_index_matches_the_tables(int n, int k) => Assert.Equal(k, WilcoxonSignedRank.LowerIndex(n, 0.025));

    // Walsh averages of .1, .2, .3: .1, .15, .2, .2, .25, .3; median .2. n = 3 is too few for 95%.
    [Fact]
    public void Walsh_estimate_is_the_median_of_pairwise_averages()
    {
        var e = WalshAverages.Estimate([0.1, 0.3, 0.2], 0.95);
        Assert.Equal(0.2, e.Estimate, 12);
        Assert.True(double.IsNegativeInfinity(e.Lower) && double.IsPositiveInfinity(e.Upper));
    }
}
