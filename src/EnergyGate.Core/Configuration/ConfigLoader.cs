using EnergyGate.Core.Configuration.Yaml;

namespace EnergyGate.Core.Configuration;

/// <summary>Reads and validates <c>energygate.yml</c>.</summary>
public static class ConfigLoader
{
    /// <summary>The file the tool looks for in the current directory when none is named.</summary>
    public const string DefaultFileName = "energygate.yml";

    /// <summary>Reads the file at <paramref name="path"/>; relative paths inside it resolve against its folder.</summary>
    /// <exception cref="ConfigurationException">The file is missing, unreadable or invalid; lists every problem.</exception>
    public static EnergyGateConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigurationException(new ConfigError(path, 0, 0, "", $"configuration file not found (looked for {fullPath})"), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(new ConfigError(path, 0, 0, "", $"cannot read the configuration file: {ex.Message}"), ex);
        }
        return Parse(text, path, Path.GetDirectoryName(fullPath)!);
    }

    /// <summary>Validates YAML text that came from <paramref name="fileName"/>.</summary>
    /// <param name="yamlText">The file's content.</param>
    /// <param name="fileName">How error messages name the file, usually as the user typed it.</param>
    /// <param name="baseDirectory">Absolute folder that relative paths in the file are resolved against.</param>
    /// <exception cref="ConfigurationException">The text is not valid YAML or breaks the schema; lists every problem.</exception>
    public static EnergyGateConfig Parse(string yamlText, string fileName, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        if (!Path.IsPathFullyQualified(baseDirectory))
        {
            throw new ArgumentException("The base directory must be absolute.", nameof(baseDirectory));
        }
        var root = YamlTreeBuilder.Build(yamlText, fileName, out var syntaxError);
        if (syntaxError is not null)
        {
            // The tree is unreliable past a syntax error, so schema errors after it would be noise.
            throw new ConfigurationException([syntaxError]);
        }
        var reader = new ConfigReader(fileName, baseDirectory);
        var config = reader.Read(root);
        if (reader.Errors.Count > 0)
        {
            throw new ConfigurationException([.. reader.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }
        return config;
    }
}
