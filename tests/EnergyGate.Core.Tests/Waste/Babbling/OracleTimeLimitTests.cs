using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Tests.Waste.Babbling;

/// <summary>The oracle's check limit as a pure function of the canonical solution's time and the problem's limit.</summary>
public sealed class OracleTimeLimitTests
{
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(10, 250)]      // 4 x 10 ms = 40 ms: the floor
    [InlineData(62.5, 250)]    // exactly the floor
    [InlineData(100, 400)]     // 4 x 100 ms
    [InlineData(749, 2996)]
    [InlineData(750, 3000)]    // exactly the problem's limit
    [InlineData(1000, 3000)]   // 4 s: capped at the problem's limit
    public void Default_is_four_times_the_canonical_time_within_floor_and_ceiling(double referenceMs, double expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), OracleTimeLimit.Default.For(TimeSpan.FromMilliseconds(referenceMs), Ceiling));
    }

    [Fact]
    public void A_canonical_solution_that_did_not_pass_keeps_the_problems_limit()
    {
        Assert.Equal(Ceiling, OracleTimeLimit.Default.For(null, Ceiling));
    }

    [Fact]
    public void A_floor_above_the_problems_limit_gives_the_problems_limit()
    {
        var generous = new OracleTimeLimit(2.0, TimeSpan.FromSeconds(10));
        Assert.Equal(Ceiling, generous.For(TimeSpan.FromMilliseconds(5), Ceiling));
        Assert.Equal(Ceiling, OracleTimeLimit.Off.For(TimeSpan.FromMilliseconds(5), Ceiling));
        Assert.Equal(TimeSpan.FromSeconds(60), OracleTimeLimit.Off.For(TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void A_huge_factor_saturates_instead_of_overflowing()
    {
        var huge = new OracleTimeLimit(double.MaxValue, TimeSpan.FromSeconds(1));
        Assert.Equal(Ceiling, huge.For(TimeSpan.FromSeconds(1), Ceiling));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Factor_must_be_positive_and_finite(double factor)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OracleTimeLimit(factor, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Floor_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OracleTimeLimit(4.0, TimeSpan.Zero));
    }

    [Fact]
    public void Ceiling_is_the_problems_own_limit_only_when_longer_than_the_configured_one()
    {
        var options = new SandboxOptions { Timeout = TimeSpan.FromSeconds(3) };
        var problem = new CodeProblem("T/0", "", "f", "", "");
        Assert.Equal(TimeSpan.FromSeconds(3), OracleTimeLimits.Ceiling(problem, options));
        Assert.Equal(TimeSpan.FromSeconds(121), OracleTimeLimits.Ceiling(problem with { TimeLimit = TimeSpan.FromSeconds(121) }, options));
        Assert.Equal(TimeSpan.FromSeconds(3), OracleTimeLimits.Ceiling(problem with { TimeLimit = TimeSpan.FromSeconds(1) }, options));
    }
}
