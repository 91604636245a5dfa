using System.Diagnostics;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Suites.HumanEval;
using EnergyGate.Core.Tests.TestSupport;
using Xunit.Abstractions;

namespace EnergyGate.Core.Tests.Tokenizers;

public sealed class TokenizerBehaviorTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("gpt2")]
    [InlineData("llama-bpe")]
    [InlineData("metaspace-bpe")]
    [InlineData("bytelevel-bpe")]
    public void Decode_of_a_cut_multi_byte_character_ends_in_the_replacement_character(string name)
    {
        var tokenizer = TokenizerFixtures.Load(name);
        var ids = tokenizer.Encode("ok 🎉");

        var cut = tokenizer.Decode(ids.Take(ids.Count - 1));

        Assert.EndsWith("\uFFFD", cut, StringComparison.Ordinal);
        Assert.EndsWith("🎉", tokenizer.Decode(ids), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpt2", new[] { 50256 }, 50256)]
    [InlineData("llama-bpe", new[] { 2, 487 }, 1)] // generation_config lists </s> and <fim_middle>
    [InlineData("bytelevel-bpe", new[] { 656 }, null)] // config.json only
    [InlineData("metaspace-bpe", new int[0], null)] // no config files
    public void End_and_beginning_of_sequence_ids_come_from_the_config_files(string name, int[] eos, int? bos)
    {
        var tokenizer = TokenizerFixtures.Load(name);

        Assert.Equal(eos, tokenizer.EndOfSequenceIds);
        Assert.Equal(bos, tokenizer.BeginningOfSequenceId);
    }

    [Fact]
    public void Added_tokens_are_matched_before_the_model()
    {
        var tokenizer = TokenizerFixtures.Load("gpt2");

        // <|endoftext|> is special; the 8-space run is a non-special added token of the CodeGen vocabulary.
        Assert.Equal([50256, 50280], tokenizer.Encode("<|endoftext|>        "));
    }

    [Fact]
    public void Vocabulary_size_covers_the_added_tokens()
    {
        Assert.Equal(50295, TokenizerFixtures.Load("gpt2").VocabularySize);
    }

    [Fact]
    public void Ids_the_tokenizer_does_not_know_are_skipped_when_decoding()
    {
        var tokenizer = TokenizerFixtures.Load("bytelevel-bpe");

        Assert.Equal("ab", tokenizer.Decode([97, 1_000_000, 98]));
    }

    [Fact]
    public void Encoding_all_HumanEval_prompts_takes_well_under_a_second()
    {
        var prompts = HumanEvalLoader.Load(RepoPaths.HumanEvalFile).Select(p => p.Prompt).ToList();
        foreach (var name in new[] { "gpt2", "llama-bpe" })
        {
            // A fresh instance, so the BPE word cache starts empty as it would in a run.
            var tokenizer = HuggingFaceTokenizer.Load(TokenizerFixtures.ModelDir(name));
            var clock = Stopwatch.StartNew();
            var ids = prompts.Sum(p => tokenizer.Encode(p).Count);
            clock.Stop();

            output.WriteLine($"{name}: {prompts.Count} prompts, {ids} ids in {clock.Elapsed.TotalMilliseconds:F0} ms");
            // About 0.1 s here on 2 shared cores; the bound leaves room for a loaded CI machine.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{name}: {clock.Elapsed.TotalMilliseconds:F0} ms");
        }
    }
}
