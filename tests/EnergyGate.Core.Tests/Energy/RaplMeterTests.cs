using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Rapl;

namespace EnergyGate.Core.Tests.Energy;

public sealed class RaplMeterTests
{
    [Fact]
    public void Two_sockets_report_package_dram_and_psys_separately_without_core_or_mmio_duplicates()
    {
        using var fs = FakeSysfs.TwoSocketServer();
        using var meter = RaplMeter.Create(fs.Root, SysfsFileReader.Instance);

        Assert.True(meter.Info.Available, meter.Info.Reason);
        Assert.Equal(["package-0", "dram-0", "package-1", "dram-1", "psys"], meter.Info.Domains.Select(d => d.Domain.Id));
        Assert.All(meter.Info.Domains, d => Assert.Equal(EnergyKind.Measured, d.Kind));
        Assert.Contains(meter.Info.Details, d => d.Contains("mmio", StringComparison.Ordinal));
        Assert.Contains(meter.Info.Details, d => d.Contains("'core'", StringComparison.Ordinal));

        var joules = new double[5];
        meter.Read(joules);
        Assert.Equal([1.0, 0.2, 2.0, 0.3, 5.0], joules);
    }

    [Fact]
    public void Package_zone_reads_the_msr_counter_not_its_mmio_mirror()
    {
        using var fs = FakeSysfs.TwoSocketServer();
        using var meter = RaplMeter.Create(fs.Root, SysfsFileReader.Instance);

        Assert.EndsWith(Path.Combine("intel-rapl:0", "energy_uj"), meter.Info.Domains[0].Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrap_period_is_range_over_twice_the_power_limit()
    {
        using var fs = new FakeSysfs();
        fs.Zone("intel-rapl:0", "package-0", rangeUj: 262_143_328_850, maxPowerUw: 280_000_000);
        using var meter = RaplMeter.Create(fs.Root, SysfsFileReader.Instance);

        var domain = meter.Info.Domains.Single();
        Assert.Equal(262_143.328_850, domain.WrapJoules!.Value, 6);
        Assert.Equal(262_143.328_850 / 560, domain.MaxSafeGap!.Value.TotalSeconds, 3);
    }

    [Fact]
    public void Malformed_zone_names_are_skipped_with_a_warning()
    {
        using var fs = new FakeSysfs();
        fs.Zone("intel-rapl:0", "package-0");
        fs.Zone("intel-rapl:x", "package-9");
        fs.Zone("intel-rapl:1", name: null);
        fs.Zone("intel-rapl:2", "mystery");
        using var meter = RaplMeter.Create(fs.Root, SysfsFileReader.Instance);

        Assert.Equal(["package-0"], meter.Info.Domains.Select(d => d.Domain.Id));
        Assert.Equal(3, meter.Info.Warnings.Count);
        Assert.Contains(meter.Info.Warnings, w => w.Contains("intel-rapl:x", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_max_range_disables_wrap_detection_and_says_so()
    {
        using var fs = new FakeSysfs();
        fs.Zone("intel-rapl:0", "package-0", rangeUj: null);
        using var meter = RaplMeter.Create(fs.Root, SysfsFileReader.Instance);

        Assert.True(meter.Info.Available);
        Assert.Null(meter.Info.Domains[0].WrapJoules);
        Assert.Null(meter.Info.Domains[0].MaxSafeGap);
        Assert.Contains(meter.Info.Warnings, w => w.Contains("wrap detection unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public void Root_only_counter_makes_rapl_unavailable_with_the_platypus_fix_explained()
    {
        using var fs = FakeSysfs.TwoSocketServer();
        // Tests run as root, so chmod cannot deny access: the injected reader does.
        var reader = new DelegateFileReader(path => path.EndsWith("energy_uj", StringComparison.Ordinal)
            ? throw new UnauthorizedAccessException("Access to the path is denied.")
            : File.ReadAllText(path));
        using var meter = RaplMeter.Create(fs.Root, reader);

        Assert.False(meter.Info.Available);
        Assert.Contains("permission denied", meter.Info.Reason, StringComparison.Ordinal);
        Assert.Contains("Platypus", meter.Info.Reason, StringComparison.Ordinal);
        Assert.Contains("chmod o+r", meter.Info.Reason, StringComparison.Ordinal);
        Assert.Contains("udev", meter.Info.Reason, StringComparison.Ordinal);
        Assert.Throws<EnergyMeterException>(() => meter.Read(new double[1]));
    }

    [Fact]
    public void No_powercap_tree_is_unavailable_with_a_reason()
    {
        using var fs = new FakeSysfs();
        using var meter = RaplMeter.Create(fs.Root, SysfsFileReader.Instance);

        Assert.False(meter.Info.Available);
        Assert.Contains("no RAPL zone", meter.Info.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Dram_takes_its_socket_from_the_parent_package_name()
    {
        using var fs = new FakeSysfs();
        fs.Zone("intel-rapl:0", "psys");
        fs.Zone("intel-rapl:1", "package-0");
        fs.Zone("intel-rapl:1:0", "dram");
        using var meter = RaplMeter.Create(fs.Root, SysfsFileReader.Instance);

        Assert.Equal(["psys", "package-0", "dram-0"], meter.Info.Domains.Select(d => d.Domain.Id));
    }

    [RaplFact]
    public void Real_rapl_counters_are_readable_and_move()
    {
        using var meter = RaplMeter.Create("/", SysfsFileReader.Instance);
        var first = new double[meter.Info.Domains.Count];
        var second = new double[first.Length];
        meter.Read(first);
        Thread.Sleep(200);
        meter.Read(second);

        Assert.Contains(meter.Info.Domains, d => d.Domain.Kind == EnergyDomainKind.Package);
        Assert.True(first.Zip(second).Any(p => p.First != p.Second), "no RAPL counter moved in 200 ms");
    }
}
