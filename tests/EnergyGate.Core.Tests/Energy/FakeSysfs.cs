using System.Globalization;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Energy;

/// <summary>A powercap tree in a temp folder, shaped like /sys/class/powercap on a real machine.</summary>
internal sealed class FakeSysfs : IDisposable
{
    private readonly TempDir _dir = new();

    public string Root => _dir.Path;

    public string Powercap => Path.Combine(Root, "sys", "class", "powercap");

    /// <summary>Adds a zone; null range leaves max_energy_range_uj out.</summary>
    public string Zone(string folder, string? name, long energyUj = 0, long? rangeUj = 262_143_328_850, long? maxPowerUw = null)
    {
        var dir = Path.Combine(Powercap, folder);
        Directory.CreateDirectory(dir);
        if (name is not null)
        {
            File.WriteAllText(Path.Combine(dir, "name"), name + "\n");
        }
        SetEnergy(folder, energyUj);
        if (rangeUj is { } r)
        {
            File.WriteAllText(Path.Combine(dir, "max_energy_range_uj"), r.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        if (maxPowerUw is { } p)
        {
            File.WriteAllText(Path.Combine(dir, "constraint_0_max_power_uw"), p.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        return dir;
    }

    public void SetEnergy(string folder, long energyUj) =>
        File.WriteAllText(Path.Combine(Powercap, folder, "energy_uj"), energyUj.ToString(CultureInfo.InvariantCulture) + "\n");

    /// <summary>Two sockets with dram, psys, core/uncore subzones and an mmio mirror of package-0.</summary>
    public static FakeSysfs TwoSocketServer()
    {
        var fs = new FakeSysfs();
        fs.Zone("intel-rapl:0", "package-0", 1_000_000, maxPowerUw: 280_000_000);
        fs.Zone("intel-rapl:0:0", "core", 500_000);
        fs.Zone("intel-rapl:0:1", "dram", 200_000);
        fs.Zone("intel-rapl:1", "package-1", 2_000_000, maxPowerUw: 280_000_000);
        fs.Zone("intel-rapl:1:0", "dram", 300_000);
        fs.Zone("intel-rapl:2", "psys", 5_000_000);
        fs.Zone("intel-rapl-mmio:0", "package-0", 999_999);
        Directory.CreateDirectory(Path.Combine(fs.Powercap, "intel-rapl")); // the control type, not a zone
        return fs;
    }

    public void Dispose() => _dir.Dispose();
}
