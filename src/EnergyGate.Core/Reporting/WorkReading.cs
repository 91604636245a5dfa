namespace EnergyGate.Core.Reporting;

/// <summary>
/// The plain-words reading of an energy change split into work and energy per unit of work:
/// did the code ask for more work, or did the same work cost more energy?
/// </summary>
internal static class WorkReading
{
    private enum Change
    {
        Less,
        Same,
        More,
    }

    /// <summary>
    /// Work within <paramref name="workTolerance"/> is unchanged (it is exact); energy per unit of work
    /// carries the meter's noise, so it counts as changed only beyond the gate's warn threshold <paramref name="energyTolerance"/>.
    /// </summary>
    public static string For(double workRatio, double perUnitRatio, double workTolerance, double energyTolerance) =>
        (Of(workRatio, workTolerance), Of(perUnitRatio, energyTolerance)) switch
        {
            (Change.Same, Change.Same) => "work and energy per unit of work unchanged",
            (Change.More, Change.Same) => "more work, not less efficient work",
            (Change.Less, Change.Same) => "less work, not more efficient work",
            (Change.Same, Change.More) => "the same work cost more energy (the machine or the runtime)",
            (Change.Same, Change.Less) => "the same work cost less energy (the machine or the runtime)",
            (Change.More, Change.More) => "more work, and each unit of it cost more energy",
            (Change.More, Change.Less) => "more work, but each unit of it cost less energy",
            (Change.Less, Change.More) => "less work, but each unit of it cost more energy",
            _ => "less work, and each unit of it cost less energy",
        };

    private static Change Of(double ratio, double tolerance) =>
        ratio > 1 + tolerance ? Change.More : ratio < 1 - tolerance ? Change.Less : Change.Same;
}
