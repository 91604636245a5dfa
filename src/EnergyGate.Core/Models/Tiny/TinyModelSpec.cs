using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EnergyGate.Core.Models.Tiny;

/// <summary>
/// Shape and seed of the built-in random-weight GPT-2 decoder. The defaults make a ~0.4 M-parameter
/// model for mechanics tests; e.g. <c>new TinyModelSpec(Layers: 8, Hidden: 512, Vocab: 4096)</c>
/// makes a ~30 M-parameter one that is compute-bound on a CPU.
/// </summary>
/// <param name="Layers">Transformer blocks.</param>
/// <param name="Hidden">Embedding width; must be a multiple of <paramref name="Heads"/>.</param>
/// <param name="Heads">Attention heads per block.</param>
/// <param name="Vocab">Token ids, including <c>&lt;|endoftext|&gt;</c> (the last id); at least 257.</param>
/// <param name="Context">Longest sequence (position embeddings).</param>
/// <param name="Seed">Seed of the weights (see <see cref="TinyWeights"/> for the generator).</param>
/// <param name="TiedEmbeddings">True: the LM head reuses <c>transformer.wte.weight</c>, as GPT-2 does.</param>
public sealed record TinyModelSpec(
    int Layers = 2, int Hidden = 64, int Heads = 4, int Vocab = 512, int Context = 512, int Seed = 1,
    bool TiedEmbeddings = false)
{
    /// <summary>Width of one attention head.</summary>
    public int HeadDim => Hidden / Heads;

    /// <summary>Id of <c>&lt;|endoftext|&gt;</c>, used as both BOS and EOS.</summary>
    public int EosId => Vocab - 1;

    /// <summary>Number of weights (all fp32).</summary>
    public long ParameterCount =>
        (long)Vocab * Hidden + (long)Context * Hidden + 2L * Hidden
        + (long)Layers * (12L * Hidden * Hidden + 13L * Hidden)
        + (TiedEmbeddings ? 0 : (long)Vocab * Hidden);

    /// <summary>Eight hex digits of a hash over every field, naming the model's cache folder.</summary>
    public string ShortHash
    {
        get
        {
            var text = string.Create(CultureInfo.InvariantCulture,
                $"gpt2-v1;{Layers};{Hidden};{Heads};{Vocab};{Context};{Seed};{TiedEmbeddings}");
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        }
    }

    /// <summary>Throws <see cref="EnergyGateException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        static void Require(bool ok, string what)
        {
            if (!ok)
            {
                throw new EnergyGateException($"EG2010: tiny model spec: {what}.");
            }
        }

        Require(Layers is >= 1 and <= 64, $"Layers must be 1..64, not {Layers}");
        Require(Heads is >= 1 and <= 64, $"Heads must be 1..64, not {Heads}");
        Require(Hidden >= Heads && Hidden % Heads == 0 && Hidden <= 8192,
            $"Hidden ({Hidden}) must be a multiple of Heads ({Heads}) and at most 8192");
        Require(Vocab is >= 257 and <= 65536, $"Vocab must be 257..65536 (256 bytes + end-of-text), not {Vocab}");
        Require(Context is >= 2 and <= 65536, $"Context must be 2..65536, not {Context}");
        Require(ParameterCount <= 400_000_000, $"{ParameterCount} parameters is over the 400 M limit of a single ONNX file here");
    }
}
