using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Estimate;
using EnergyGate.Core.Energy.Nvml;

namespace EnergyGate.Core.Tests.Energy;

public sealed class MeterSelectorTests
{
    private static IReadOnlyList<IEnergyMeter> Meters(FakeSysfs fs, IFileReader? reader = null, INvml? nvml = null)
    {
        var env = new MeterEnvironment(fs.Root, reader ?? SysfsFileReader.Instance, new FakeTime(), () => TimeSpan.Zero, 2);
        return EnergyMeters.CreateAll(env, new EstimateOptions(), null, nvml ?? new FakeNvml { InitResult = NvmlReturn.DriverNotLoaded });
    }

    [Fact]
    public void Auto_prefers_rapl_for_the_cpu_and_nvml_for_gpus()
    {
        using var fs = FakeSysfs.TwoSocketServer();
        var meters = Meters(fs, nvml: new FakeNvml());

        var selection = new MeterSelector(meters).Select("auto");

        Assert.Equal([RaplMeter(), NvmlMeter.Name], selection.Meters.Select(m => m.Info.Name));
        Assert.StartsWith("cpu: rapl", selection.Explanation[0], StringComparison.Ordinal);
        Assert.StartsWith("gpu: nvml", selection.Explanation[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_falls_back_to_the_estimate_and_says_why_rapl_was_not_used()
    {
        using var fs = FakeSysfs.TwoSocketServer();
        var denied = new DelegateFileReader(p => p.EndsWith("energy_uj", StringComparison.Ordinal) ? throw new UnauthorizedAccessException() : File.ReadAllText(p));

        var selection = new MeterSelector(Meters(fs, denied)).Select("auto");

        Assert.Equal([EstimateMeter.Name], selection.Meters.Select(m => m.Info.Name));
        Assert.Contains("rapl is unavailable", selection.Explanation[0], StringComparison.Ordinal);
        Assert.Contains("Platypus", selection.Explanation[0], StringComparison.Ordinal);
        Assert.Contains("Driver Not Loaded", selection.Explanation[1], StringComparison.Ordinal);
        Assert.StartsWith("estimate: per-core model: ", selection.Explanation[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rapl", "no RAPL zone")]
    [InlineData("nvml", "Driver Not Loaded")]
    public void Naming_an_unavailable_meter_is_an_error_with_its_reason(string name, string reason)
    {
        using var fs = new FakeSysfs();
        var selector = new MeterSelector(Meters(fs));

        var error = Assert.Throws<EnergyMeterException>(() => selector.Select(name));

        Assert.Contains($"'{name}' was requested but is unavailable", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_meter_name_lists_the_valid_ones()
    {
        using var fs = new FakeSysfs();

        var error = Assert.Throws<EnergyMeterException>(() => new MeterSelector(Meters(fs)).Select("perf"));

        Assert.Contains("auto or one or more of: rapl, nvml, estimate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_list_selects_each_named_meter()
    {
        using var fs = FakeSysfs.TwoSocketServer();

        var selection = new MeterSelector(Meters(fs, nvml: new FakeNvml())).Select("estimate, nvml");

        Assert.Equal([EstimateMeter.Name, NvmlMeter.Name], selection.Meters.Select(m => m.Info.Name));
    }

    [Fact]
    public void Describe_lists_every_meter_with_availability_and_reason()
    {
        using var fs = new FakeSysfs();

        var described = new MeterSelector(Meters(fs)).Describe();

        Assert.Equal(["rapl", "nvml", "estimate"], described.Select(i => i.Name));
        Assert.Equal([false, false, true], described.Select(i => i.Available));
        Assert.All(described.Where(i => !i.Available), i => Assert.False(string.IsNullOrEmpty(i.Reason)));
    }

    private static string RaplMeter() => Core.Energy.Rapl.RaplMeter.Name;
}
