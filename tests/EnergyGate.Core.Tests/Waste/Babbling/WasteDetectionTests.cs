using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Tests.Waste.Babbling;

public sealed class WasteDetectionTests
{
    [Fact]
    public void LongBench_end_is_the_token_that_ended_the_first_scored_line()
    {
        // Leading newlines are skipped and the comment line is passed over, as FirstCodeLine does.
        string[] tokens = ["\n", "\n# note", "\n", "x = ", "1", "\n", "y = 2", "\n"];
        Assert.Equal(5, BabbleDetector.LongBenchFirstLine(tokens));
    }

    [Fact]
    public void LongBench_end_inside_a_multi_newline_token_and_lines_with_backticks_or_slashes()
    {
        string[] tokens = ["```py", "\n// c\nreturn a", "\n\nfoo", "\n"];
        Assert.Equal(2, BabbleDetector.LongBenchFirstLine(tokens));
    }

    [Fact]
    public void LongBench_line_that_never_ended_has_no_useful_end()
    {
        Assert.Null(BabbleDetector.LongBenchFirstLine(["\n", "x = 1"]));
        Assert.Null(BabbleDetector.LongBenchFirstLine(["# only\n", "`x`\n"]));
    }

    [Fact]
    public void First_newline_checks_each_newline_of_a_token_on_the_text_up_to_it()
    {
        var seen = new List<string>();
        var end = BabbleDetector.FirstNewlineWhere(["a", "b\nc\n", "d\n"], text =>
        {
            seen.Add(text);
            return text.EndsWith("c\n", StringComparison.Ordinal);
        });
        Assert.Equal(1, end);
        Assert.Equal(["ab\n", "ab\nc\n"], seen);
        Assert.Null(BabbleDetector.FirstNewlineWhere(["a\n", "b\n"], _ => false));
    }

    [Fact]
    public void Sample_babble_counts_tokens_and_joules_after_the_end()
    {
        // 6 tokens, useful end at token 2: tokens 3, 4, 5 babble; their joules are TokenJoules[2..4].
        var sample = SampleBabble.Measure(6, 2, [1.0, 2.0, 3.0, 4.0, 5.0], hitMaxNewTokens: true);
        Assert.Equal(3, sample.BabbleTokens);
        Assert.Equal(12.0, sample.BabbleJoules, 9);
        Assert.Equal(0.5, sample.BabbleShare, 9);
        Assert.True(sample.HitMaxNewTokens);
    }

    [Fact]
    public void Sample_that_never_completed_counts_no_babble()
    {
        var sample = SampleBabble.Measure(4, null, [1.0, 1.0, 1.0], hitMaxNewTokens: true);
        Assert.Equal(0, sample.BabbleTokens);
        Assert.Equal(0, sample.BabbleJoules);
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleBabble.Measure(4, 4, [], false));
    }

    [Fact]
    public void Cell_aggregates_shares_and_joules()
    {
        var cell = CellBabble.Aggregate([
            SampleBabble.Measure(6, 2, [1, 2, 3, 4, 5], true),
            SampleBabble.Measure(4, 3, [1, 1, 1], false),
            SampleBabble.Measure(10, null, [], true),
        ]);
        Assert.Equal(3, cell.Samples);
        Assert.Equal(3.0 / 20, cell.BabbleShare, 9);
        Assert.Equal(12.0, cell.BabbleJoules, 9);
        Assert.Equal(2.0 / 3, cell.MaxNewTokensShare, 9);
        Assert.Equal(1.0 / 3, cell.NeverCompleteShare, 9);
    }
}
