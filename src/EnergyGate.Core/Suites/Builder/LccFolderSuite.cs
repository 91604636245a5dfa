using System.Globalization;

namespace EnergyGate.Core.Suites.Builder;

/// <summary>Builds an lcc suite from the user's own source tree, with the messages the <c>suite build lcc</c> verb shows.</summary>
public static class LccFolderSuite
{
    /// <summary>Reads every file of the language under <paramref name="root"/> and builds records from them.</summary>
    /// <exception cref="EnergyGateException">The folder is missing, an option is out of range, or no file is long enough.</exception>
    public static LccBuildResult Build(string root, LccLanguage language, LccBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var result = LccBuilder.Build(SourceTree.Read(root, language), language, options);
        return result.CandidateLines > 0
            ? result
            : throw new EnergyGateException(string.Create(CultureInfo.InvariantCulture,
                $"no {language.Extension} files with at least {options.MinContextLines} lines under {root} (a file needs that many lines before a non-blank, non-comment line; lower --min-context-lines or point --from elsewhere)"));
    }

    /// <summary>The warning for a result with fewer records than requested, or null when it has them all.</summary>
    public static string? Shortfall(LccBuildResult result, LccLanguage language, string root)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(language);
        return result.IsShort
            ? string.Create(CultureInfo.InvariantCulture,
                $"only {result.CandidateLines} usable lines in {result.CandidateFiles} {language.Extension} files under {root}: built {result.Records.Count} of the {result.Requested} records requested")
            : null;
    }
}
