using EnergyGate.Core.Models.Hub;

namespace EnergyGate.Core.Tests.Models.Hub;

public sealed class HubSourceTests
{
    [Theory]
    [InlineData("hf:Qwen/Qwen2.5-Coder-1.5B-Instruct@main", "Qwen/Qwen2.5-Coder-1.5B-Instruct", "main", false)]
    [InlineData("hf:acme/m@0123456789abcdef0123456789abcdef01234567", "acme/m", "0123456789abcdef0123456789abcdef01234567", true)]
    [InlineData("hf:acme/m@release/v1.2", "acme/m", "release/v1.2", false)]
    public void ParsesRepositoryAndRevision(string text, string repo, string revision, bool pinned)
    {
        var source = HubSource.Parse(text);

        Assert.Equal(repo, source.Repo);
        Assert.Equal(revision, source.Revision);
        Assert.Equal(pinned, source.IsPinned);
        Assert.Equal(text, source.ToString());
    }

    [Theory]
    [InlineData("hf:acme/m", "expected `hf:OWNER/NAME@REVISION`")]
    [InlineData("hf:m@main", "expected `hf:OWNER/NAME@REVISION`")]
    [InlineData("hf:acme/m@", "expected `hf:OWNER/NAME@REVISION`")]
    [InlineData("hf:acme/../m@main", "expected `hf:OWNER/NAME@REVISION`")]
    [InlineData("hf:acme/m@0123456789ABCDEF0123456789ABCDEF01234567", "must be lower-case hex")]
    public void RejectsMalformedSources(string text, string message)
    {
        Assert.Null(HubSource.TryParse(text, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*.json", "config.json", true)]
    [InlineData("*.json", "onnx/config.json", false)]
    [InlineData("onnx/model_q4.onnx*", "onnx/model_q4.onnx_data", true)]
    [InlineData("onnx/model_q4.onnx*", "onnx/model_q4f16.onnx", false)]
    [InlineData("**/*.gguf", "q4/model-Q4_K_M.gguf", true)]
    [InlineData("**/*.gguf", "model.gguf", true)]
    [InlineData("model-?.safetensors", "model-1.safetensors", true)]
    public void GlobsMatchWholePathsWithStarsInsideOneFolder(string glob, string path, bool matches) =>
        Assert.Equal(matches, HubFileSelection.ToRegex(glob).IsMatch(path));

    [Fact]
    public void DefaultsTakeModelFilesButNoGgufOrPytorchBins()
    {
        HubFile F(string p) => new(p, 1, null, null);
        var all = new[] { F("config.json"), F("model-00001-of-00002.safetensors"), F("model.safetensors.index.json"), F("pytorch_model.bin"), F("model.Q4_K_M.gguf"), F("README.md"), F("tokenizer.json"), F("onnx/model.onnx"), F("merges.txt") };

        var picked = HubFileSelection.Select(all, null).Select(f => f.Path);

        Assert.Equal(["config.json", "merges.txt", "model-00001-of-00002.safetensors", "model.safetensors.index.json", "onnx/model.onnx", "tokenizer.json"], picked);
    }

    [Fact]
    public void AModelArgumentOnTheHubIsNamedAfterItsRepository()
    {
        var model = EnergyGate.Core.Models.ModelLocator.FromArgument("hf:acme/tiny-coder@main");

        Assert.Equal("tiny-coder", model.Name);
        Assert.Equal("hf:acme/tiny-coder@main", model.Source);
        Assert.Throws<EnergyGateException>(() => EnergyGate.Core.Models.ModelLocator.FromArgument("hf:acme"));
    }

    [Fact]
    public void EnvironmentGivesEndpointAndOfflineMode()
    {
        var env = new Dictionary<string, string> { ["HF_ENDPOINT"] = "http://mirror.example:8080/hub", ["HF_HUB_OFFLINE"] = "true" };

        var options = HubOptions.FromEnvironment(env.GetValueOrDefault);

        Assert.Equal("http://mirror.example:8080/hub/", options.Endpoint.AbsoluteUri);
        Assert.True(options.Offline);
        Assert.Equal(HubOptions.DefaultEndpoint, HubOptions.FromEnvironment(_ => null).Endpoint);
        Assert.False(HubOptions.FromEnvironment(_ => null).Offline);
        Assert.Contains("HF_ENDPOINT='ftp://x' is not an http(s) URL", Assert.Throws<EnergyGateException>(() => HubOptions.FromEnvironment(v => v == "HF_ENDPOINT" ? "ftp://x" : null)).Message, StringComparison.Ordinal);
    }
}
