namespace EnergyGate.Core.Suites.Builder;

/// <summary>
/// Small Python modules written for EnergyGate (a tokenizer, an LRU cache, a CSV parser, ...) that
/// ship inside the assembly, so an lcc understanding cell can be built without any repository or
/// download at hand.
/// </summary>
public static class BuiltinCorpus
{
    private const string Prefix = "EnergyGate.Corpus.";

    // The .txt suffix keeps linters and test discovery from treating the files as project Python.
    private const string Suffix = ".txt";

    /// <summary>The corpus files, named by their Python file name (e.g. <c>lru_cache.py</c>), sorted.</summary>
    public static IReadOnlyList<LccSource> Sources() =>
    [
        .. typeof(BuiltinCorpus).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new LccSource(n[Prefix.Length..^Suffix.Length], Read(n))),
    ];

    /// <summary>Builds Python lcc records from the corpus; deterministic for a seed.</summary>
    /// <exception cref="EnergyGateException">An option is out of range.</exception>
    public static LccBuildResult BuildLcc(int count, int seed = 0, int minContextLines = LccBuildOptions.DefaultMinContextLines) =>
        LccBuilder.Build(Sources(), LccLanguage.Python, new LccBuildOptions(count, seed, minContextLines));

    private static string Read(string resourceName)
    {
        using var stream = typeof(BuiltinCorpus).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded resource {resourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
