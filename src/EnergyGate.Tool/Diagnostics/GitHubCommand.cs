using System.Globalization;
using EnergyGate.Core.Configuration;

namespace EnergyGate.Tool.Diagnostics;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=F,line=L,col=C,title=T::message</c>), which the
/// runner turns into annotations on a repository file's line. Escaping as the runner's command parser
/// undoes it (actions/toolkit's command.ts): '%', CR and LF in the message; also ':' and ',' in properties.
/// </summary>
internal static class GitHubCommand
{
    /// <summary>The environment variable GitHub sets to the checked-out repository's folder.</summary>
    public const string WorkspaceVariable = "GITHUB_WORKSPACE";

    /// <summary>
    /// One command for one diagnostic. <paramref name="at"/> (or <paramref name="file"/> without a line) is
    /// given as a path relative to <paramref name="workspace"/> (null: $GITHUB_WORKSPACE, else the current
    /// folder), with '/' separators, because GitHub attaches annotations to repository paths only; a file
    /// outside the workspace keeps its position in the message instead.
    /// </summary>
    public static string Format(ConfigLocation? at, string level, string id, string text, string? file, string? workspace)
    {
        var properties = new List<string>();
        var message = text;
        if ((at?.File ?? file) is { } path)
        {
            var position = at is null ? "" : string.Create(CultureInfo.InvariantCulture, $"({at.Line},{at.Column})");
            if (Relative(path, workspace ?? DefaultWorkspace()) is { } relative)
            {
                properties.Add("file=" + Property(relative));
                if (at is not null)
                {
                    properties.Add(string.Create(CultureInfo.InvariantCulture, $"line={at.Line}"));
                    properties.Add(string.Create(CultureInfo.InvariantCulture, $"col={at.Column}"));
                }
            }
            else
            {
                message = $"{Path.GetFullPath(path)}{position}: {text}";
            }
        }
        properties.Add("title=" + Property($"EnergyGate {id}"));
        return $"::{level} {string.Join(',', properties)}::{Data(message)}";
    }

    /// <summary>$GITHUB_WORKSPACE when set, else the current folder.</summary>
    public static string DefaultWorkspace() =>
        Environment.GetEnvironmentVariable(WorkspaceVariable) is { Length: > 0 } workspace ? workspace : Environment.CurrentDirectory;

    /// <summary>A message: '%', CR and LF escaped, so a message of several lines stays one command.</summary>
    public static string Data(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>A property value: as <see cref="Data"/>, plus ':' and ',', which end a value.</summary>
    public static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary><paramref name="path"/> relative to <paramref name="workspace"/> with '/' separators; null when it lies outside.</summary>
    private static string? Relative(string path, string workspace)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(workspace), Path.GetFullPath(path));
        var outside = Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return outside ? null : relative.Replace(Path.DirectorySeparatorChar, '/');
    }
}
