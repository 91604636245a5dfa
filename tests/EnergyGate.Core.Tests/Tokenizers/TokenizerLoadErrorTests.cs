using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Tokenizers;

/// <summary>A broken model folder is a message naming the file and the field, never a raw exception.</summary>
public sealed class TokenizerLoadErrorTests
{
    private const string Minimal = """
        {"model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}}
        """;

    [Fact]
    public void A_minimal_file_loads()
    {
        using var dir = Folder(Minimal);

        Assert.Equal([2, 0], HuggingFaceTokenizer.Load(dir.Path).Encode("aba"));
    }

    [Fact]
    public void Missing_tokenizer_json_names_the_file()
    {
        using var dir = new TempDir();

        var error = Assert.Throws<EnergyGateException>(() => HuggingFaceTokenizer.Load(dir.Path));

        Assert.Contains(Path.Combine(dir.Path, "tokenizer.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_json_names_the_file()
    {
        using var dir = Folder("{\"model\": {");

        var error = Assert.Throws<EnergyGateException>(() => HuggingFaceTokenizer.Load(dir.Path));

        Assert.Contains("tokenizer.json: not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model": {"type": "WordPiece", "vocab": {}}}""", "tokenizer.json: model.type \"WordPiece\" is not supported; supported: BPE")]
    [InlineData("""{"model": {"type": "Unigram", "vocab": []}}""", "model.type \"Unigram\" is not supported")]
    [InlineData("""{"model": {"type": "BPE", "merges": []}}""", "tokenizer.json: model.vocab is missing")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": "x"}, "merges": []}}""", "model.vocab[\"a\"] must be a non-negative integer")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": [7]}}""", "model.merges[0] must be \"left right\" or [\"left\", \"right\"]")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": [], "unk_token": "<unk>"}}""", "model.unk_token \"<unk>\" is not in model.vocab")]
    [InlineData("""{"pre_tokenizer": {"type": "BertPreTokenizer"}, "model": {"type": "BPE", "vocab": {}, "merges": []}}""", "pre_tokenizer.type \"BertPreTokenizer\" is not supported; supported: ByteLevel")]
    [InlineData("""{"normalizer": {"type": "Sequence", "normalizers": [{"type": "Precompiled"}]}, "model": {"type": "BPE", "vocab": {}, "merges": []}}""", "normalizer.normalizers[0].type \"Precompiled\" is not supported")]
    [InlineData("""{"decoder": {"type": "WordPiece"}, "model": {"type": "BPE", "vocab": {}, "merges": []}}""", "decoder.type \"WordPiece\" is not supported")]
    [InlineData("""{"added_tokens": [{"content": "<x>"}], "model": {"type": "BPE", "vocab": {}, "merges": []}}""", "added_tokens[0].id is missing")]
    public void Malformed_or_unsupported_fields_are_named(string json, string expected)
    {
        using var dir = Folder(json);

        var error = Assert.Throws<EnergyGateException>(() => HuggingFaceTokenizer.Load(dir.Path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eos_token_missing_from_the_vocabulary_names_tokenizer_config()
    {
        using var dir = Folder(Minimal);
        File.WriteAllText(dir.File("tokenizer_config.json"), """{"eos_token": "</s>"}""");

        var error = Assert.Throws<EnergyGateException>(() => HuggingFaceTokenizer.Load(dir.Path));

        Assert.Contains("tokenizer_config.json: eos_token \"</s>\" is not a token of tokenizer.json", error.Message, StringComparison.Ordinal);
    }

    private static TempDir Folder(string tokenizerJson)
    {
        var dir = new TempDir();
        File.WriteAllText(dir.File("tokenizer.json"), tokenizerJson);
        return dir;
    }
}
