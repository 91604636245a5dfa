namespace EnergyGate.Tool.Tests;

/// <summary>Runs the tool in process with captured output.</summary>
internal static class ToolRunner
{
    public sealed record Run(int ExitCode, string Output, string Error);

    public static async Task<Run> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ToolApp.RunAsync(args, output, error);
        return new Run(code, output.ToString(), error.ToString());
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
