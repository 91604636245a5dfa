namespace EnergyGate.Core.Reporting;

/// <summary>
/// Text as a Markdown code span. Inside one, Markdown shows every character as it is (no HTML
/// entities: an encoded <c>&amp;quot;</c> would be shown literally), so values such as settings JSON
/// go here unencoded.
/// </summary>
internal static class MarkdownCode
{
    /// <summary>
    /// <c>`text`</c>, with a fence of more backticks than the longest run inside and a space of padding
    /// where the text starts or ends with a backtick (CommonMark's code span rules); line breaks become spaces; "(empty)" for empty text.
    /// </summary>
    public static string Inline(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return "(empty)";   // `` would be two literal backticks, not an empty span
        }
        text = text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
        var (longest, run) = (0, 0);
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        var pad = text.StartsWith('`') || text.EndsWith('`') ? " " : "";
        return fence + pad + text + pad + fence;
    }
}
