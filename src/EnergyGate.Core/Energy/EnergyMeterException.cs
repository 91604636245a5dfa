namespace EnergyGate.Core.Energy;

/// <summary>A meter could not be used or read; the message says why and how to fix it.</summary>
public sealed class EnergyMeterException : EnergyGateException
{
    /// <summary>Creates the error with a user-facing message.</summary>
    public EnergyMeterException(string message) : base(message) { }

    /// <summary>Creates the error with a user-facing message and its cause.</summary>
    public EnergyMeterException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the error with no message; prefer the other constructors.</summary>
    public EnergyMeterException() { }
}
