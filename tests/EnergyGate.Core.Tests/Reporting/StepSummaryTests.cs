using System.Text;
using EnergyGate.Core.Reporting;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>The report cut to GitHub's 1 MiB step-summary limit: UTF-8 bytes, whole characters, closed fences.</summary>
public sealed class StepSummaryTests
{
    private static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    [Fact]
    public void A_report_that_fits_is_appended_whole_with_a_final_newline()
    {
        var part = StepSummary.Fit("No significant change", usedBytes: 10, "out/report.md");
        Assert.Equal(new StepSummaryPart("No significant change\n", WasCut: false), part);
    }

    [Fact]
    public void A_cut_never_splits_a_character_and_stays_under_the_limit_beside_what_is_there()
    {
        // Three-byte characters and no line end: the cut must land between characters.
        var report = new string('€', 400_000);
        const long used = 200_000;

        var part = StepSummary.Fit(report, used, "out/report.md");

        Assert.True(part.WasCut);
        Assert.True(used + Bytes(part.Text) <= StepSummary.LimitBytes, $"{used + Bytes(part.Text)} bytes");
        var kept = part.Text[..part.Text.IndexOf('\n', StringComparison.Ordinal)];
        Assert.Equal(new string('€', kept.Length), kept);
        Assert.Equal(3 * kept.Length, Bytes(kept));
        Assert.True(Bytes(kept) > StepSummary.LimitBytes - used - StepSummary.ReserveBytes - 3);
        Assert.DoesNotContain('\uFFFD', part.Text);
        Assert.EndsWith(FormattableString.Invariant($"\n> Report truncated to {Bytes(kept):N0} of {Bytes(report) + 1:N0} bytes to stay under GitHub's 1 MiB step-summary limit; the whole report is out/report.md.\n"),
            part.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_inside_a_code_block_closes_the_fence_before_the_note()
    {
        var report = new StringBuilder("Energy regression in 1 of 1 cell\n\n```json\n");
        while (report.Length < StepSummary.LimitBytes)
        {
            report.Append("{\"line\": \"ünïcödé\"}\n");
        }
        report.Append("```\n\nafter the block\n");

        var part = StepSummary.Fit(report.ToString(), usedBytes: 0, "report.md");

        Assert.True(part.WasCut);
        Assert.True(Bytes(part.Text) <= StepSummary.LimitBytes);
        var noteAt = part.Text.IndexOf("\n> Report truncated", StringComparison.Ordinal);
        var body = part.Text[..noteAt];
        // Cut at a line end, then the fence closed, so the note is text and not code.
        Assert.EndsWith("\"}\n```\n", body, StringComparison.Ordinal);
        Assert.Equal(0, body.Split('\n').Count(l => l.StartsWith("```", StringComparison.Ordinal)) % 2);
        Assert.DoesNotContain("after the block", part.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_summary_gets_nothing()
    {
        var part = StepSummary.Fit("report", usedBytes: StepSummary.LimitBytes - 100, "report.md");
        Assert.Equal(new StepSummaryPart("", WasCut: true), part);
    }

    [Fact]
    public void Cut_utf8_backs_up_to_the_start_of_a_four_byte_character()
    {
        // "a" + U+1F600 (4 bytes) + "b": 3 bytes fit "a" and no more.
        var (kept, cut) = StepSummary.CutUtf8("a\U0001F600b", 3);
        Assert.True(cut);
        Assert.Equal("a", kept);
    }
}
