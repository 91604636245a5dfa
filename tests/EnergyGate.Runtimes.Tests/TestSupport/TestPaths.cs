namespace EnergyGate.Runtimes.Tests.TestSupport;

/// <summary>Where the shared read-only data lives: ../shared beside the folder that holds EnergyGate.sln.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SharedTinyGpt2 => Path.Combine(RepoRoot, "..", "shared", "models", "tiny-random-gpt2");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EnergyGate.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No EnergyGate.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A fresh folder under the temp directory, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("eg-runtimes-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
