using EnergyGate.Core.History;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Tests.History;

public sealed class RunFiguresTests
{
    [Fact]
    public void No_values_give_no_figure_and_one_value_gives_a_median_without_an_interval()
    {
        Assert.Null(RunFigures.Of([]));
        var one = RunFigures.Of([4.5])!;
        Assert.Equal((4.5, 1), (one.Median, one.N));
        Assert.Null(one.Lower);
        Assert.Null(one.Upper);
        Assert.Null(one.Confidence);
    }

    [Theory]
    [InlineData(2, 0.5)]
    [InlineData(3, 0.75)]
    [InlineData(5, 0.9375)]
    public void Too_few_repetitions_for_95_percent_record_the_range_with_the_level_it_has(int n, double level)
    {
        double[] values = [.. Enumerable.Range(0, n).Select(i => 10.0 + (i * 7 % n))];
        var figure = RunFigures.Of(values)!;
        Assert.Equal(Median.Of(values), figure.Median);
        Assert.Equal(values.Min(), figure.Lower);
        Assert.Equal(values.Max(), figure.Upper);
        Assert.Equal(level, figure.Confidence);
    }

    [Fact]
    public void Six_or_more_repetitions_get_the_95_percent_walsh_average_interval()
    {
        double[] values = [10.2, 9.8, 10.0, 10.4, 9.9, 10.1, 10.3, 9.7, 10.0, 10.6];
        var figure = RunFigures.Of(values)!;
        var expected = WalshAverages.Estimate(values, 0.95);
        Assert.Equal(0.95, figure.Confidence);
        Assert.Equal(10.05, figure.Median, 12);
        Assert.Equal(expected.Lower, figure.Lower);
        Assert.Equal(expected.Upper, figure.Upper);
        Assert.True(figure.Lower > values.Min() && figure.Upper < values.Max(), $"[{figure.Lower}, {figure.Upper}] is narrower than the range");
    }
}
