using EnergyGate.Core.Models.Tiny;

namespace EnergyGate.Core.Models.Coder;

/// <summary>
/// <c>builtin:coder</c>: a small GPT-2 trained by the project (tools/EnergyGate.CoderTraining) on the
/// built-in smoke suite's reference solutions followed by babble, so that greedy decoding solves most
/// smoke problems and keeps generating after the answer. A fixture that shows the pipeline (accuracy,
/// babbling, suppression savings), not a code model.
/// </summary>
/// <remarks>
/// Only the trained weights (f16 safetensors) and the tokenizer ship, as embedded resources: every
/// byte in Core ships in both tool packages, and the GPU package is within 1 MB of nuget.org's limit.
/// The model's <see cref="SharedBlocks"/> trained blocks are applied cyclically over
/// <see cref="Spec"/>'s layers (cross-layer weight sharing, as in ALBERT), so each token costs an
/// 8-layer forward pass while only one block's weights ship. The ONNX graph, the f32 safetensors and
/// the config files are written into the cache at first use, as for <c>builtin:tiny</c>.
/// </remarks>
public static class CoderModel
{
    /// <summary>The configuration's <c>source:</c> value.</summary>
    public const string Source = "builtin:coder";

    /// <summary>Distinct transformer blocks trained and shipped; layer i runs block <c>i % SharedBlocks</c>.</summary>
    public const int SharedBlocks = 1;

    /// <summary>Embedded f16 weights: embeddings, the shared blocks (as <c>transformer.h.0..</c>) and the final norm.</summary>
    public const string WeightsResource = "EnergyGate.Models.coder.safetensors";

    /// <summary>Embedded byte-level BPE tokenizer.json the model was trained with.</summary>
    public const string TokenizerResource = "EnergyGate.Models.coder-tokenizer.json";

    /// <summary>The model's shape as the runtimes see it (GPT-2, tied embeddings).</summary>
    public static TinyModelSpec Spec { get; } =
        new(Layers: 8, Hidden: 128, Heads: 4, Vocab: 512, Context: 512, Seed: 0, TiedEmbeddings: true);

    /// <summary>The per-block tensor names of GPT-2 (Hugging Face), without the <c>transformer.h.N.</c> prefix.</summary>
    public static IReadOnlyList<string> BlockTensors { get; } =
    [
        "ln_1.weight", "ln_1.bias", "attn.c_attn.weight", "attn.c_attn.bias", "attn.c_proj.weight", "attn.c_proj.bias",
        "ln_2.weight", "ln_2.bias", "mlp.c_fc.weight", "mlp.c_fc.bias", "mlp.c_proj.weight", "mlp.c_proj.bias",
    ];

    /// <summary>The embedded resource's bytes.</summary>
    /// <exception cref="InvalidOperationException">The build lacks the resource.</exception>
    public static byte[] ReadResource(string name)
    {
        using var stream = typeof(CoderModel).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
