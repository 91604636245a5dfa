using System.Globalization;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Estimate;
using EnergyGate.Core.Energy.Rapl;
using EnergyGate.Core.Energy.Sampling;

namespace EnergyGate.Core.Tests.Energy;

public sealed class EnergySamplerTests
{
    [Fact]
    public void Scripted_rapl_counter_through_a_wrap_becomes_monotonic_joules()
    {
        using var fs = new FakeSysfs();
        fs.Zone("intel-rapl:0", "package-0", rangeUj: 1_000_000_000, maxPowerUw: 100_000_000); // 1000 J range, 100 W
        var counter = 990_000_000L;
        var reader = new DelegateFileReader(p => p.EndsWith("energy_uj", StringComparison.Ordinal)
            ? counter.ToString(CultureInfo.InvariantCulture)
            : File.ReadAllText(p));
        using var meter = RaplMeter.Create(fs.Root, reader);
        var time = new FakeTime();
        using var sampler = new EnergySampler([meter], SamplerOptions.Default, time);

        foreach (var value in new[] { 990_000_000L, 995_000_000L, 2_000_000L, 3_000_000L })
        {
            counter = value;
            sampler.SampleNow();
            time.Advance(TimeSpan.FromMilliseconds(100));
        }
        var s = sampler.Snapshot();

        Assert.Equal([0, 5, 12, 13], s.Joules(0).ToArray().Select(j => Math.Round(j, 9)));
        Assert.Equal([CounterEvents.None, CounterEvents.None, CounterEvents.Wrapped, CounterEvents.None], s.Events(0).ToArray());
        Assert.Equal([0L, 100_000, 200_000, 300_000], s.Timestamps.ToArray());
    }

    [Fact]
    public void Storage_grows_past_its_initial_capacity()
    {
        var cpu = TimeSpan.Zero;
        using var meter = EstimateMeter.Create(new EstimateOptions(PerCoreWatts: 10), null, 2, () => cpu);
        var time = new FakeTime();
        using var sampler = new EnergySampler([meter], SamplerOptions.Default with { InitialCapacity = 16 }, time);
        for (var i = 0; i < 100; i++)
        {
            cpu += TimeSpan.FromMilliseconds(10);
            time.Advance(TimeSpan.FromMilliseconds(10));
            sampler.SampleNow();
        }

        var s = sampler.Snapshot();
        Assert.Equal(100, s.Count);
        Assert.Equal(9.9, s.Joules(0)[^1], 9); // 99 steps of 10 ms CPU at 10 W after the first sample
    }

    [Fact]
    public void Read_failure_is_flagged_and_keeps_the_last_value()
    {
        using var fs = new FakeSysfs();
        fs.Zone("intel-rapl:0", "package-0", 1_000_000);
        var fail = false;
        var reader = new DelegateFileReader(p => fail && p.EndsWith("energy_uj", StringComparison.Ordinal) ? throw new IOException("EIO") : File.ReadAllText(p));
        using var meter = RaplMeter.Create(fs.Root, reader);
        using var sampler = new EnergySampler([meter], SamplerOptions.Default, new FakeTime());

        sampler.SampleNow();
        fail = true;
        sampler.SampleNow();

        Assert.Equal(CounterEvents.ReadFailed, sampler.Snapshot().Events(0)[1]);
        Assert.Contains("EIO", sampler.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Interval_not_shorter_than_the_wrap_safe_gap_is_warned_about()
    {
        using var fs = new FakeSysfs();
        fs.Zone("intel-rapl:0", "package-0", rangeUj: 1_000_000, maxPowerUw: 100_000_000); // 1 J at 100 W: 5 ms safe gap
        using var meter = RaplMeter.Create(fs.Root, SysfsFileReader.Instance);
        using var sampler = new EnergySampler([meter], SamplerOptions.Default, new FakeTime());

        Assert.Contains(sampler.Warnings, w => w.Contains("wraps may be missed", StringComparison.Ordinal));
    }

    [Fact]
    public void Unavailable_meters_are_left_out()
    {
        using var fs = new FakeSysfs();
        using var rapl = RaplMeter.Create(fs.Root, SysfsFileReader.Instance);
        using var estimate = EstimateMeter.Create(new EstimateOptions(), null, 2, () => TimeSpan.Zero);
        using var sampler = new EnergySampler([rapl, estimate], SamplerOptions.Default, new FakeTime());

        Assert.Equal(["cpu"], sampler.Domains.Select(d => d.Domain.Id));
    }

    [Fact]
    public void Background_thread_samples_at_the_interval_until_stopped()
    {
        using var meter = EstimateMeter.Create(new EstimateOptions(), null, 2, EstimateMeter.ProcessCpuTime);
        using var sampler = new EnergySampler([meter], SamplerOptions.Default, TimeProvider.System);

        sampler.Start();
        Thread.Sleep(300);
        sampler.Stop();

        var s = sampler.Snapshot();
        // ~30 expected at 10 ms; a loaded 2-core CI machine may deschedule the thread, so the bounds are loose.
        Assert.InRange(s.Count, 5, 40);
        Assert.True(s.Timestamps.ToArray().Zip(s.Timestamps.ToArray().Skip(1)).All(p => p.First <= p.Second));
    }
}
