using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Tokenizers;

namespace EnergyGate.Core.Tests.Tokenizers;

/// <summary>
/// Incremental detokenization over the real tokenizers: the byte path (byte-level decoders) and the
/// windowed path (everything else, and any tokenizer hidden behind <see cref="WindowOnly"/>) must
/// release, token by token, exactly the text HF decoded for every fixture.
/// </summary>
public sealed class IncrementalDecodeParityTests
{
    public static TheoryData<string> Names => ["gpt2", "llama-bpe", "metaspace-bpe", "bytelevel-bpe", "split-bytelevel-bpe"];

    [Theory]
    [InlineData("gpt2", true)]
    [InlineData("bytelevel-bpe", true)]
    [InlineData("split-bytelevel-bpe", true)]
    [InlineData("llama-bpe", false)]
    [InlineData("metaspace-bpe", false)]
    public void Only_ByteLevel_decoders_offer_token_bytes(string name, bool byteLevel) =>
        Assert.Equal(byteLevel, TokenizerFixtures.Load(name).DecodesTokenBytes);

    [Theory]
    [MemberData(nameof(Names))]
    public void Both_paths_release_the_HF_text_of_every_fixture_as_a_completion(string name)
    {
        var tokenizer = TokenizerFixtures.Load(name);
        var prompt = tokenizer.Encode("def f(x):\n    ");
        foreach (var row in TokenizerFixtures.Rows(name).Where(r => r.Ids.Length > 0))
        {
            // A completion never starts a decode, so SentencePiece's dropped leading space is not expected there.
            var expected = tokenizer.Decode([.. prompt, .. row.Ids])[tokenizer.Decode(prompt).Length..];
            foreach (var source in new ITextTokenizer[] { tokenizer, new WindowOnly(tokenizer) })
            {
                var detokenizer = new IncrementalDetokenizer(source, prompt);
                var released = string.Concat(row.Ids.Select(detokenizer.Append)) + detokenizer.Flush();
                Assert.True(expected == released, $"{name} ({source.GetType().Name}): {row.Text} released as {released}");
                Assert.Equal(released, detokenizer.Text.ToString());
            }
        }
    }

    [Theory]
    [InlineData("gpt2")]
    [InlineData("bytelevel-bpe")]
    public void The_byte_path_equals_Decode_for_random_ids_cut_characters_and_invalid_bytes_included(string name)
    {
        var tokenizer = TokenizerFixtures.Load(name);
        var random = new Random(7);
        for (var run = 0; run < 50; run++)
        {
            var ids = Enumerable.Range(0, 40).Select(_ => random.Next(tokenizer.VocabularySize + 3)).ToArray();
            var detokenizer = new IncrementalDetokenizer(tokenizer, [1, 2, 3]);
            var released = string.Concat(ids.Select(detokenizer.Append)) + detokenizer.Flush();
            Assert.Equal(tokenizer.Decode(ids), released);
        }
    }

    [Fact]
    public void Token_bytes_of_a_non_byte_level_tokenizer_are_refused()
    {
        var tokenizer = TokenizerFixtures.Load("llama-bpe");
        Assert.Throws<InvalidOperationException>(() => tokenizer.TokenBytes(5).Length);
    }

    /// <summary>The same tokenizer without its <see cref="ITokenByteSource"/> face: the detokenizer decodes windows.</summary>
    private sealed class WindowOnly(ITextTokenizer inner) : ITextTokenizer
    {
        public IReadOnlyList<int> Encode(string text) => inner.Encode(text);

        public string Decode(IEnumerable<int> ids) => inner.Decode(ids);

        public IReadOnlyList<int> EndOfSequenceIds => inner.EndOfSequenceIds;
    }
}
