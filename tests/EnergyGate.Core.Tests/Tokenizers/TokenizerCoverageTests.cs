using EnergyGate.Core.Models;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Tokenizers;

/// <summary>A tokenizer must decode every id its model can produce; padded vocabularies of real models still pass.</summary>
public sealed class TokenizerCoverageTests
{
    [Theory]
    // (tokenizer ids incl. added tokens, config vocab_size) as published on the Hugging Face hub.
    [InlineData(151_665, 151_936)]   // Qwen2.5-Coder-7B
    [InlineData(151_665, 152_064)]   // Qwen2.5-72B
    [InlineData(50_295, 51_200)]     // microsoft/phi-2
    [InlineData(50_257, 50_400)]     // EleutherAI/gpt-j-6b
    [InlineData(32_022, 32_256)]     // deepseek-coder-6.7b
    [InlineData(32_011, 32_064)]     // Phi-3-mini
    [InlineData(32_016, 32_016)]     // CodeLlama-7b
    [InlineData(50_295, 1_000)]      // ../shared/models/tiny-random-gpt2: the tokenizer is the larger one
    public void Real_and_padded_vocabularies_pass(int tokenizerIds, int modelIds) =>
        Assert.Null(TokenizerCoverage.Problem(tokenizerIds, "tokenizer.json", modelIds, "config.json vocab_size"));

    [Fact]
    public void A_tokenizer_far_smaller_than_the_model_is_refused_naming_both_numbers_and_files()
    {
        Assert.Equal(
            "EG2051: the tokenizer /m/tokenizer.json has 1,000 ids but the model (/m/model.onnx logits) produces 50,257: "
            + "ids 1,000 and above would decode to nothing, so completions would lose text. This tokenizer belongs to a smaller model; "
            + "put the model's own tokenizer.json beside it (padding explains a vocabulary of at most 1,024, the tokenizer's ids rounded up to a multiple of 1024).",
            TokenizerCoverage.Problem(1_000, "/m/tokenizer.json", 50_257, "/m/model.onnx logits"));
        Assert.NotNull(TokenizerCoverage.Problem(50_257, "t", 51_201, "m"));   // one past the padding allowance
    }

    [Fact]
    public void Ensure_reads_the_folders_tokenizer_json_with_its_added_tokens()
    {
        using var dir = new TempDir();
        TinyModelWriter.Write(dir.Path, new TinyModelSpec(Layers: 1, Hidden: 16, Heads: 2, Vocab: 300, Context: 32));

        TokenizerCoverage.Ensure(dir.Path, 300, "model");
        TokenizerCoverage.Ensure(dir.Path, 1024, "model");
        var ex = Assert.Throws<EnergyGateException>(() => TokenizerCoverage.Ensure(dir.Path, 1025, "model"));
        Assert.StartsWith($"EG2051: the tokenizer {dir.File("tokenizer.json")} has 300 ids but the model (model) produces 1,025:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_a_tokenizer_passes()
    {
        using var dir = new TempDir();
        TokenizerCoverage.Ensure(dir.Path, 50_000, "model");
    }
}
