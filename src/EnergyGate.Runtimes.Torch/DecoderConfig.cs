namespace EnergyGate.Runtimes.Torch;

/// <summary>The decoder families the TorchSharp runtime implements.</summary>
public enum DecoderFamily
{
    /// <summary>GPT-2: learned positions, LayerNorm, fused QKV Conv1D, GELU (tanh) MLP.</summary>
    Gpt2,

    /// <summary>Llama and its relatives (CodeLlama, Mistral, Qwen2, DeepSeek-Coder): RMSNorm, RoPE, GQA, SwiGLU.</summary>
    Llama,
}

/// <summary>
/// A decoder's shape and numerics, read from a Hugging Face <c>config.json</c> by <see cref="HfConfigReader"/>.
/// </summary>
/// <param name="Family">Which forward pass to run.</param>
/// <param name="ModelType">config.json's <c>model_type</c>, for messages.</param>
/// <param name="VocabSize">Rows of the embedding and the LM head.</param>
/// <param name="Hidden">Residual width.</param>
/// <param name="Layers">Transformer blocks.</param>
/// <param name="Heads">Query heads.</param>
/// <param name="KvHeads">Key/value heads (fewer than <paramref name="Heads"/> with grouped-query attention).</param>
/// <param name="HeadDim">Width of one head.</param>
/// <param name="Intermediate">MLP width.</param>
/// <param name="MaxPositions">Longest sequence the model was configured for.</param>
/// <param name="NormEpsilon">LayerNorm / RMSNorm epsilon.</param>
/// <param name="TiedEmbeddings">The LM head reuses the token embedding.</param>
/// <param name="AttentionBias">q/k/v projections carry biases (Qwen2 always; Llama when <c>attention_bias</c>).</param>
/// <param name="Rope">Rotary embedding settings; null for GPT-2.</param>
public sealed record DecoderConfig(
    DecoderFamily Family, string ModelType, int VocabSize, int Hidden, int Layers, int Heads, int KvHeads, int HeadDim,
    int Intermediate, int MaxPositions, double NormEpsilon, bool TiedEmbeddings, bool AttentionBias, RopeSettings? Rope);

/// <summary>Rotary position embedding settings (config.json <c>rope_theta</c> and <c>rope_scaling</c>).</summary>
/// <param name="Theta">Base of the frequencies.</param>
/// <param name="Scaling"><c>default</c>, <c>linear</c>, <c>dynamic</c> or <c>llama3</c>.</param>
/// <param name="Factor">Scaling factor (1 for <c>default</c>).</param>
/// <param name="OriginalMaxPositions">Context the model was trained with (dynamic and llama3).</param>
/// <param name="LowFreqFactor">llama3: wavelengths above original/low are scaled fully.</param>
/// <param name="HighFreqFactor">llama3: wavelengths below original/high are kept.</param>
public sealed record RopeSettings(
    double Theta, string Scaling = "default", double Factor = 1, int OriginalMaxPositions = 0,
    double LowFreqFactor = 1, double HighFreqFactor = 4);
