using EnergyGate.Core.Scoring.LongBench;

namespace EnergyGate.Core.Tests.Scoring.LongBench;

/// <summary>
/// Hostile predictions cost bounded work, counted in LCS cells (never timed): one 3 MB line against a
/// 3 MB answer used to need 9e12 cells, about two hours.
/// </summary>
public sealed class LongLineBoundsTests
{
    private const int ThreeMb = 3_000_000;

    /// <summary>Letters with a period of 26 at two different strides: no long common run, no common ends.</summary>
    private static string Letters(int length, int stride, int offset) =>
        string.Create(length, (stride, offset), static (span, s) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + ((i * s.stride) + s.offset) % 26);
            }
        });

    [Fact]
    public void Two_three_megabyte_lines_compare_at_most_the_capped_middles()
    {
        var ratio = FuzzRatio.Ratio(Letters(ThreeMb, 7, 1), Letters(ThreeMb, 11, 2), out var cells);

        Assert.Equal((long)IndelDistance.MaxComparedCodePoints * IndelDistance.MaxComparedCodePoints, cells);
        Assert.InRange(ratio, 0, 100);
    }

    [Fact]
    public void A_three_megabyte_line_against_a_short_answer_is_decided_without_the_programme()
    {
        var prediction = "x = foo(" + new string('a', ThreeMb) + ")";

        Assert.Equal(0, FuzzRatio.Ratio(prediction, "x = foo(bar)", out var cells));
        Assert.Equal(0, cells);
    }

    [Fact]
    public void The_length_shortcut_agrees_with_the_full_computation_around_its_threshold()
    {
        // b is a subsequence of a, so the LCS is |b| = 10 and the exact ratio is 2 * 10 / lensum.
        const string b = "abcdefghij";
        for (var extra = 3_960; extra <= 4_020; extra++)
        {
            var a = b + new string('x', extra);
            var lensum = a.Length + b.Length;
            var exact = (int)Math.Round(100 * ((double)(lensum - IndelDistance.Compute(FuzzRatio.CodePoints(a), FuzzRatio.CodePoints(b))) / lensum), MidpointRounding.ToEven);

            Assert.Equal(exact, FuzzRatio.Ratio(a, b));
        }
    }

    [Fact]
    public void Lines_within_the_cap_run_the_whole_programme()
    {
        var a = Letters(IndelDistance.MaxComparedCodePoints, 7, 1);
        var b = Letters(IndelDistance.MaxComparedCodePoints - 1, 11, 2);

        FuzzRatio.Ratio(a, b, out var cells);

        Assert.Equal((long)a.Length * b.Length, cells);
    }

    [Fact]
    public void Only_the_first_code_line_of_a_huge_prediction_is_compared()
    {
        var prediction = "# comment\nreturn x\n" + Letters(ThreeMb, 7, 1);

        Assert.Equal("return x", CodeSimilarity.FirstCodeLine(prediction));
        Assert.Equal(1.0, CodeSimilarity.Score(prediction, ["return x"]));
    }
}
