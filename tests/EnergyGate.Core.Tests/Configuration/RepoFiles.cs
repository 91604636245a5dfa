namespace EnergyGate.Core.Tests.Configuration;

/// <summary>Files checked into the repository, found from the test binaries' folder.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Read(params string[] relative) => File.ReadAllText(Path.Join([Root, .. relative]));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Join(dir.FullName, "EnergyGate.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No EnergyGate.sln above {AppContext.BaseDirectory}");
    }
}
