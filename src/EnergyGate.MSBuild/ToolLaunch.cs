namespace EnergyGate.MSBuild;

/// <summary>How the tool is started: an executable plus the arguments that come before the verb.</summary>
/// <param name="Executable">Full path of what is started.</param>
/// <param name="Prefix">Arguments before <c>check</c>: <c>energygate</c>, or <c>exec path.dll</c>, or none.</param>
/// <param name="Description">How messages name the tool.</param>
internal sealed record ToolLaunch(string Executable, IReadOnlyList<string> Prefix, string Description)
{
    /// <summary>
    /// The launch for <paramref name="tool"/>: empty is <c>dotnet energygate</c> (a local or global
    /// tool); a <c>.dll</c> runs with <c>dotnet exec</c>; anything else is the tool's executable.
    /// </summary>
    /// <param name="tool">EnergyGateToolPath, resolved against <paramref name="baseDirectory"/>.</param>
    /// <param name="dotnetHost">The dotnet executable (the SDK sets DOTNET_HOST_PATH for MSBuild), or null.</param>
    /// <param name="path">The PATH to look for <c>dotnet</c> on when no host is given.</param>
    /// <param name="baseDirectory">The project folder.</param>
    /// <param name="error">Why no launch is possible.</param>
    public static ToolLaunch? Resolve(string? tool, string? dotnetHost, string? path, string baseDirectory, out string? error)
    {
        error = null;
        var toolPath = string.IsNullOrWhiteSpace(tool) ? null : Path.GetFullPath(tool, baseDirectory);
        if (toolPath is not null && !File.Exists(toolPath))
        {
            error = $"EnergyGateToolPath '{tool}' does not exist (looked for {toolPath}). Point it at dotnet-energygate.dll or the tool's executable, or leave it empty to run `dotnet energygate` (install with `dotnet tool install dotnet-energygate`).";
            return null;
        }
        if (toolPath is not null && !toolPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return new ToolLaunch(toolPath, [], toolPath);
        }
        var host = !string.IsNullOrWhiteSpace(dotnetHost) && File.Exists(dotnetHost) ? dotnetHost : FindOnPath(OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet", path);
        if (host is null)
        {
            error = "cannot find the dotnet executable (DOTNET_HOST_PATH is not set and dotnet is not on PATH) to run the EnergyGate tool; set EnergyGateToolPath to the tool's executable.";
            return null;
        }
        return toolPath is null
            ? new ToolLaunch(host, ["energygate"], "`dotnet energygate`")
            : new ToolLaunch(host, ["exec", toolPath], $"`dotnet exec {toolPath}`");
    }

    private static string? FindOnPath(string name, string? path) =>
        (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir.Trim('"'), name))
            .FirstOrDefault(File.Exists);
}
