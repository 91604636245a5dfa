using System.Globalization;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Nvml;
using EnergyGate.Core.Tests.Energy;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Contracts;

// One class per catalog meter; each builds its fake hardware.

public sealed class RaplMeterContract : MeterContract
{
    protected override string Name => "rapl";
    protected override MeterSide ExpectedSide => MeterSide.Cpu;

    protected override MeterHarness Present()
    {
        var fs = FakeSysfs.TwoSocketServer();
        return new MeterHarness(Env(fs.Root), () =>
        {
            foreach (var zone in Directory.GetDirectories(fs.Powercap).Where(z => File.Exists(Path.Combine(z, "energy_uj"))))
            {
                var file = Path.Combine(zone, "energy_uj");
                var now = long.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture);
                fs.SetEnergy(Path.GetFileName(zone), now + 1_000_000);
            }
        }, fs);
    }

    protected override MeterHarness? Absent()
    {
        var fs = new FakeSysfs();   // no powercap zones: not Intel, or not Linux
        return new MeterHarness(Env(fs.Root), () => { }, fs);
    }

    internal static MeterEnvironment Env(string root) =>
        new(root, SysfsFileReader.Instance, new FakeTime(), () => TimeSpan.Zero, 2);
}

public sealed class NvmlMeterContract : MeterContract
{
    protected override string Name => NvmlMeter.Name;
    protected override MeterSide ExpectedSide => MeterSide.Gpu;

    protected override MeterHarness Present()
    {
        var time = new FakeTime();
        var nvml = new FakeNvml { Energy = [new([1_000, 2_000, 3_000])] };
        var dir = new TempDir();
        var env = new MeterEnvironment(dir.Path, SysfsFileReader.Instance, time, () => TimeSpan.Zero, 2) { Nvml = nvml };
        return new MeterHarness(env, () => time.Advance(TimeSpan.FromSeconds(1)), dir);
    }

    protected override MeterHarness? Absent()
    {
        var dir = new TempDir();
        var env = new MeterEnvironment(dir.Path, SysfsFileReader.Instance, new FakeTime(), () => TimeSpan.Zero, 2)
        {
            Nvml = new FakeNvml { InitResult = NvmlReturn.DriverNotLoaded },
        };
        return new MeterHarness(env, () => { }, dir);
    }

    protected override void AssertReleased(MeterHarness harness) =>
        Assert.True(((FakeNvml)harness.Env.Nvml!).ShutDown, "disposing the meter must shut NVML down");
}

public sealed class EstimateMeterContract : MeterContract
{
    protected override string Name => "estimate";
    protected override MeterSide ExpectedSide => MeterSide.Cpu;

    protected override MeterHarness Present()
    {
        var time = new FakeTime();
        var cpu = TimeSpan.Zero;
        var dir = new TempDir();   // no proc/cpuinfo: the estimate falls back to its default power
        var env = new MeterEnvironment(dir.Path, SysfsFileReader.Instance, time, () => cpu, 2);
        return new MeterHarness(env, () =>
        {
            cpu += TimeSpan.FromSeconds(1);
            time.Advance(TimeSpan.FromSeconds(1));
        }, dir);
    }

    protected override MeterHarness? Absent() => null;
}

/// <summary>Every meter of the catalog runs the contract: a new meter without its class fails here.</summary>
public sealed class MeterContractCoverageTests
{
    [Fact]
    public void Every_catalog_meter_has_a_contract_class()
    {
        var covered = typeof(MeterContract).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(MeterContract)) && !t.IsAbstract)
            .Select(t => (string)t.GetProperty("Name", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .GetValue(Activator.CreateInstance(t))!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(MeterProviders.Names.Order(StringComparer.Ordinal), covered);
    }
}
