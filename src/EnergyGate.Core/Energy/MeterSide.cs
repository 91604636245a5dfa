namespace EnergyGate.Core.Energy;

/// <summary>The part of the machine a meter measures; <c>auto</c> picks one meter per side.</summary>
public enum MeterSide
{
    /// <summary>The CPU packages (and memory where the meter has it).</summary>
    Cpu,

    /// <summary>The GPUs.</summary>
    Gpu,
}
