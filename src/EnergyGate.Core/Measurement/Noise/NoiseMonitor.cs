using EnergyGate.Core.Energy;

namespace EnergyGate.Core.Measurement.Noise;

/// <summary>
/// Times the probe workload and reads the machine's counters at chosen moments of a run (before
/// the first repetition, between repetitions, after the last) and appends each as a
/// <see cref="NoiseRecord"/>. The probe and the counters are injected, so tests replay recorded series.
/// </summary>
/// <param name="probeSeconds">Runs the probe once and returns its wall time in seconds.</param>
/// <param name="counters">Steal, iowait and frequency readings.</param>
public sealed class NoiseMonitor(Func<double> probeSeconds, MachineCounters counters)
{
    /// <summary>
    /// Probes taken before the first repetition: their median is the reference the later probes are
    /// compared with, and three make one slow first probe (page faults on the fresh buffer) harmless.
    /// </summary>
    public const int ReferenceProbes = 3;

    /// <summary>The real probe (<see cref="ProbeKernel"/> timed with <paramref name="time"/>) and the real /proc and /sys.</summary>
    public static NoiseMonitor ForMachine(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var kernel = new ProbeKernel();
        return new NoiseMonitor(
            () =>
            {
                var start = time.GetTimestamp();
                GC.KeepAlive(kernel.Run());
                return time.GetElapsedTime(start).TotalSeconds;
            },
            new MachineCounters(SysfsFileReader.Instance));
    }

    /// <summary>The reference probes, before the first repetition, after one unrecorded warm-up probe.</summary>
    public Task BeforeFirstAsync(ResultsJournal journal, CancellationToken ct) => BeforeFirstAsync([journal], ct);

    /// <summary>The reference probes, each appended to every journal of an interleaved job.</summary>
    public async Task BeforeFirstAsync(IReadOnlyList<ResultsJournal> journals, CancellationToken ct)
    {
        // The first probe of a process compiles the kernel and faults in the fresh buffer: on the
        // build VM it took 72 ms against 16-27 ms after, which read as drift against a wrong reference.
        probeSeconds();
        for (var i = 0; i < ReferenceProbes; i++)
        {
            await ProbeAsync(journals, -1, ct);
        }
    }

    /// <summary>One probe before <paramref name="repetition"/>, or after the last one when null.</summary>
    public Task ProbeAsync(ResultsJournal journal, int? repetition, CancellationToken ct) => ProbeAsync([journal], repetition, ct);

    /// <summary>One probe, taken once and appended to every journal (the lanes of an interleaved job shared the machine).</summary>
    public async Task ProbeAsync(IReadOnlyList<ResultsJournal> journals, int? repetition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(journals);
        ct.ThrowIfCancellationRequested();
        var seconds = probeSeconds();
        // Counters read after the probe: the probe's own ticks fall in the interval they measure.
        var ticks = counters.ReadTicks();
        var record = new NoiseRecord(repetition, seconds)
        {
            CpuTotalTicks = ticks?.Total,
            CpuStealTicks = ticks?.Steal,
            CpuIowaitTicks = ticks?.Iowait,
            FrequenciesKhz = counters.ReadFrequenciesKhz(),
        };
        foreach (var journal in journals)
        {
            await journal.AppendAsync(record, ct);
        }
    }
}
