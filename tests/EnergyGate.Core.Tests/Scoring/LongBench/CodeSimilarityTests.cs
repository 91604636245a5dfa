using EnergyGate.Core.Scoring.LongBench;

namespace EnergyGate.Core.Tests.Scoring.LongBench;

/// <summary>The rules of code_sim_score spelled out, so a failure names the rule rather than a fixture row.</summary>
public sealed class CodeSimilarityTests
{
    [Theory]
    [InlineData("\n\nfoo()\nbar()", "foo()")]
    [InlineData("```python\n# comment\nx = 1", "x = 1")]
    [InlineData("url = 'http://a'\ny = 2", "y = 2")]
    [InlineData(" \nfoo()", " ")]            // only '\n' is stripped; a blank line is code
    [InlineData("\r\nfoo()", "\r")]
    [InlineData("# a\n// b\n`c`", "")]
    [InlineData("", "")]
    [InlineData("a / b", "a / b")]
    public void First_code_line_skips_fences_and_comments(string prediction, string expected) =>
        Assert.Equal(expected, CodeSimilarity.FirstCodeLine(prediction));

    [Theory]
    [InlineData("", "", 100)]                 // fuzzywuzzy checks equality before emptiness
    [InlineData("", "x", 0)]
    [InlineData("x", "", 0)]
    [InlineData("abc", "abd", 67)]            // lensum 6, indel 2
    [InlineData("😀", "😃", 0)]               // one code point each, not two UTF-16 units
    [InlineData("😀a", "😀b", 50)]
    [InlineData("é", "e\u0301", 0)]           // precomposed vs combining mark: no code point in common
    public void Fuzz_ratio_edge_cases(string a, string b, int expected) =>
        Assert.Equal(expected, FuzzRatio.Ratio(a, b));

    [Fact]
    public void A_half_rounds_to_even_as_python_round_does()
    {
        // lensum 80 with one common code point: 100 * 2 / 80 = 2.5 -> 2
        var a = "c" + new string('a', 39);
        var b = new string('b', 39) + "c";
        Assert.Equal(2, FuzzRatio.Ratio(a, b));
    }

    [Fact]
    public void Sample_score_is_the_best_answer_and_zero_without_answers()
    {
        Assert.Equal(1.0, CodeSimilarity.Score("x = 1", ["y", "x = 1"]));
        Assert.Equal(0.0, CodeSimilarity.Score("x = 1", []));
    }

    [Fact]
    public void Indel_distance_agrees_with_a_full_table_on_random_strings()
    {
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var a = RandomPoints(random);
            var b = RandomPoints(random);
            Assert.Equal(FullTable(a, b), IndelDistance.Compute(a, b));
        }
    }

    private static int[] RandomPoints(Random random) =>
        [.. Enumerable.Range(0, random.Next(0, 300)).Select(_ => random.Next(0, 4) == 0 ? 0x1F600 : 'a' + random.Next(0, 3))];

    private static int FullTable(int[] a, int[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                lcs[i, j] = a[i - 1] == b[j - 1] ? lcs[i - 1, j - 1] + 1 : Math.Max(lcs[i - 1, j], lcs[i, j - 1]);
            }
        }
        return a.Length + b.Length - 2 * lcs[a.Length, b.Length];
    }
}
