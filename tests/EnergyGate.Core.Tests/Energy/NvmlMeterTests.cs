using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Nvml;

namespace EnergyGate.Core.Tests.Energy;

public sealed class NvmlMeterTests
{
    [Fact]
    public void Supported_energy_counter_is_measured_in_joules()
    {
        var fake = new FakeNvml { Energy = [new([1_000, 1_500, 4_000])] };
        using var meter = NvmlMeter.Create(fake, null, new FakeTime());
        var j = new double[1];

        meter.Read(j);
        Assert.Equal(1.5, j[0]); // the probe at creation consumed 1000 mJ
        meter.Read(j);
        Assert.Equal(4.0, j[0]);
        Assert.Equal(EnergyKind.Measured, meter.Info.Domains[0].Kind);
        Assert.Equal("gpu-0", meter.Info.Domains[0].Domain.Id);
    }

    [Fact]
    public void Not_supported_energy_falls_back_to_integrated_power_by_trapezoids()
    {
        var time = new FakeTime();
        // First value is consumed by the availability probe.
        var fake = new FakeNvml { EnergySupported = false, Power = [new([0, 100_000, 200_000, 200_000])] };
        using var meter = NvmlMeter.Create(fake, null, time);
        var j = new double[1];

        meter.Read(j); // 100 W at t=0
        Assert.Equal(0, j[0]);
        time.Advance(TimeSpan.FromMilliseconds(100));
        meter.Read(j); // 200 W: (100 + 200) / 2 x 0.1 s
        Assert.Equal(15, j[0], 9);
        time.Advance(TimeSpan.FromMilliseconds(100));
        meter.Read(j); // 200 W flat: + 20 J
        Assert.Equal(35, j[0], 9);
        Assert.Equal(EnergyKind.Integrated, meter.Info.Domains[0].Kind);
        Assert.False(meter.Devices[0].TotalEnergySupported);
    }

    [Fact]
    public void Stepwise_counter_keeps_its_value_between_updates()
    {
        // NVML refreshes about every 100 ms: 10 ms reads see plateaus.
        var fake = new FakeNvml { Energy = [new([0, 0, 0, 0, 5_000, 5_000, 10_000])] };
        using var meter = NvmlMeter.Create(fake, null, new FakeTime());
        var j = new double[1];
        var seen = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            meter.Read(j);
            seen.Add(j[0]);
        }

        Assert.Equal([0, 0, 0, 5, 5, 10], seen);
        Assert.Equal(TimeSpan.FromMilliseconds(100), meter.Info.Domains[0].UpdateInterval);
    }

    [Fact]
    public void Init_failure_is_unavailable_with_the_nvml_error()
    {
        var fake = new FakeNvml { InitResult = NvmlReturn.DriverNotLoaded };
        using var meter = NvmlMeter.Create(fake, null, new FakeTime());

        Assert.False(meter.Info.Available);
        Assert.Contains("Driver Not Loaded", meter.Info.Reason, StringComparison.Ordinal);
        Assert.Throws<EnergyMeterException>(() => meter.Read(new double[1]));
    }

    [Fact]
    public void Devices_are_selected_by_index_and_fingerprinted()
    {
        var fake = new FakeNvml { Names = ["NVIDIA A10", "NVIDIA H100"], Energy = [new([0]), new([7_000])] };
        using var meter = NvmlMeter.Create(fake, [1], new FakeTime());
        var j = new double[1];
        meter.Read(j);

        Assert.Equal("gpu-1", meter.Info.Domains.Single().Domain.Id);
        Assert.Equal(7, j[0]);
        Assert.Equal(new GpuDevice(1, "NVIDIA H100", 150, true) { MemoryBytes = 24UL << 30 }, meter.Devices.Single());
        Assert.Contains(meter.Info.Details, d => d.StartsWith("gpu-1: NVIDIA H100, 24 GiB, power limit 150 W", StringComparison.Ordinal));
        Assert.Equal("580.95.05", meter.DriverVersion);
    }

    [Fact]
    public void Index_beyond_the_device_count_is_unavailable_and_says_the_range()
    {
        using var meter = NvmlMeter.Create(new FakeNvml(), [3], new FakeTime());

        Assert.False(meter.Info.Available);
        Assert.Contains("GPU index 3", meter.Info.Reason, StringComparison.Ordinal);
    }

    [NoNvmlFact]
    public void Missing_library_gives_a_reason_naming_it()
    {
        using var meter = NvmlMeter.CreateDefault(null, TimeProvider.System);

        Assert.False(meter.Info.Available);
        Assert.Contains("libnvidia-ml.so.1", meter.Info.Reason, StringComparison.Ordinal);
    }

    [NvmlFact]
    public void Real_nvml_reads_every_gpu()
    {
        using var meter = NvmlMeter.CreateDefault(null, TimeProvider.System);
        Assert.True(meter.Info.Available, meter.Info.Reason);
        var j = new double[meter.Info.Domains.Count];
        meter.Read(j);

        Assert.NotEmpty(meter.DriverVersion);
        Assert.All(meter.Devices, d => Assert.NotEmpty(d.Name));
        Assert.All(j, v => Assert.True(v >= 0));
    }
}
