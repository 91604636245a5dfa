using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Runtimes;
using EnergyGate.Core.Suites.Smoke;
using EnergyGate.Runtimes.LlamaCpp;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Tests.TestSupport;

namespace EnergyGate.Runtimes.Tests.Coder;

/// <summary>
/// builtin:coder on llama.cpp through the GGUF file written from the same embedded weights
/// (exact settings: F32 weights and KV cache, flash attention off, one thread).
/// </summary>
public sealed class CoderLlamaCppTests(CoderModelFixture coder) : IClassFixture<CoderModelFixture>
{
    [Fact]
    public void The_gguf_conversion_gives_onnx_greedy_tokens_on_the_smoke_prompts()
    {
        var runtime = new LlamaCppRuntime();
        var settings = new RuntimeSettings(LlamaCppRuntime.Name, "cpu", 0, 1, false)
        {
            Options = new(StringComparer.Ordinal) { ["quantization"] = "f32", ["kv-cache-type"] = "f32", ["flash-attention"] = "off" },
        };
        var path = runtime.PrepareModel(new ResolvedModel(ModelSettings.BuiltinCoder, coder.Folder, null), settings);
        Assert.Equal(Path.Combine(coder.Folder, "model-f32.gguf"), path);
        using var cpp = runtime.Open(path, settings);
        using var onnx = OnnxDecoderSession.Open(coder.Folder, new OnnxSessionOptions { IntraOpThreads = 1 });
        var tokenizer = HuggingFaceTokenizer.Load(coder.Folder);
        foreach (var problem in SmokeSuite.Load().Take(3))
        {
            int[] prompt = [.. tokenizer.Encode(problem.Prompt)];
            Assert.Equal(Decoding.Greedy(onnx, prompt, 64), Decoding.Greedy(cpp, prompt, 64));
        }
    }
}
