namespace EnergyGate.Core.Energy;

/// <summary>
/// How an energy number was obtained, strongest first. The numeric order matters: an aggregate
/// takes the weakest (largest) kind of its parts, see <see cref="EnergyKinds.Weakest(EnergyKind, EnergyKind)"/>.
/// </summary>
public enum EnergyKind
{
    /// <summary>A difference of a hardware energy counter (RAPL, NVML total energy).</summary>
    Measured = 0,

    /// <summary>Power samples integrated over time (NVML power where the energy counter is unsupported).</summary>
    Integrated = 1,

    /// <summary>A share of a measured or integrated total, split by interpolation at phase boundaries.</summary>
    Attributed = 2,

    /// <summary>A model (CPU time x per-core watts): a regression signal on one machine, not a measurement.</summary>
    Estimated = 3,

    /// <summary>No meter could see the work (a remote server): the joules are zero and mean nothing.</summary>
    NotMeasured = 4,
}

/// <summary>Combines kinds so that no aggregate claims more than its weakest part.</summary>
public static class EnergyKinds
{
    /// <summary>The weaker of two kinds.</summary>
    public static EnergyKind Weakest(EnergyKind a, EnergyKind b) => (EnergyKind)Math.Max((int)a, (int)b);

    /// <summary>The weakest of several kinds; <see cref="EnergyKind.Measured"/> for none.</summary>
    public static EnergyKind Weakest(IEnumerable<EnergyKind> kinds) =>
        kinds.Aggregate(EnergyKind.Measured, Weakest);
}
