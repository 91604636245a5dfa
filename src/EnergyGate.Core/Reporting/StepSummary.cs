using System.Text;

namespace EnergyGate.Core.Reporting;

/// <summary>What to append to a GitHub Actions step summary, and whether the report had to be cut.</summary>
/// <param name="Text">The text to append; empty when there is no room at all.</param>
/// <param name="WasCut">True when only part of the report fits (the text then ends with a note).</param>
public sealed record StepSummaryPart(string Text, bool WasCut);

/// <summary>
/// Fits the Markdown report into <c>$GITHUB_STEP_SUMMARY</c>. GitHub refuses a step summary over
/// 1 MiB (and then shows none of it), so the report is cut to what fits beside what earlier steps
/// wrote, counted in UTF-8 bytes, never inside a multi-byte character, at a line end where one is
/// near, with an open code fence closed (else the note would be swallowed into the code block) and a
/// visible note saying where the whole report is. The same rules as the action's step_summary.py.
/// </summary>
public static class StepSummary
{
    /// <summary>GitHub's limit on one step's summary, in bytes.</summary>
    public const int LimitBytes = 1024 * 1024;

    /// <summary>Room kept for the note and for closing a code fence left open by the cut.</summary>
    public const int ReserveBytes = 1024;

    /// <summary>How far back from the cut a line end is looked for.</summary>
    private const int LineSearchBytes = 4096;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The part of <paramref name="report"/> to append to a summary file already <paramref name="usedBytes"/>
    /// long; <paramref name="wholeReport"/> names where the uncut report is, for the note.
    /// </summary>
    public static StepSummaryPart Fit(string report, long usedBytes, string wholeReport)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(wholeReport);
        var text = report.EndsWith('\n') ? report : report + "\n";
        var budget = LimitBytes - usedBytes - ReserveBytes;
        if (budget <= 0)
        {
            return new StepSummaryPart("", WasCut: true);
        }
        var (kept, wasCut) = CutUtf8(text, (int)budget);
        if (!wasCut)
        {
            return new StepSummaryPart(kept, WasCut: false);
        }
        var note = Format.Inv($"\n> Report truncated to {Utf8.GetByteCount(kept):N0} of {Utf8.GetByteCount(text):N0} bytes to stay under GitHub's 1 MiB step-summary limit; the whole report is {wholeReport}.\n");
        return new StepSummaryPart(CloseFences(kept) + note, WasCut: true);
    }

    /// <summary>
    /// The longest prefix of <paramref name="text"/> whose UTF-8 encoding fits <paramref name="maxBytes"/>,
    /// ending at a line end within the last 4 KiB where there is one.
    /// </summary>
    public static (string Kept, bool WasCut) CutUtf8(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var data = Utf8.GetBytes(text);
        if (data.Length <= maxBytes)
        {
            return (text, false);
        }
        var end = Math.Max(0, maxBytes);
        // 0b10xxxxxx bytes continue a character: back up to the start of one.
        while (end > 0 && (data[end] & 0xC0) == 0x80)
        {
            end--;
        }
        if (end > 0)
        {
            var from = Math.Max(0, end - LineSearchBytes);
            var newline = Array.LastIndexOf(data, (byte)'\n', end - 1, end - from);
            if (newline > 0)
            {
                end = newline + 1;
            }
        }
        return (Utf8.GetString(data, 0, end), true);
    }

    /// <summary>Closes a ``` fence the cut left open: an odd number of fence lines means one is.</summary>
    public static string CloseFences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fences = text.Split('\n').Count(line => line.TrimStart().StartsWith("```", StringComparison.Ordinal));
        if (fences % 2 == 0)
        {
            return text;
        }
        return text + (text.EndsWith('\n') ? "" : "\n") + "```\n";
    }
}
