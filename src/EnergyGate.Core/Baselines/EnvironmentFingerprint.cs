namespace EnergyGate.Core.Baselines;

/// <summary>
/// The machine and meters a measurement was taken on. Machine class, CPU model, GPU model and meter
/// kind decide whether two measurements are comparable at all (the policy can relax or tighten that);
/// <see cref="Details"/> (cores, power limit, kernel...) are shown in reports only.
/// </summary>
/// <param name="MachineClass">A label for interchangeable machines, e.g. <c>ci-a10</c>; part of the baseline file name.</param>
/// <param name="CpuModel">CPU model string as the OS reports it.</param>
/// <param name="GpuModel">GPU model, or null on a machine without one.</param>
/// <param name="MeterKind">The weakest kind among the energy numbers of the run.</param>
/// <param name="Details">Free-form facts, shown in the environment block of reports.</param>
public sealed record EnvironmentFingerprint(
    string MachineClass,
    string CpuModel,
    string? GpuModel,
    MeterKind MeterKind,
    IReadOnlyDictionary<string, string> Details);
