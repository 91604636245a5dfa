namespace EnergyGate.Tool.Tests;

/// <summary>Runs the tool in process with captured output.</summary>
internal static class ToolRunner
{
    public sealed record Run(int ExitCode, string Output, string Error);

    /// <summary>
    /// Runs with $GITHUB_STEP_SUMMARY unset: check, compare and report append to it when set, and
    /// these tests must not write reports into the job summary of the CI that runs them.
    /// </summary>
    public static Task<Run> RunAsync(params string[] args) =>
        RunWithEnvironmentAsync(new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = null }, args);

    /// <summary>
    /// Runs with these process environment variables set (null: unset) and restores them after; safe
    /// because this assembly runs its tests one at a time (AssemblyInfo.cs).
    /// </summary>
    public static async Task<Run> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var saved = environment.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (name, value) in environment)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = await ToolApp.RunAsync(args, output, error);
            return new Run(code, output.ToString(), error.ToString());
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    public static string RepoRoot { get; } = FindRoot();

    public static string SharedDir => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string HumanEvalDir => Path.Combine(SharedDir, "datasets", "humaneval");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EnergyGate.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("EnergyGate.sln not found above the test binaries");
    }
}
