using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Estimate;

namespace EnergyGate.Core.Tests.Energy;

public sealed class EstimateMeterTests
{
    [Fact]
    public void Joules_are_cpu_time_times_per_core_watts_plus_memory_share()
    {
        var cpu = TimeSpan.FromSeconds(3);
        using var meter = EstimateMeter.Create(new EstimateOptions(TdpWatts: 80, Cores: 8, MemoryWatts: 16), null, 2, () => cpu);
        var j = new double[2];
        meter.Read(j);

        Assert.Equal(30, j[0], 9); // 3 s x 80 W / 8
        Assert.Equal(6, j[1], 9);  // 3 s x 16 W / 8
        Assert.Equal(["cpu", "memory"], meter.Info.Domains.Select(d => d.Domain.Id));
        Assert.All(meter.Info.Domains, d => Assert.Equal(EnergyKind.Estimated, d.Kind));
        Assert.Contains("configured TDP 80 W", meter.Info.Details[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Known_cpu_model_uses_the_table_entry_and_says_so()
    {
        using var meter = EstimateMeter.Create(new EstimateOptions(), "AMD EPYC 7763 64-Core Processor", 4, () => TimeSpan.FromSeconds(1));
        var j = new double[1];
        meter.Read(j);

        Assert.Equal(280.0 / 128, j[0], 9);
        Assert.Contains("table entry 'EPYC 7763'", meter.Info.Details[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_cpu_model_uses_the_generic_fallback_and_says_so()
    {
        using var meter = EstimateMeter.Create(new EstimateOptions(), "AMD EPYC", 2, () => TimeSpan.FromSeconds(1));

        Assert.Contains("generic fallback", meter.Info.Details[0], StringComparison.Ordinal);
        Assert.Contains("'AMD EPYC'", meter.Info.Details[0], StringComparison.Ordinal);
        Assert.DoesNotContain(meter.Info.Domains, d => d.Domain.Kind == EnergyDomainKind.Memory);
    }

    [Fact]
    public void Model_name_is_read_from_cpuinfo_text()
    {
        const string cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz\n";

        Assert.Equal("Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz", CpuPowerTable.ModelFromCpuInfo(cpuinfo));
        Assert.Null(CpuPowerTable.ModelFromCpuInfo("processor: 0\n"));
    }

    [Fact]
    public void Real_process_cpu_time_advances_with_work()
    {
        var before = EstimateMeter.ProcessCpuTime();
        var x = 0.0;
        var until = DateTime.UtcNow.AddMilliseconds(100);
        while (DateTime.UtcNow < until)
        {
            x += Math.Sqrt(x + 1);
        }

        Assert.True(EstimateMeter.ProcessCpuTime() > before, $"no CPU time after busy work ({x})");
    }
}
