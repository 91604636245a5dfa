using EnergyGate.Core.Models.Onnx;
using Google.Protobuf;
using static EnergyGate.Core.Models.Onnx.OnnxGraphBuilder;

namespace EnergyGate.Runtimes.Tests.TestSupport;

/// <summary>
/// A one-layer decoder in the optimum layout that leaves out attention_mask or position_ids, as some
/// exports do: logits and KV are embeddings of the ids, enough for a session to open and run.
/// </summary>
internal static class MinimalDecoder
{
    public const int Vocab = 300;
    private const int HeadDim = 4;

    public static void Write(string folder, bool withMask, bool withPositions)
    {
        var g = new OnnxGraphBuilder("minimal_decoder");
        var ids = g.Input("input_ids", Int64Type, "batch_size", "sequence_length");
        if (withMask)
        {
            g.Input("attention_mask", Int64Type, "batch_size", "total_sequence_length");
        }

        if (withPositions)
        {
            g.Input("position_ids", Int64Type, "batch_size", "sequence_length");
        }

        g.Initializer("logit_table", [Vocab, Vocab], Floats(Vocab * Vocab));
        g.Initializer("kv_table", [Vocab, HeadDim], Floats(Vocab * HeadDim));
        g.Output(g.Op("Gather", ["logit_table", ids]), "logits", FloatType, "batch_size", "sequence_length", Vocab);
        // [batch, 1 head, sequence, head_dim] appended to the past.
        var fresh = g.Op("Unsqueeze", [g.Op("Gather", ["kv_table", ids]), g.Int64s([1], 1)]);
        foreach (var kind in new[] { "key", "value" })
        {
            var past = g.Input($"past_key_values.0.{kind}", FloatType, "batch_size", 1, "past_sequence_length", HeadDim);
            g.Output(g.Op("Concat", [past, fresh], Int("axis", 2)), $"present.0.{kind}", FloatType, "batch_size", 1, "total_sequence_length", HeadDim);
        }

        using var file = File.Create(Path.Combine(folder, "model.onnx"));
        g.ToModel(17, "EnergyGate.Tests", []).WriteTo(file);
    }

    private static byte[] Floats(int count)
    {
        var values = Enumerable.Range(0, count).Select(i => (float)Math.Sin(i)).ToArray();
        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }
}
