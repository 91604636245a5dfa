using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Models.Coder;
using EnergyGate.Core.Models.Safetensors;
using EnergyGate.Core.Suites.Smoke;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Tests.TestSupport;
using EnergyGate.Runtimes.Torch;

namespace EnergyGate.Runtimes.Tests.Coder;

/// <summary>
/// builtin:coder materialised from its shipped f16 weights: deterministic files both runtimes load,
/// the same greedy tokens on ONNX Runtime and TorchSharp, and answers that are the smoke suite's
/// reference solutions followed by babble (greedy decoding of fixed weights is deterministic).
/// </summary>
public sealed class CoderModelTests(CoderModelFixture coder) : IClassFixture<CoderModelFixture>
{
    private const int Budget = 64;
    private static readonly OnnxSessionOptions Onnx = new() { IntraOpThreads = 1 };
    private static readonly TorchSessionOptions Torch = new() { Threads = 1 };

    private static readonly string[] Files =
        ["model.onnx", "model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json", "genai_config.json"];

    [Fact]
    public void Writing_twice_gives_identical_files_and_every_layer_runs_the_shared_block()
    {
        using var temp = new TempFolder();
        CoderModelWriter.Write(temp.Path);
        foreach (var file in Files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(coder.Folder, file)), File.ReadAllBytes(Path.Combine(temp.Path, file)));
        }

        Assert.Equal(Files.Order(), Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order());
        var weights = SafetensorsFile.Open(Path.Combine(coder.Folder, "model.safetensors"));
        Assert.All(weights.Entries.Values, e => Assert.Equal("F32", e.DType));
        var block = weights.ReadBytes("transformer.h.0.attn.c_attn.weight");
        for (int layer = 1; layer < CoderModel.Spec.Layers; layer++)
        {
            Assert.Equal(block, weights.ReadBytes($"transformer.h.{layer}.attn.c_attn.weight"));
        }

        // Widened from f16: every value is exactly representable in half precision.
        var floats = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(block.AsSpan());
        foreach (var value in floats)
        {
            Assert.Equal(value, (float)(Half)value);
        }
    }

    [Fact]
    public void Greedy_tokens_agree_on_onnx_and_torch_and_reproduce_the_reference_solutions()
    {
        var tokenizer = HuggingFaceTokenizer.Load(coder.Folder);
        using var onnx = OnnxDecoderSession.Open(coder.Folder, Onnx);
        using var torch = TorchDecoderSession.Open(coder.Folder, Torch);
        var reproduced = new List<string>();
        int babbling = 0;
        foreach (var problem in SmokeSuite.Load())
        {
            int[] prompt = [.. tokenizer.Encode(problem.Prompt)];
            var tokens = Decoding.Greedy(onnx, prompt, Budget);
            Assert.Equal(tokens, Decoding.Greedy(torch, prompt, Budget));
            var text = tokenizer.Decode(tokens);
            if (text.StartsWith(problem.CanonicalSolution, StringComparison.Ordinal))
            {
                reproduced.Add(problem.TaskId);
                // Then babble to the budget: blank lines, asserts, comments (is_perfect_number's answer leaves room for one newline).
                var rest = text[problem.CanonicalSolution.Length..];
                Assert.StartsWith("\n", rest, StringComparison.Ordinal);
                babbling += rest.Contains("\nassert ", StringComparison.Ordinal) || rest.Contains("\n# ", StringComparison.Ordinal) ? 1 : 0;
            }
            else
            {
                // run_length_encode's answer (87 tokens) is longer than the budget: cut inside it.
                Assert.StartsWith(text, problem.CanonicalSolution, StringComparison.Ordinal);
            }
        }

        Assert.Equal(SmokeSuite.Load().Select(p => p.TaskId).Where(id => id != "Smoke/1"), reproduced);
        Assert.Equal(10, babbling);
    }
}
