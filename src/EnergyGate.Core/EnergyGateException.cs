namespace EnergyGate.Core;

/// <summary>
/// A problem the user can fix (bad input, missing dependency, unavailable data). The tool prints
/// <see cref="Exception.Message"/> without a stack trace, so the message must say what is wrong,
/// where (file, line, field) and what to do.
/// </summary>
public class EnergyGateException : Exception
{
    /// <summary>Creates an error with a user-facing message.</summary>
    public EnergyGateException(string message) : base(message) { }

    /// <summary>Creates an error with a user-facing message and the underlying cause.</summary>
    public EnergyGateException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates an error with no message; prefer the other constructors.</summary>
    public EnergyGateException() { }
}
