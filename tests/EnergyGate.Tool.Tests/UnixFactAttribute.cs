namespace EnergyGate.Tool.Tests;

/// <summary>A fact that sends POSIX signals with kill(1): skipped, with that reason, on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "sends SIGINT with kill(1), which Windows lacks (the handler is the same PosixSignal code there)";
        }
    }
}
