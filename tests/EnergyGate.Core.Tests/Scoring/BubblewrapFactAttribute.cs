namespace EnergyGate.Core.Tests.Scoring;

/// <summary>
/// A sandbox fact that needs bubblewrap (<c>bwrap</c>) on PATH; CI installs it (.ci/run). Elsewhere
/// the test is skipped with the reason, never passed silently.
/// </summary>
public sealed class BubblewrapFactAttribute : FactAttribute
{
    public BubblewrapFactAttribute()
    {
        if (!Installed)
        {
            Skip = "needs bubblewrap (bwrap on PATH; apt-get install bubblewrap)";
        }
    }

    public static bool Installed => OperatingSystem.IsLinux() &&
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "bwrap")));
}
