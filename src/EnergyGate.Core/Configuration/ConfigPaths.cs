namespace EnergyGate.Core.Configuration;

/// <summary>How paths from any source become usable paths.</summary>
internal static class ConfigPaths
{
    public static bool IsHomeRelative(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal);

    /// <summary>A bare name like <c>python3</c> names a command on PATH, not a file next to the config.</summary>
    public static bool IsCommandName(string value) =>
        value.IndexOfAny(['/', '\\', Path.DirectorySeparatorChar]) < 0 && !IsHomeRelative(value);

    /// <summary>Anchors a relative path to <paramref name="baseDirectory"/>; <c>~</c> paths wait for the resolver.</summary>
    public static string Anchor(string path, string baseDirectory) =>
        IsHomeRelative(path) ? path : Path.GetFullPath(path, baseDirectory);

    public static string ExpandHome(string path, string homeDirectory) =>
        !IsHomeRelative(path) ? path
        : path.Length == 1 ? homeDirectory
        : Path.Join(homeDirectory, path[2..]);
}
