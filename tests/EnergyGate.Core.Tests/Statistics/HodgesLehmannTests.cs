using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Tests.Statistics;

public sealed class HodgesLehmannTests
{
    [Fact]
    public void Ratio_of_a_pure_scale_change_is_exact()
    {
        double[] baseline = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
        var candidate = baseline.Select(v => v * 1.1).ToArray();
        var ratio = HodgesLehmann.Ratio(baseline, candidate, 0.95);
        Assert.Equal(1.1, ratio.Estimate, 12);
        Assert.True(ratio.Lower < 1.1 && ratio.Upper > 1.1);
    }

    // n = m = 10 at 95%: the textbook two-sided critical U is 23 (P(U <= 23) = 0.0216 <= 0.025,
    // P(U <= 24) = 0.0262), so the bounds are the 24th smallest and 24th largest of the 100 differences.
    [Fact]
    public void Shift_bounds_are_the_24th_order_statistics_for_ten_a_side()
    {
        double[] baseline = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var candidate = Enumerable.Range(1, 10).Select(i => (double)i).ToArray();
        var shift = HodgesLehmann.Shift(baseline, candidate, 0.95);
        // Differences are 1..10, each 10 times: the 24th smallest is 3, the 24th largest is 8.
        Assert.Equal(3, shift.Lower);
        Assert.Equal(8, shift.Upper);
        Assert.Equal(5.5, shift.Estimate, 12);
    }

    [Fact]
    public void Too_few_values_give_an_unbounded_interval()
    {
        // n = m = 3: P(U = 0) = 1/20 > 0.025, so no 95% interval exists.
        var ratio = HodgesLehmann.Ratio([1, 2, 3], [2, 3, 4], 0.95);
        Assert.Equal(0, ratio.Lower);
        Assert.Equal(double.PositiveInfinity, ratio.Upper);
    }

    [Fact]
    public void Large_samples_use_the_approximation_without_throwing()
    {
        var baseline = Synthetic.LogNormal(1, 50, 100, 0.03);
        var candidate = Synthetic.LogNormal(2, 50, 110, 0.03);
        var ratio = HodgesLehmann.Ratio(baseline, candidate, 0.95);
        Assert.InRange(ratio.Estimate, 1.08, 1.12);
        Assert.InRange(ratio.Lower, 1.05, ratio.Estimate);
    }
}
