using System.Globalization;

namespace EnergyGate.Core.Scoring;

/// <summary>A Python interpreter found and checked for scoring.</summary>
/// <param name="Path">Absolute path of the executable.</param>
/// <param name="Version">Its version (major.minor.patch).</param>
public sealed record PythonInterpreter(string Path, Version Version)
{
    /// <summary>The real interpreter binary behind <see cref="Path"/> (a pyenv shim or a symlink resolved).</summary>
    public string Executable { get; init; } = Path;

    /// <summary>Folders the interpreter reads at run time (prefixes, standard library, site-packages).</summary>
    public IReadOnlyList<string> Roots { get; init; } = [];

    /// <summary>The oldest Python the sandbox supervisor supports (os.pidfd_open is optional).</summary>
    public static readonly Version Minimum = new(3, 8);

    /// <summary>
    /// Finds the interpreter: the configured path if given, else <c>python3</c> then <c>python</c> on
    /// <paramref name="searchPath"/> (the PATH value). Throws a clear error when none works.
    /// </summary>
    public static PythonInterpreter Locate(string? configured, string? searchPath)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = System.IO.Path.GetFullPath(configured);
            if (!File.Exists(path))
            {
                throw new EnergyGateException(
                    $"python not found at '{configured}' (from --python, ENERGYGATE_PYTHON or energygate.yml `python`). " +
                    "Install Python 3.8+ or point the setting at an existing interpreter.");
            }
            return Check(path);
        }
        foreach (var dir in (searchPath ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "python3", "python" })
            {
                var candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return Check(candidate);
                }
            }
        }
        throw new EnergyGateException(
            "python3 was not found on PATH; HumanEval scoring executes Python. " +
            "Install Python 3.8 or newer (e.g. `apt-get install python3`) or pass --python PATH.");
    }

    private static PythonInterpreter Check(string path)
    {
        var output = PythonProbe.Run(path);
        if (!Version.TryParse(output.Version, out var version))
        {
            throw new EnergyGateException($"python at '{path}' reported an unreadable version '{output.Version}'.");
        }
        if (version < Minimum)
        {
            throw new EnergyGateException(string.Create(CultureInfo.InvariantCulture,
                $"python at '{path}' is {version}; scoring needs {Minimum} or newer."));
        }
        return new PythonInterpreter(path, version) { Executable = output.Executable, Roots = output.Roots };
    }
}
