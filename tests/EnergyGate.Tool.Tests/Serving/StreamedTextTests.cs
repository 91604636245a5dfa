using EnergyGate.Tool.Serving;

namespace EnergyGate.Tool.Tests.Serving;

/// <summary>Streamed pieces never include text a stop string cuts, and add up to the completion.</summary>
public sealed class StreamedTextTests
{
    [Fact]
    public void Without_stop_strings_every_piece_goes_at_once()
    {
        var text = new StreamedText([]);
        Assert.Equal("ab", text.Append("ab"));
        Assert.Equal("\n", text.Append("\n"));
        Assert.Equal("", text.Finish("ab\n"));
    }

    [Fact]
    public void A_possible_start_of_a_stop_string_waits_for_the_next_token()
    {
        var text = new StreamedText(["\ndef"]);
        Assert.Equal("x = 1", text.Append("x = 1\n"));   // "\n" may begin "\ndef"
        Assert.Equal("", text.Append("d"));
        Assert.Equal("\ndo", text.Append("o"));          // "\ndo" is not "\ndef": released
        Assert.Equal("", text.Append("\nde"));
        Assert.Equal("", text.Append("f g"));            // the stop string: the generator stops here
        Assert.Equal("", text.Finish("x = 1\ndo"));      // the completion is cut before it
    }

    [Fact]
    public void A_held_tail_is_sent_when_generation_ends_for_another_reason()
    {
        var text = new StreamedText(["###"]);
        Assert.Equal("a", text.Append("a#"));
        Assert.Equal("", text.Append("#"));
        Assert.Equal("##", text.Finish("a##"));           // max tokens reached: the tail was never a stop string
    }

    [Fact]
    public void Pieces_add_up_to_the_completion_whatever_the_token_boundaries()
    {
        const string raw = "if a:\n    return b\nprint(c)\n";
        const string completion = "if a:\n    return b";
        for (var size = 1; size <= 5; size++)
        {
            var text = new StreamedText(["\nprint", "\nif"]);
            var sent = "";
            for (var i = 0; i < raw.Length; i += size)
            {
                sent += text.Append(raw.Substring(i, Math.Min(size, raw.Length - i)));
                if (raw[..Math.Min(raw.Length, i + size)].Contains("\nprint", StringComparison.Ordinal))
                {
                    break;
                }
            }
            sent += text.Finish(completion);
            Assert.Equal(completion, sent);
        }
    }
}
