using System.Text;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Tests.Generation.Fakes;

namespace EnergyGate.Core.Tests.Generation;

public sealed class IncrementalDetokenizerTests
{
    private static readonly int[] Prompt = ByteTokenizer.Bytes("def f():\n");

    private static List<string> AppendAll(IncrementalDetokenizer detokenizer, IEnumerable<int> ids) =>
        [.. ids.Select(detokenizer.Append)];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_ascii_token_releases_its_text(bool bytePath)
    {
        var detokenizer = new IncrementalDetokenizer(new ByteTokenizer { ExposesBytes = bytePath }, Prompt);
        Assert.Equal(["r", "e", "t"], AppendAll(detokenizer, ByteTokenizer.Bytes("ret")));
        Assert.Equal("ret", detokenizer.Text.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_character_split_across_tokens_is_held_until_complete(bool bytePath)
    {
        var detokenizer = new IncrementalDetokenizer(new ByteTokenizer { ExposesBytes = bytePath }, Prompt);
        // "é" is C3 A9, "🙂" is F0 9F 99 82: every byte its own token.
        Assert.Equal(["a", "", "é", "", "", "", "🙂", "b"], AppendAll(detokenizer, ByteTokenizer.Bytes("aé🙂b")));
        Assert.Equal("aé🙂b", detokenizer.Text.ToString());
        Assert.DoesNotContain('\uFFFD', detokenizer.Text.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Text_before_an_incomplete_character_is_released_at_once(bool bytePath)
    {
        var tokenizer = new ByteTokenizer { ExposesBytes = bytePath };
        var abAndHalf = tokenizer.AddPiece([(byte)'a', (byte)'b', 0xC3]);
        var detokenizer = new IncrementalDetokenizer(tokenizer, Prompt);
        Assert.Equal("ab", detokenizer.Append(abAndHalf));
        Assert.Equal("é", detokenizer.Append(0xA9));
        Assert.Equal("abé", detokenizer.Text.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Flush_releases_a_tail_that_never_completed(bool bytePath)
    {
        var detokenizer = new IncrementalDetokenizer(new ByteTokenizer { ExposesBytes = bytePath }, Prompt);
        Assert.Equal("", detokenizer.Append(0xE2));
        Assert.Equal("\uFFFD", detokenizer.Flush());
        Assert.Equal("", detokenizer.Flush());
    }

    [Fact]
    public void Decoding_stays_windowed_however_long_the_text_grows()
    {
        var tokenizer = new ByteTokenizer();
        var detokenizer = new IncrementalDetokenizer(tokenizer, Prompt);
        var text = string.Concat(Enumerable.Repeat("héllo wörld ", 200));
        foreach (var id in ByteTokenizer.Bytes(text))
            detokenizer.Append(id);
        Assert.Equal(text, detokenizer.Text.ToString());
        // Prompt context (5) + one token at the start; later windows hold a character's bytes at most.
        Assert.True(tokenizer.LongestDecode <= IncrementalDetokenizer.PromptContextTokens + 1, $"longest window {tokenizer.LongestDecode}");
        Assert.True(tokenizer.DecodeCalls <= 2 * Encoding.UTF8.GetByteCount(text) + 1);
    }

    [Fact]
    public void Prompt_context_keeps_the_leading_space_a_SentencePiece_decode_would_drop()
    {
        var tokenizer = new ByteTokenizer { DropsLeadingSpace = true };
        var world = tokenizer.AddPiece(" world");
        var withContext = new IncrementalDetokenizer(tokenizer, ByteTokenizer.Bytes("hello"));
        Assert.Equal(" world", withContext.Append(world));
        // Without context the first decoded run starts the text, and the space is lost.
        var bare = new IncrementalDetokenizer(tokenizer, []);
        Assert.Equal("world", bare.Append(world));
    }

    [Fact]
    public void The_byte_path_reads_each_token_once_and_never_decodes_a_window()
    {
        var tokenizer = new ByteTokenizer { ExposesBytes = true };
        var detokenizer = new IncrementalDetokenizer(tokenizer, Prompt);
        var ids = ByteTokenizer.Bytes(string.Concat(Enumerable.Repeat("héllo wörld ", 50)));
        foreach (var id in ids)
            detokenizer.Append(id);
        Assert.Equal(0, tokenizer.DecodeCalls);
        // One read per token, and one more for a token that starts a cut character: its text alone is
        // incomplete, so its bytes go to the carry (the tokens that complete it are read only there).
        var leads = ids.Count(id => id >= 0xC0);
        Assert.Equal(ids.Length + leads, tokenizer.TokenBytesCalls);
    }

    [Fact]
    public void The_byte_path_replaces_invalid_bytes_as_decode_does()
    {
        var tokenizer = new ByteTokenizer { ExposesBytes = true };
        var invalid = tokenizer.AddPiece([(byte)'x', 0xFF, (byte)'y']);
        var detokenizer = new IncrementalDetokenizer(tokenizer, Prompt);
        int[] ids = [invalid, 0xE2, 0x82, (byte)'z', 0xF0, 0x9F];
        var released = string.Concat(ids.Select(detokenizer.Append)) + detokenizer.Flush();
        Assert.Equal(tokenizer.Decode(ids), released);
        Assert.Equal(tokenizer.Decode(ids), detokenizer.Text.ToString());
    }

    [Fact]
    public void The_byte_path_is_not_taken_by_a_tokenizer_whose_decode_does_more()
    {
        var tokenizer = new ByteTokenizer { ExposesBytes = true, DropsLeadingSpace = true };
        var world = tokenizer.AddPiece(" world");
        var withContext = new IncrementalDetokenizer(tokenizer, ByteTokenizer.Bytes("hello"));
        Assert.Equal(" world", withContext.Append(world));
        Assert.True(tokenizer.DecodeCalls > 0);
    }
}
