using EnergyGate.Core;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Models.Gguf;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Core.Runtimes;
using EnergyGate.Runtimes.LlamaCpp;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Tests.TestSupport;
using EnergyGate.Runtimes.Tests.Torch;

namespace EnergyGate.Runtimes.Tests.LlamaCpp;

/// <summary>
/// llama.cpp on GGUF files written from the built-in models against ONNX Runtime on the same weights.
/// Exact settings (flash attention off, F32 KV cache, one thread) make the comparison about the
/// conversion, not about kernels that round differently.
/// </summary>
public sealed class LlamaCppParityTests(TinyModelFixture gpt2, TinyLlamaFixture llama) : IClassFixture<TinyModelFixture>, IClassFixture<TinyLlamaFixture>
{
    private static readonly LlamaCppRuntime Runtime = new();

    private static RuntimeSettings Exact(string quantization = "f32") => new(LlamaCppRuntime.Name, "cpu", 0, 1, false)
    {
        Options = new(StringComparer.Ordinal) { ["quantization"] = quantization, ["kv-cache-type"] = "f32", ["flash-attention"] = "off" },
    };

    private static LlamaCppDecoderSession Open(string folder, TinyModelSpec spec, RuntimeSettings settings)
    {
        var model = new ResolvedModel(new ModelSettings("tiny", ModelSettings.BuiltinTiny.Source, null), folder, spec);
        return (LlamaCppDecoderSession)Runtime.Open(Runtime.PrepareModel(model, settings), settings);
    }

    private static OnnxDecoderSession Onnx(string folder) => OnnxDecoderSession.Open(folder, new OnnxSessionOptions { IntraOpThreads = 1 });

    [Fact]
    public void Gpt2_in_f32_gives_onnx_greedy_tokens_for_64_new_tokens_on_5_prompts()
    {
        using var onnx = Onnx(gpt2.Folder);
        using var cpp = Open(gpt2.Folder, gpt2.Spec, Exact());
        foreach (var prompt in TorchOnnxParity.Prompts(gpt2.Spec.Vocab))
        {
            TorchOnnxParity.AssertSameGreedyTokens(onnx, cpp, prompt, 64);
        }
    }

    [Fact]
    public void Llama_in_f32_gives_onnx_greedy_tokens_for_64_new_tokens_on_5_prompts()
    {
        using var onnx = Onnx(llama.Folder);
        using var cpp = Open(llama.Folder, llama.Spec, Exact());
        foreach (var prompt in TorchOnnxParity.Prompts(llama.Spec.Vocab))
        {
            TorchOnnxParity.AssertSameGreedyTokens(onnx, cpp, prompt, 64);
        }
    }

    [Fact]
    public void Last_position_logits_agree_within_float_rounding_for_llama_and_the_fp16_gelu_table_for_gpt2()
    {
        // Llama: only summation order differs (measured 1.8e-6). GPT-2: ggml's CPU GELU reads an fp16
        // lookup table, about 1e-3 relative error per activation (measured 1.2e-3 on these logits).
        using (var onnx = Onnx(llama.Folder))
        using (var cpp = Open(llama.Folder, llama.Spec, Exact()))
        {
            var (prefill, decode) = TorchOnnxParity.MaxLogitDifference(onnx, cpp, TorchOnnxParity.Prompts(llama.Spec.Vocab)[3], 10);
            Assert.True(prefill <= 1e-4f && decode <= 1e-4f, $"llama: prefill {prefill}, decode {decode}");
        }
        using (var onnx = Onnx(gpt2.Folder))
        using (var cpp = Open(gpt2.Folder, gpt2.Spec, Exact()))
        {
            var (prefill, decode) = TorchOnnxParity.MaxLogitDifference(onnx, cpp, TorchOnnxParity.Prompts(gpt2.Spec.Vocab)[3], 10);
            Assert.True(prefill <= 1e-2f && decode <= 1e-2f, $"gpt2: prefill {prefill}, decode {decode}");
        }
    }

    [Theory]
    [InlineData("f16", GgufFileType.MostlyF16)]
    [InlineData("q8_0", GgufFileType.MostlyQ8_0)]
    [InlineData("q4_0", GgufFileType.MostlyQ4_0)]
    public void Each_quantization_is_written_once_into_the_model_folder_and_runs(string quantization, GgufFileType expected)
    {
        var settings = Exact(quantization);
        var model = new ResolvedModel(new ModelSettings("tiny", ModelSettings.BuiltinTiny.Source, null), llama.Folder, llama.Spec);
        var path = Runtime.PrepareModel(model, settings);
        Assert.Equal(Path.Combine(llama.Folder, $"model-{quantization}.gguf"), path);
        Assert.Equal(expected, GgufReader.ReadHeader(path).FileType);
        var written = File.GetLastWriteTimeUtc(path);
        Assert.Equal(path, Runtime.PrepareModel(model, settings));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));

        using var cpp = (LlamaCppDecoderSession)Runtime.Open(path, settings);
        var tokens = Decoding.Greedy(cpp, TorchOnnxParity.Prompts(llama.Spec.Vocab)[2], 16);
        Assert.Equal(16, tokens.Count);
        Assert.All(tokens, t => Assert.InRange(t, 0, llama.Spec.Vocab - 1));
        Assert.All(cpp.Prefill([1, 2, 3]).ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void A_gguf_file_as_the_model_source_brings_its_tokenizer_context_and_hash()
    {
        var path = Runtime.PrepareModel(new ResolvedModel(new ModelSettings("tiny", ModelSettings.BuiltinTiny.Source, null), gpt2.Folder, gpt2.Spec), Exact());
        var facts = Runtime.ReadModelFile(path)!;
        var tool = HuggingFaceTokenizer.Load(gpt2.Folder);
        foreach (var text in new[] { "def add(a, b):\n    return a + b\n", "    if x < 0:\n\t\treturn -x  # négatif", "print('héllo wörld')<|endoftext|>" })
        {
            Assert.Equal(tool.Encode(text), facts.Tokenizer.Encode(text));
            Assert.Equal(tool.Decode(tool.Encode(text)), facts.Tokenizer.Decode(facts.Tokenizer.Encode(text)));
            Assert.Equal(text, facts.Tokenizer.Decode(facts.Tokenizer.Encode(text)));
        }
        Assert.Equal(tool.EndOfSequenceIds, facts.Tokenizer.EndOfSequenceIds);
        Assert.Equal(gpt2.Spec.Context, facts.ContextLength);
        Assert.Equal(64, facts.WeightsHash.Length);
        (facts.Tokenizer as IDisposable)?.Dispose();
    }

    [Fact]
    public void A_truncated_gguf_file_is_refused_with_the_file_named()
    {
        using var temp = new TempFolder();
        var whole = Runtime.PrepareModel(new ResolvedModel(new ModelSettings("tiny", ModelSettings.BuiltinTiny.Source, null), gpt2.Folder, gpt2.Spec), Exact());
        var cut = Path.Combine(temp.Path, "cut.gguf");
        File.WriteAllBytes(cut, File.ReadAllBytes(whole)[..4096]);
        var e = Assert.Throws<EnergyGateException>(() => Runtime.ReadModelFile(cut));
        Assert.Contains("cut.gguf", e.Message, StringComparison.Ordinal);
        Assert.Contains("EG2002", Assert.Throws<EnergyGateException>(() => Runtime.Open(cut, Exact())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_work_shape_of_a_gguf_file_equals_the_folder_s_and_counts_the_quantized_bytes()
    {
        foreach (var (folder, spec) in new[] { (gpt2.Folder, gpt2.Spec), (llama.Folder, llama.Spec) })
        {
            var model = new ResolvedModel(new ModelSettings("tiny", ModelSettings.BuiltinTiny.Source, null), folder, spec);
            var expected = Core.Work.WorkShapeReader.Read(folder)!;
            var f32 = Runtime.ReadWorkShape(model, Runtime.PrepareModel(model, Exact()), Exact())!;
            Assert.Equal((expected.BlockMatmulWeights, expected.HeadMatmulWeights, expected.AttentionWidth, expected.KvWidth),
                (f32.BlockMatmulWeights, f32.HeadMatmulWeights, f32.AttentionWidth, f32.KvWidth));
            Assert.Equal(4, f32.KvElementBytes);
            // The file holds every weight once at 4 bytes (the folder's figure counts the same).
            Assert.Equal(expected.WeightBytes, f32.WeightBytes);

            // A user's GGUF file (no folder to read) gets the same shape from its header alone.
            var asFile = new ResolvedModel(new ModelSettings("user", Runtime.PrepareModel(model, Exact()), null), Runtime.PrepareModel(model, Exact()), null);
            Assert.Equal(f32, Runtime.ReadWorkShape(asFile, asFile.Path, Exact()));

            var q4 = Runtime.ReadWorkShape(model, Runtime.PrepareModel(model, Exact("q4_0")), Exact("q4_0"))!;
            Assert.Equal(f32.BlockMatmulWeights, q4.BlockMatmulWeights);
            Assert.InRange(q4.WeightBytes, 1, f32.WeightBytes / 2);

            // A Q8_0 KV cache stores 34 bytes per 32 elements: a position's keys and values over all layers.
            var q8Cache = new RuntimeSettings(LlamaCppRuntime.Name, "cpu", 0, 1, false) { Options = new(StringComparer.Ordinal) { ["kv-cache-type"] = "q8_0" } };
            var cached = Runtime.ReadWorkShape(model, Runtime.PrepareModel(model, q8Cache), q8Cache)!;
            Assert.Equal(2 * f32.KvWidth * 34 / 32, cached.KvBytesPerPosition);
        }
    }

    [Fact]
    public void The_version_is_the_llamasharp_package_the_build_referenced()
    {
        // LLamaSharp's assembly has no version of its own; an "unknown" here would make every run's
        // fingerprint blind to an upgrade of llama.cpp.
        Assert.Matches(@"^LLamaSharp \d+\.\d+\.\d+", Runtime.Version);
    }

    [Fact]
    public void A_user_folder_without_a_gguf_file_says_how_to_convert_it()
    {
        using var temp = new TempFolder();
        var model = new ResolvedModel(new ModelSettings("mine", temp.Path, null), temp.Path, null);
        var e = Assert.Throws<EnergyGateException>(() => Runtime.PrepareModel(model, Exact()));
        Assert.Contains("has no .gguf file", e.Message, StringComparison.Ordinal);
        Assert.Contains("convert_hf_to_gguf.py", e.Message, StringComparison.Ordinal);
    }
}
