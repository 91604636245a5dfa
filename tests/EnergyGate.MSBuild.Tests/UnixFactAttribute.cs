namespace EnergyGate.MSBuild.Tests;

/// <summary>A fact whose fake tool is a shell script: it needs a Unix shell to run.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "the fake tool is a /bin/sh script";
        }
    }
}
