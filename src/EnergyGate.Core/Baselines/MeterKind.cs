namespace EnergyGate.Core.Baselines;

/// <summary>
/// How an energy number was obtained, strongest first, so the weakest kind of several parts is their
/// maximum (an aggregate takes the weakest kind of its parts).
/// </summary>
public enum MeterKind
{
    /// <summary>A hardware counter delta (RAPL, NVML total energy).</summary>
    Measured,

    /// <summary>Power samples integrated over time.</summary>
    Integrated,

    /// <summary>A share of a measured total (e.g. a phase's part of a package counter).</summary>
    Attributed,

    /// <summary>A model (CPU time x power); a regression signal on one machine, not a measurement.</summary>
    Estimated,

    /// <summary>No meter could see the work (a model on a remote server): timing and work figures only.</summary>
    NotMeasured,
}
