using EnergyGate.Core.Energy;
using EnergyGate.Core.Measurement.Noise;

namespace EnergyGate.Core.Tests.Measurement.Noise;

/// <summary>
/// Recorded probe series (3 reference probes, 10 between repetitions, 1 closing) shaped after the
/// build VMs' measurements in docs/measurement.md: a quiet machine varies by about +-2 %, a busy
/// neighbour that starts halfway slows everything by 17-33 % (here +25 %), and a crowded host
/// steals 10 % of the ticks. Not measured here: fixed numbers, so every verdict is reproducible.
/// </summary>
internal static class NoiseSeries
{
    public const double BaseSeconds = 0.030;

    /// <summary>+-2 % around 30 ms, never two steps in the same direction for long.</summary>
    public static IReadOnlyList<double> Quiet { get; } =
        [.. new[] { 0.0, 0.02, -0.02, 0.01, -0.01, 0.02, -0.02, 0.015, -0.015, 0.02, -0.02, 0.01, -0.01, 0.0 }.Select(d => BaseSeconds * (1 + d))];

    /// <summary>Quiet for the reference and the first half, +25 % from the sixth between-repetition probe on.</summary>
    public static IReadOnlyList<double> NeighbourHalfway { get; } =
        [.. Quiet.Select((t, i) => i >= 8 ? t * 1.25 : t)];

    /// <summary>A /proc/stat whose aggregate line advanced <paramref name="step"/> times 1000 ticks, <paramref name="stealShare"/> of them stolen.</summary>
    public static string ProcStat(int step, double stealShare)
    {
        var total = 1_000_000L + (step * 1000L);
        var steal = (long)(step * 1000 * stealShare);
        var iowait = step * 5L;
        var user = total - steal - iowait - 500_000;
        return $"cpu  {user} 0 100000 400000 {iowait} 0 0 {steal} 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1\n";
    }

    /// <summary>A monitor replaying <paramref name="probes"/>, with /proc/stat stepping at <paramref name="stealShare"/> and two CPUs at 2.4/2.6 GHz (or no cpufreq).</summary>
    public static NoiseMonitor Monitor(IReadOnlyList<double> probes, double stealShare, bool cpufreq = true)
    {
        // The monitor's unrecorded warm-up probe comes first: 72 ms, as the first probe of a process took on the build VM.
        var series = new List<double> { 0.072 };
        series.AddRange(probes);
        var probe = 0;
        var statReads = 0;
        var files = new DelegateFileReader(path => path switch
        {
            "/proc/stat" => ProcStat(statReads++, stealShare),
            "/sys/devices/system/cpu/present" => "0-1\n",
            "/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq" when cpufreq => "2400000\n",
            "/sys/devices/system/cpu/cpu1/cpufreq/scaling_cur_freq" when cpufreq => "2600000\n",
            _ => throw new FileNotFoundException(path),
        });
        return new NoiseMonitor(() => series[probe++], new MachineCounters(files));
    }
}
