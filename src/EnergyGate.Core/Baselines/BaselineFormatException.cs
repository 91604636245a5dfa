namespace EnergyGate.Core.Baselines;

/// <summary>A baseline file that cannot be read: the message names the file, the position and what to do.</summary>
public sealed class BaselineFormatException : EnergyGateException
{
    /// <summary>Creates the error with a user-facing message.</summary>
    public BaselineFormatException(string message) : base(message) { }

    /// <summary>Creates the error with a user-facing message and the parser's error.</summary>
    public BaselineFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates an error with no message; prefer the other constructors.</summary>
    public BaselineFormatException() { }
}
