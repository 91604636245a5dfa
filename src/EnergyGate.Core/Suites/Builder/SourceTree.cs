using System.Text;

namespace EnergyGate.Core.Suites.Builder;

/// <summary>Finds the source files of one language under a folder, leaving out build output and tool folders.</summary>
public static class SourceTree
{
    /// <summary>
    /// Folder names never searched: build output, dependencies and caches hold code the user did not
    /// write (and would swamp their own). Every folder whose name starts with a dot (.git, .venv,
    /// .vs, ...) is skipped as well.
    /// </summary>
    public static IReadOnlySet<string> SkippedFolders { get; } =
        new HashSet<string>(["bin", "obj", "node_modules", "__pycache__"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Every file with the language's extension under <paramref name="root"/>, sorted by relative path.</summary>
    /// <exception cref="EnergyGateException">The folder does not exist.</exception>
    public static IReadOnlyList<LccSource> Read(string root, LccLanguage language)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(language);
        if (!Directory.Exists(root))
        {
            throw new EnergyGateException($"--from folder `{root}` does not exist");
        }
        var full = Path.GetFullPath(root);
        var sources = new List<LccSource>();
        foreach (var path in Files(full, language.Extension))
        {
            var text = File.ReadAllText(path, Encoding.UTF8);
            // A NUL means a binary or UTF-16 file that happens to carry the extension; it is not source to predict.
            if (!text.Contains('\0', StringComparison.Ordinal))
            {
                sources.Add(new LccSource(Path.GetRelativePath(full, path).Replace('\\', '/'), text));
            }
        }
        return [.. sources.OrderBy(s => s.RelativePath, StringComparer.Ordinal)];
    }

    private static IEnumerable<string> Files(string root, string extension)
    {
        // Not following links keeps a symlink loop from recursing forever; the defaults would also
        // skip every dot-file on Unix as "hidden", so the attributes are spelled out.
        var folderOptions = new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        var fileOptions = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true };
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", fileOptions))
            {
                if (string.Equals(Path.GetExtension(file), extension, StringComparison.OrdinalIgnoreCase))
                {
                    yield return file;
                }
            }
            foreach (var sub in Directory.EnumerateDirectories(folder, "*", folderOptions))
            {
                var name = Path.GetFileName(sub);
                if (!name.StartsWith('.') && !SkippedFolders.Contains(name))
                {
                    pending.Push(sub);
                }
            }
        }
    }
}
