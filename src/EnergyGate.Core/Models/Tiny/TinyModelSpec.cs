using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EnergyGate.Core.Models.Tiny;

/// <summary>The block design of a built-in tiny model.</summary>
public enum TinyArchitecture
{
    /// <summary>GPT-2: learned positions, LayerNorm, fused QKV with biases, GELU MLP.</summary>
    Gpt2,

    /// <summary>Llama family (HF LlamaForCausalLM): RMSNorm, rotary positions, grouped-query attention, SwiGLU, no biases.</summary>
    Llama,
}

/// <summary>
/// Shape and seed of the built-in random-weight decoder. The defaults make a ~0.4 M-parameter GPT-2
/// for mechanics tests; e.g. <c>new TinyModelSpec(Layers: 8, Hidden: 512, Vocab: 4096)</c> makes a
/// ~30 M-parameter one that is compute-bound on a CPU. <c>Architecture: TinyArchitecture.Llama</c>
/// makes the Llama-family variant.
/// </summary>
/// <param name="Layers">Transformer blocks.</param>
/// <param name="Hidden">Embedding width; must be a multiple of <paramref name="Heads"/>.</param>
/// <param name="Heads">Attention (query) heads per block.</param>
/// <param name="Vocab">Token ids, including <c>&lt;|endoftext|&gt;</c> (the last id); at least 257.</param>
/// <param name="Context">Longest sequence (position embeddings or rotary table).</param>
/// <param name="Seed">Seed of the weights (see <see cref="TinyWeights"/> for the generator).</param>
/// <param name="TiedEmbeddings">True: the LM head reuses the token embedding, as GPT-2 does.</param>
/// <param name="Architecture">GPT-2 or Llama family.</param>
/// <param name="KvHeads">Llama only: key/value heads (a divisor of <paramref name="Heads"/>); null: <see cref="DefaultKvHeads"/>.</param>
/// <param name="Intermediate">Llama only: SwiGLU width; null: <see cref="DefaultIntermediate"/>.</param>
/// <param name="RopeTheta">Llama only: rotary base.</param>
/// <param name="RmsNormEps">Llama only: RMSNorm epsilon.</param>
public sealed record TinyModelSpec(
    int Layers = 2, int Hidden = 64, int Heads = 4, int Vocab = 512, int Context = 512, int Seed = 1,
    bool TiedEmbeddings = false, TinyArchitecture Architecture = TinyArchitecture.Gpt2,
    int? KvHeads = null, int? Intermediate = null, double RopeTheta = 10000, double RmsNormEps = 1e-5)
{
    /// <summary>Width of one attention head.</summary>
    public int HeadDim => Hidden / Heads;

    /// <summary>Id of <c>&lt;|endoftext|&gt;</c>, used as both BOS and EOS.</summary>
    public int EosId => Vocab - 1;

    /// <summary>True for the Llama-family variant.</summary>
    public bool IsLlama => Architecture == TinyArchitecture.Llama;

    /// <summary>Key/value heads in effect: <see cref="KvHeads"/> or its default (GPT-2: every head).</summary>
    public int KeyValueHeads => KvHeads ?? (IsLlama ? DefaultKvHeads(Heads) : Heads);

    /// <summary>MLP width in effect: <see cref="Intermediate"/> or its default (GPT-2: 4 x hidden).</summary>
    public int FeedForward => Intermediate ?? (IsLlama ? DefaultIntermediate(Hidden) : 4 * Hidden);

    /// <summary>The architecture as configuration and config files spell it.</summary>
    public string ArchitectureName => IsLlama ? "llama" : "gpt2";

    /// <summary>Llama default of key/value heads: heads / 2 (at least 1), lowered to a divisor of heads when heads is odd.</summary>
    public static int DefaultKvHeads(int heads)
    {
        for (int kv = Math.Max(1, heads / 2); kv > 1; kv--)
        {
            if (heads % kv == 0)
            {
                return kv;
            }
        }

        return 1;
    }

    /// <summary>Llama default of the SwiGLU width: 8/3 x hidden rounded up to a multiple of 32.</summary>
    public static int DefaultIntermediate(int hidden) => checked((8 * hidden + 3 * 32 - 1) / (3 * 32) * 32);

    /// <summary>Number of weights (all fp32).</summary>
    /// <remarks>
    /// GPT-2: V E + C E + 2 E + L (12 E^2 + 13 E) (+ V E untied). Llama, with kv width
    /// K = kv_heads x head_dim and FFN width F: V E + E + L (2 E^2 + 2 E K + 3 E F + 2 E) (+ V E untied).
    /// </remarks>
    public long ParameterCount
    {
        get
        {
            long e = Hidden, head = TiedEmbeddings ? 0 : (long)Vocab * e;
            if (!IsLlama)
            {
                return (long)Vocab * e + (long)Context * e + 2L * e + Layers * (12L * e * e + 13L * e) + head;
            }

            long kv = (long)KeyValueHeads * HeadDim, f = FeedForward;
            return (long)Vocab * e + e + Layers * (2L * e * e + 2L * e * kv + 3L * e * f + 2L * e) + head;
        }
    }

    /// <summary>Eight hex digits of a hash over every field, naming the model's cache folder.</summary>
    public string ShortHash
    {
        get
        {
            // GPT-2's text is unchanged from before the Llama variant existed, so its folders (and baselines) keep their names.
            var text = IsLlama
                ? string.Create(CultureInfo.InvariantCulture,
                    $"llama-v1;{Layers};{Hidden};{Heads};{Vocab};{Context};{Seed};{TiedEmbeddings};{KeyValueHeads};{FeedForward};{RopeTheta:R};{RmsNormEps:R}")
                : string.Create(CultureInfo.InvariantCulture,
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

        Require(Enum.IsDefined(Architecture), $"Architecture must be gpt2 or llama, not {Architecture}");
        Require(Layers is >= 1 and <= 64, $"Layers must be 1..64, not {Layers}");
        Require(Heads is >= 1 and <= 64, $"Heads must be 1..64, not {Heads}");
        Require(Hidden >= Heads && Hidden % Heads == 0 && Hidden <= 8192,
            $"Hidden ({Hidden}) must be a multiple of Heads ({Heads}) and at most 8192");
        Require(Vocab is >= 257 and <= 65536, $"Vocab must be 257..65536 (256 bytes + end-of-text), not {Vocab}");
        Require(Context is >= 2 and <= 65536, $"Context must be 2..65536, not {Context}");
        if (IsLlama)
        {
            Require(KeyValueHeads >= 1 && KeyValueHeads <= Heads && Heads % KeyValueHeads == 0,
                $"heads ({Heads}) must be a multiple of kv-heads ({KeyValueHeads}); pick kv-heads that divides heads");
            Require(HeadDim % 2 == 0, $"hidden / heads ({HeadDim}) must be even for rotary embeddings");
            Require(FeedForward is >= 1 and <= 65536, $"intermediate must be 1..65536, not {FeedForward}");
            Require(double.IsFinite(RopeTheta) && RopeTheta > 1, $"rope-theta must be a finite number above 1, not {RopeTheta}");
            Require(double.IsFinite(RmsNormEps) && RmsNormEps is > 0 and < 1, $"rms-norm-eps must be in (0, 1), not {RmsNormEps}");
        }
        else
        {
            // GPT-2 has no such knobs; accepting them silently would name a model that ignores them.
            Require(KvHeads is null && Intermediate is null && RopeTheta == 10000 && RmsNormEps == 1e-5,
                "kv-heads, intermediate, rope-theta and rms-norm-eps apply only to architecture llama");
        }

        Require(ParameterCount <= 400_000_000, $"{ParameterCount} parameters is over the 400 M limit of a single ONNX file here");
    }
}
