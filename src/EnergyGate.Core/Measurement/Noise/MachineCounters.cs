using System.Globalization;
using EnergyGate.Core.Energy;

namespace EnergyGate.Core.Measurement.Noise;

/// <summary>The whole machine's CPU time so far, from the aggregate <c>cpu</c> line of /proc/stat (clock ticks).</summary>
/// <param name="Total">All ticks: user, nice, system, idle, iowait, irq, softirq and steal (guest time is already inside user).</param>
/// <param name="Steal">Ticks the hypervisor ran another guest while this VM had work.</param>
/// <param name="Iowait">Idle ticks with disk I/O outstanding.</param>
public sealed record CpuTicks(long Total, long Steal, long Iowait);

/// <summary>
/// Reads the counters the noise monitor records, through an injected reader and roots, so tests
/// replay recorded files. Anything unreadable (no /proc, a VM without cpufreq) reads as absent,
/// never as zero: zero steal would claim a quiet machine.
/// </summary>
/// <param name="files">Reads procfs and sysfs files.</param>
/// <param name="procRoot">Usually <c>/proc</c>.</param>
/// <param name="cpuRoot">Usually <c>/sys/devices/system/cpu</c>.</param>
public sealed class MachineCounters(IFileReader files, string procRoot = "/proc", string cpuRoot = "/sys/devices/system/cpu")
{
    /// <summary>The aggregate CPU ticks, or null when /proc/stat cannot be read or parsed.</summary>
    public CpuTicks? ReadTicks()
    {
        string text;
        try
        {
            text = files.ReadText(Path.Combine(procRoot, "stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).ToList() ?? [];
        var values = new long[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            if (!long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }
        // Fields: user nice system idle iowait irq softirq steal; kernels before 2.6.11 lack steal.
        return values.Length < 8 ? null : new CpuTicks(values.Sum(), values[7], values[4]);
    }

    /// <summary>Each present CPU's current frequency in kHz; empty where cpufreq is absent (common on VMs).</summary>
    public IReadOnlyList<long> ReadFrequenciesKhz()
    {
        var found = new List<long>();
        foreach (var cpu in PresentCpus())
        {
            try
            {
                found.Add(files.ReadInt64(Path.Combine(cpuRoot, $"cpu{cpu}", "cpufreq", "scaling_cur_freq")));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
            {
                // An offline CPU or a VM without cpufreq: that CPU has no reading.
            }
        }
        return found;
    }

    // "0-1" or "0,2-5": the kernel's list format.
    private IEnumerable<int> PresentCpus()
    {
        string text;
        try
        {
            text = files.ReadText(Path.Combine(cpuRoot, "present")).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-');
            if (int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last) && last >= first && last - first < 4096)
            {
                for (var cpu = first; cpu <= last; cpu++)
                {
                    yield return cpu;
                }
            }
        }
    }
}
