using System.Security.Cryptography;
using System.Text;

namespace EnergyGate.Core.Suites.Builder;

/// <summary>
/// Cuts source files into LongBench lcc records: a long file prefix as the context and the next
/// non-trivial line as the answer. The choice depends only on the sources, their paths and the seed.
/// </summary>
public static class LccBuilder
{
    /// <summary>Builds up to <see cref="LccBuildOptions.Count"/> records from the sources.</summary>
    /// <param name="sources">The files, in any order; they are sorted by path first so the order given does not matter.</param>
    /// <param name="language">The language the sources are written in.</param>
    /// <param name="options">Count, seed and minimum context.</param>
    /// <exception cref="EnergyGateException">An option is out of range, or two sources share a path.</exception>
    public static LccBuildResult Build(IEnumerable<LccSource> sources, LccLanguage language, LccBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var files = sources.OrderBy(s => s.RelativePath, StringComparer.Ordinal)
            .Select(s => CutFile.Create(s, language, options.MinContextLines))
            .Where(f => f.CutLines.Count > 0)
            .ToList();
        if (files.Select(f => f.Source.RelativePath).Distinct(StringComparer.Ordinal).Count() != files.Count)
        {
            throw new EnergyGateException("two sources share a relative path, so their record ids would collide");
        }
        var candidateLines = files.Sum(f => f.CutLines.Count);
        var records = new List<LccRecord>(Math.Min(options.Count, candidateLines));
        var random = new Random(options.Seed);
        // Round by round every file with cut points left gives one record, in a shuffled order, so
        // records come from as many different files as possible; a second cut in the same file
        // only happens once every file has been used.
        var active = files;
        while (records.Count < options.Count && active.Count > 0)
        {
            var round = active.ToArray();
            random.Shuffle(round);
            foreach (var file in round)
            {
                if (records.Count == options.Count)
                {
                    break;
                }
                var index = random.Next(file.CutLines.Count);
                records.Add(file.RecordAt(file.CutLines[index], language));
                file.CutLines.RemoveAt(index);
            }
            active = [.. active.Where(f => f.CutLines.Count > 0)];
        }
        return new LccBuildResult(records, options.Count, files.Count, candidateLines);
    }

    /// <summary>The stable id of the record whose answer is line <paramref name="lineNumber"/> (1-based) of a file.</summary>
    public static string RecordId(string relativePath, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{relativePath}:{lineNumber}"));
        // LongBench ids are 48 lowercase hex characters; keep the same shape.
        return Convert.ToHexStringLower(hash)[..48];
    }

    /// <summary>A file split into lines, with the 0-based indexes of the lines that may be answers.</summary>
    private sealed record CutFile(LccSource Source, string Text, int[] LineStarts, string[] Lines, List<int> CutLines)
    {
        public static CutFile Create(LccSource source, LccLanguage language, int minContextLines)
        {
            // Only CRLF: ReplaceLineEndings would also rewrite form feeds and U+2028 inside the code.
            var text = source.Text.Replace("\r\n", "\n", StringComparison.Ordinal);
            var lines = text.Split('\n');
            var starts = new int[lines.Length];
            for (var i = 1; i < lines.Length; i++)
            {
                starts[i] = starts[i - 1] + lines[i - 1].Length + 1;
            }
            // Line i has exactly i lines before it, so the first usable index is the minimum itself.
            var cuts = Enumerable.Range(0, lines.Length)
                .Where(i => i >= minContextLines && !language.IsTrivial(lines[i]))
                .ToList();
            return new CutFile(source, text, starts, lines, cuts);
        }

        public LccRecord RecordAt(int line, LccLanguage language)
        {
            var context = Text[..LineStarts[line]];
            return new LccRecord(
                Input: "",
                Context: context,
                Answers: [Lines[line].Trim()],
                Length: PythonWords.Count(context),
                Dataset: LccRecord.DatasetName,
                Language: language.Name,
                AllClasses: null,
                Id: RecordId(Source.RelativePath, line + 1));
        }
    }
}
