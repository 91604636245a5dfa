namespace EnergyGate.Core.Tests.TestSupport;

/// <summary>
/// Locates the repository and the read-only <c>../shared</c> folder beside it, whose large files tests
/// read in place instead of copying them into git.
/// </summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder containing EnergyGate.sln.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary><c>../shared</c> relative to the repository root.</summary>
    public static string SharedDir => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>The official HumanEval file (164 problems).</summary>
    public static string HumanEvalFile => Path.Combine(SharedDir, "datasets", "humaneval", "HumanEval.jsonl.gz");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EnergyGate.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no EnergyGate.sln above {AppContext.BaseDirectory}");
    }
}
