using EnergyGate.Core.Suites.Builder;

namespace EnergyGate.Core.Tests.Suites.Builder;

public sealed class BuiltinCorpusTests
{
    [Fact]
    public void Ships_ten_python_modules_of_60_to_150_lines_that_use_lf()
    {
        var sources = BuiltinCorpus.Sources();

        Assert.Equal(10, sources.Count);
        Assert.All(sources, s =>
        {
            Assert.EndsWith(".py", s.RelativePath, StringComparison.Ordinal);
            Assert.InRange(s.Text.Count(c => c == '\n'), 60, 150);
            Assert.DoesNotContain('\r', s.Text);
            Assert.StartsWith("\"\"\"", s.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Builds_valid_python_records_with_contexts_of_hundreds_of_words()
    {
        var result = BuiltinCorpus.BuildLcc(30, seed: 1);
        var sources = BuiltinCorpus.Sources().ToDictionary(s => s.RelativePath);

        Assert.Equal(30, result.Records.Count);
        Assert.False(result.IsShort);
        Assert.Equal(30, result.Records.Select(r => r.Id).Distinct().Count());
        Assert.All(result.Records, r =>
        {
            Assert.Equal(("", "lcc", "python"), (r.Input, r.Dataset, r.Language));
            var answer = Assert.Single(r.Answers);
            Assert.False(LccLanguage.Python.IsTrivial(answer), answer);
            Assert.Equal(answer, answer.Trim());
            Assert.True(r.Context.Count(c => c == '\n') >= LccBuildOptions.DefaultMinContextLines);
            // Each context opens with its module's own docstring, so it is a prefix of exactly one file.
            var source = Assert.Single(sources.Values, s => s.Text.StartsWith(r.Context, StringComparison.Ordinal));
            Assert.Equal(answer, source.Text[r.Context.Length..].Split('\n')[0].Trim());
        });
        // The first round takes one record from each of the ten files.
        Assert.Equal(10, result.Records.Take(10).Select(r => sources.Values.Single(s => s.Text.StartsWith(r.Context, StringComparison.Ordinal)).RelativePath).Distinct().Count());
        Assert.True(result.Records.Average(r => r.Length) >= 200, $"mean length {result.Records.Average(r => r.Length)} words");
        Assert.True(result.Records.Max(r => r.Length) >= 400);
    }

    [Fact]
    public void Is_deterministic_for_a_seed_and_respects_the_minimum_context()
    {
        static string Jsonl(LccBuildResult result) => string.Join('\n', result.Records.Select(LccJsonl.Serialize));

        Assert.Equal(Jsonl(BuiltinCorpus.BuildLcc(12, seed: 4)), Jsonl(BuiltinCorpus.BuildLcc(12, seed: 4)));
        Assert.NotEqual(Jsonl(BuiltinCorpus.BuildLcc(12, seed: 4)), Jsonl(BuiltinCorpus.BuildLcc(12, seed: 5)));
        Assert.All(BuiltinCorpus.BuildLcc(40, seed: 2, minContextLines: 60).Records,
            r => Assert.True(r.Context.Count(c => c == '\n') >= 60 && r.Length >= 150, $"{r.Length} words"));
    }
}
