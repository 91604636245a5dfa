using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Suites.LongBench;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites.LongBench;

/// <summary>
/// pred.py's middle truncation with the small byte-level tokenizer. Its merges never touch the
/// capitals used here (B C D G H J K M N O), so each of them is exactly one token and the expected
/// head and tail can be written down by hand.
/// </summary>
public sealed class LongBenchTruncateTests
{
    private const string TenTokens = "BCDGHJKMNO";
    private const int EndOfText = 656;

    private static readonly HuggingFaceTokenizer Tokenizer =
        HuggingFaceTokenizer.Load(Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "tokenizers", "bytelevel-bpe"));

    [Fact]
    public void Premise_each_capital_is_one_token()
    {
        Assert.Equal(10, Tokenizer.Encode(TenTokens).Count);
    }

    [Theory]
    [InlineData(6, "BCDMNO")]
    [InlineData(7, "BCDMNO")] // odd: int(7/2) = 3 from each end, one token fewer than the limit
    [InlineData(8, "BCDGKMNO")]
    [InlineData(9, "BCDGKMNO")]
    [InlineData(2, "BO")]
    [InlineData(3, "BO")]
    public void Keeps_half_the_limit_from_each_end(int maxPromptTokens, string expected)
    {
        Assert.Equal(expected, LongBenchPrompt.Truncate(TenTokens, Tokenizer, maxPromptTokens));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(4096)]
    public void Prompt_at_or_under_the_limit_is_returned_unchanged(int maxPromptTokens)
    {
        Assert.Same(TenTokens, LongBenchPrompt.Truncate(TenTokens, Tokenizer, maxPromptTokens));
    }

    [Fact]
    public void Halves_are_decoded_separately_so_a_cut_character_becomes_replacement_characters()
    {
        // "é" is two byte tokens (C3 A9); a limit of 8 cuts between them at the head, 6 at the tail.
        const string text = "BCDéGHJKM"; // B C D C3 A9 G H J K M: 10 tokens
        const string tailCut = "BCDGHJéKM"; // B C D G H J C3 A9 K M

        Assert.Equal("BCD\uFFFDHJKM", LongBenchPrompt.Truncate(text, Tokenizer, 8));
        Assert.Equal("BCD\uFFFDKM", LongBenchPrompt.Truncate(tailCut, Tokenizer, 6));
    }

    [Fact]
    public void Special_tokens_are_skipped_when_the_halves_are_decoded()
    {
        // skip_special_tokens=True: the end-of-text token in the head is dropped from the text.
        const string text = "<|endoftext|>BCDGHJK"; // 656 B C D G H J K: 8 tokens

        Assert.Equal("BCHJK", LongBenchPrompt.Truncate(text, Tokenizer, 6));
        Assert.Same(text, LongBenchPrompt.Truncate(text, Tokenizer, 8));
    }

    [Fact]
    public void A_bos_the_tokenizer_adds_counts_towards_the_limit_and_takes_a_head_place()
    {
        // Like a Llama tokenizer call in pred.py: [bos] + 10 ids = 11 > 10, half = 5, bos decoded away.
        Assert.Equal("BCDGJKMNO", LongBenchPrompt.Truncate(TenTokens, Tokenizer, 10, bosId: EndOfText));
        Assert.Same(TenTokens, LongBenchPrompt.Truncate(TenTokens, Tokenizer, 11, bosId: EndOfText));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_limit_under_two_is_rejected(int maxPromptTokens)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LongBenchPrompt.Truncate(TenTokens, Tokenizer, maxPromptTokens));
    }
}
