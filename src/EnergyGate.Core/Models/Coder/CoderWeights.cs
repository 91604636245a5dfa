using System.Runtime.InteropServices;
using EnergyGate.Core.Models.Safetensors;
using EnergyGate.Core.Models.Tiny;

namespace EnergyGate.Core.Models.Coder;

/// <summary>
/// Turns the shipped f16 weights into the fp32 weights of every layer of <see cref="CoderModel.Spec"/>:
/// each value widened exactly (f16 to f32 is lossless, so the runtimes run what was shipped), each
/// layer a copy of its shared block.
/// </summary>
internal static class CoderWeights
{
    /// <summary>Expands the shipped safetensors file at <paramref name="path"/>.</summary>
    /// <exception cref="EnergyGateException">A tensor is missing, of another type or of another shape.</exception>
    public static TinyWeights Expand(string path)
    {
        var spec = CoderModel.Spec;
        var file = SafetensorsFile.Open(path);
        long e = spec.Hidden;
        var tensors = new List<TinyTensor>
        {
            Read(file, "transformer.wte.weight", [spec.Vocab, e]),
            Read(file, "transformer.wpe.weight", [spec.Context, e]),
        };
        var blocks = Enumerable.Range(0, CoderModel.SharedBlocks)
            .Select(b => CoderModel.BlockTensors.Select(n => Read(file, $"transformer.h.{b}.{n}", BlockShape(n, e))).ToList())
            .ToList();
        for (int layer = 0; layer < spec.Layers; layer++)
        {
            foreach (var t in blocks[layer % CoderModel.SharedBlocks])
            {
                var suffix = t.Name[(t.Name.IndexOf('.', "transformer.h.".Length) + 1)..];
                tensors.Add(t with { Name = $"transformer.h.{layer}.{suffix}" });
            }
        }

        tensors.Add(Read(file, "transformer.ln_f.weight", [e]));
        tensors.Add(Read(file, "transformer.ln_f.bias", [e]));
        return TinyWeights.FromTensors(tensors);
    }

    /// <summary>GPT-2's Conv1D shapes ([in, out]) for a block tensor of width <paramref name="e"/>.</summary>
    public static long[] BlockShape(string name, long e) => name switch
    {
        "attn.c_attn.weight" => [e, 3 * e],
        "attn.c_attn.bias" => [3 * e],
        "attn.c_proj.weight" => [e, e],
        "mlp.c_fc.weight" => [e, 4 * e],
        "mlp.c_fc.bias" => [4 * e],
        "mlp.c_proj.weight" => [4 * e, e],
        _ => [e],
    };

    private static TinyTensor Read(SafetensorsFile file, string name, long[] shape)
    {
        if (!file.Entries.TryGetValue(name, out var entry) || entry.DType != "F16" || !entry.Shape.SequenceEqual(shape))
        {
            throw new EnergyGateException(
                $"EG2011: {file.Path}: tensor '{name}' must be F16 of shape [{string.Join(", ", shape)}]; " +
                "the shipped builtin:coder weights do not match CoderModel.Spec (re-run tools/EnergyGate.CoderTraining).");
        }

        var halves = MemoryMarshal.Cast<byte, Half>(file.ReadBytes(name).AsSpan());
        var bytes = new byte[halves.Length * sizeof(float)];
        var floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan());
        for (int i = 0; i < halves.Length; i++)
        {
            floats[i] = (float)halves[i];
        }

        return new TinyTensor(name, shape, bytes);
    }
}
