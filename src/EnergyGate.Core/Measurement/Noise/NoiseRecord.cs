namespace EnergyGate.Core.Measurement.Noise;

/// <summary>
/// One noise probe, appended to the results file between repetitions (never inside a sample, so
/// neither its time nor its energy is charged to inference). Files written before EnergyGate
/// probed the machine have none; a run without them is simply not judged for noise.
/// </summary>
/// <param name="Repetition">The repetition the probe came before; -1 for the probes before the first, null for the closing probe.</param>
/// <param name="ProbeSeconds">Wall time of one <see cref="ProbeKernel"/> run.</param>
public sealed record NoiseRecord(int? Repetition, double ProbeSeconds) : JournalRecord
{
    /// <summary>The machine's aggregate CPU ticks (/proc/stat) at the probe; null where unreadable.</summary>
    public long? CpuTotalTicks { get; init; }

    /// <summary>Steal ticks so far; null where unreadable.</summary>
    public long? CpuStealTicks { get; init; }

    /// <summary>Iowait ticks so far; null where unreadable.</summary>
    public long? CpuIowaitTicks { get; init; }

    /// <summary>Each CPU's scaling_cur_freq in kHz at the probe; empty where cpufreq is absent.</summary>
    public IReadOnlyList<long> FrequenciesKhz { get; init; } = [];
}
