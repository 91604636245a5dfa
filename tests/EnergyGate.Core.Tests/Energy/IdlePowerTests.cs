using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Estimate;
using EnergyGate.Core.Energy.Sampling;

namespace EnergyGate.Core.Tests.Energy;

public sealed class IdlePowerTests
{
    [Fact]
    public void Idle_watts_are_the_interpolated_energy_over_the_window()
    {
        var domain = new MeterDomain(EnergyDomain.PackageOf(0), EnergyKind.Measured, 1e-6, TimeSpan.FromMilliseconds(1));
        var samples = new EnergySamples([domain], 1_000_000, [0, 1_000_000, 2_000_000], [[0, 12, 24]], [new CounterEvents[3]], 3);

        var idle = IdlePower.FromSamples(samples, 500_000, 1_500_000).Single();

        Assert.Equal(12, idle.Watts, 9);
        Assert.Equal(1, idle.Seconds, 9);
    }

    [Fact]
    public void Net_subtracts_idle_and_is_clamped_at_zero_keeping_the_gross()
    {
        Assert.Equal(new NetEnergy(100, 40, 60, false), IdlePower.Net(100, 20, 2));

        var clamped = IdlePower.Net(30, 20, 2);
        Assert.Equal(0, clamped.NetJoules);
        Assert.Equal(30, clamped.GrossJoules);
        Assert.True(clamped.Clamped);
    }

    [Fact]
    public async Task Measure_waits_the_duration_and_reports_per_domain_watts()
    {
        var cpu = TimeSpan.Zero;
        using var meter = EstimateMeter.Create(new EstimateOptions(PerCoreWatts: 10), null, 2, () => cpu += TimeSpan.FromMilliseconds(5));
        using var sampler = new EnergySampler([meter], SamplerOptions.Default, TimeProvider.System);

        var idle = await IdlePower.MeasureAsync(sampler, TimeSpan.FromMilliseconds(50), TimeProvider.System);

        Assert.Equal("cpu", idle.Single().Domain.Id);
        Assert.True(idle.Single().Watts > 0);
        Assert.InRange(idle.Single().Seconds, 0.04, 2);
    }
}
