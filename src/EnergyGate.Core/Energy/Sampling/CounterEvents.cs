namespace EnergyGate.Core.Energy.Sampling;

/// <summary>What happened to a counter at one sample; results carry the union over their window.</summary>
[Flags]
public enum CounterEvents : byte
{
    /// <summary>Nothing unusual.</summary>
    None = 0,

    /// <summary>The counter decreased and the counter range was added back.</summary>
    Wrapped = 1,

    /// <summary>The gap since the previous read was longer than the safe gap: whole wraps may be lost.</summary>
    PossibleMissedWrap = 2,

    /// <summary>The counter fell in a way no wrap explains (driver reload, GPU reset); counting restarted.</summary>
    Reset = 4,

    /// <summary>The counter has not moved for longer than allowed while the hardware draws power.</summary>
    Stuck = 8,

    /// <summary>The read failed; the previous value was kept.</summary>
    ReadFailed = 16,
}
