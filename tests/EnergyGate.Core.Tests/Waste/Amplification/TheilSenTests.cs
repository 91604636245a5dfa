using EnergyGate.Core.Waste.Amplification;

namespace EnergyGate.Core.Tests.Waste.Amplification;

public sealed class TheilSenTests
{
    [Fact]
    public void The_slope_is_the_median_of_the_pairwise_slopes_computed_by_hand()
    {
        // Slopes 2, 1.5, 7/3, 1, 2.5, 4 -> sorted middle pair 2 and 7/3; residuals -1/6, -1/3, -1.5, 1/3 -> median -1/4.
        var fit = TheilSen.Fit([(1, 2), (2, 4), (3, 5), (4, 9)])!;
        Assert.Equal((2 + 7.0 / 3) / 2, fit.Slope, 12);
        Assert.Equal(-0.25, fit.Intercept, 12);
        Assert.Equal(6, fit.Pairs);
    }

    [Fact]
    public void Pairs_with_equal_x_are_skipped()
    {
        // Only the four cross pairs count: slopes 2, 4, 1, 3 -> median 2.5.
        var fit = TheilSen.Fit([(0, 1), (0, 2), (1, 3), (1, 5)])!;
        Assert.Equal(4, fit.Pairs);
        Assert.Equal(2.5, fit.Slope, 12);
    }

    [Fact]
    public void One_wild_point_does_not_move_the_slope()
    {
        var points = Enumerable.Range(1, 9).Select(x => ((double)x, 2.0 * x + 1)).ToList();
        points[4] = (5, 1000);
        var fit = TheilSen.Fit(points)!;
        Assert.Equal(2, fit.Slope, 12);
        Assert.Equal(1, fit.Intercept, 12);
        Assert.Equal(1001, fit.At(500), 9);
    }

    [Fact]
    public void Fewer_than_two_distinct_x_values_give_no_fit()
    {
        Assert.Null(TheilSen.Fit([]));
        Assert.Null(TheilSen.Fit([(3, 1), (3, 2), (3, 5)]));
    }

    [Fact]
    public void Too_few_points_for_the_level_give_an_unbounded_interval()
    {
        var fit = TheilSen.Fit([(1, 1), (2, 2.5), (3, 2.9)])!;
        Assert.Equal(double.NegativeInfinity, fit.Lower);
        Assert.Equal(double.PositiveInfinity, fit.Upper);
    }

    [Fact]
    public void The_interval_covers_the_true_slope_in_a_seeded_sweep()
    {
        var samples = Synthetic.Sweep(effect: 1.2, perLength: 20, seed: 7);
        var trueSlope = 0.01 * 0.2 / (2048 - 128);
        var fit = TheilSen.Fit([.. samples.Select(s => ((double)s.PromptTokens, s.DecodeJoulesPerToken))])!;
        Assert.InRange(trueSlope, fit.Lower, fit.Upper);
        Assert.True(fit.Lower > 0, "a +20% effect with 3% noise is a clear trend");
        Assert.True(fit.Lower <= fit.Slope && fit.Slope <= fit.Upper);
    }

    [Fact]
    public void The_interval_covers_the_true_slope_about_95_percent_of_the_time()
    {
        const int trials = 200;
        var trueSlope = 0.01 * 0.1 / (2048 - 128);
        var covered = Enumerable.Range(0, trials).Count(seed =>
        {
            var samples = Synthetic.Sweep(effect: 1.1, perLength: 8, seed: seed);
            var fit = TheilSen.Fit([.. samples.Select(s => ((double)s.PromptTokens, s.DecodeJoulesPerToken))])!;
            return fit.Lower <= trueSlope && trueSlope <= fit.Upper;
        });
        Assert.InRange(covered, (int)(trials * 0.90), trials);
    }
}
