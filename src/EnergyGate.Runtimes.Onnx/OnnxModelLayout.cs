using System.Globalization;
using EnergyGate.Core;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>How a decoder's KV cache is laid out in its inputs and outputs.</summary>
public enum OnnxKvLayout
{
    /// <summary>One key and one value tensor per layer, [batch, heads, past, head_dim] (optimum, onnxruntime-genai).</summary>
    SeparateKeyValue,

    /// <summary>Key and value stacked in one tensor per layer, [2, batch, heads, past, head_dim] (older GPT-2 exports).</summary>
    StackedKeyValue,
}

/// <summary>One past input fed from one present output, and the shape of its empty (first-step) value.</summary>
internal sealed record KvSlot(string Past, string Present, TensorElementType Type, long[] EmptyShape);

/// <summary>The decoder's tensor names and types, detected from the session's metadata and the folder's configs.</summary>
internal sealed record OnnxModelLayout(
    OnnxKvLayout Kv, string InputIds, TensorElementType IdsType, string? AttentionMask, TensorElementType MaskType,
    string? PositionIds, TensorElementType PositionType, string? UseCacheBranch, string Logits, TensorElementType LogitsType,
    IReadOnlyList<KvSlot> Slots, int VocabularySize, int MaxSequenceLength)
{
    /// <summary>True when the logits are [batch, sequence, vocabulary] with the vocabulary stated in the model, so a decode step's output can be preallocated.</summary>
    public bool StaticLogits { get; init; }

    // Used when neither config file states the context; generation stops there.
    private const int DefaultContext = 2048;

    public static OnnxModelLayout Detect(InferenceSession session, OnnxModelFolder folder)
    {
        var inputs = session.InputMetadata;
        var outputs = session.OutputMetadata;
        string Named(string section, string key, string fallback) => folder.Name(section, key) ?? fallback;
        var ids = Named("inputs", "input_ids", "input_ids");
        if (!inputs.ContainsKey(ids))
        {
            throw new EnergyGateException($"EG2002: {folder.ModelPath} is not a decoder this runtime knows: it has no '{ids}' input (inputs: {string.Join(", ", inputs.Keys)}).");
        }

        string? Optional(string name) => inputs.ContainsKey(name) ? name : null;
        var mask = Optional(Named("inputs", "attention_mask", "attention_mask"));
        var positions = Optional(Named("inputs", "position_ids", "position_ids"));
        var logits = Named("outputs", "logits", "logits");
        if (!outputs.TryGetValue(logits, out var logitsMeta))
        {
            throw new EnergyGateException($"EG2002: {folder.ModelPath} has no '{logits}' output (outputs: {string.Join(", ", outputs.Keys)}).");
        }

        var (kv, slots) = DetectKv(inputs, outputs, folder);
        int vocab = logitsMeta.Dimensions[^1] > 0 ? logitsMeta.Dimensions[^1]
            : folder.ModelSetting("vocab_size", "vocab_size")
              ?? throw new EnergyGateException($"EG2002: the vocabulary size of {folder.ModelPath} is unknown: its logits' last dimension is symbolic and no config states vocab_size.");
        int context = folder.ModelSetting("context_length", "n_positions", "max_position_embeddings") ?? DefaultContext;
        TensorElementType TypeOf(string? name) => name is null ? TensorElementType.Int64 : inputs[name].ElementDataType;
        return new OnnxModelLayout(kv, ids, TypeOf(ids), mask, TypeOf(mask), positions, TypeOf(positions),
            Optional("use_cache_branch"), logits, logitsMeta.ElementDataType, slots, vocab, context)
        {
            StaticLogits = logitsMeta.Dimensions.Length == 3 && logitsMeta.Dimensions[^1] == vocab,
        };
    }

    private static (OnnxKvLayout, List<KvSlot>) DetectKv(IReadOnlyDictionary<string, NodeMetadata> inputs,
        IReadOnlyDictionary<string, NodeMetadata> outputs, OnnxModelFolder folder)
    {
        string pastKey = folder.Name("inputs", "past_key_names") ?? "past_key_values.%d.key";
        string pastValue = folder.Name("inputs", "past_value_names") ?? "past_key_values.%d.value";
        string pastStacked = folder.Name("inputs", "past_names") ?? "past_%d";
        string presentKey = folder.Name("outputs", "present_key_names") ?? "present.%d.key";
        string presentValue = folder.Name("outputs", "present_value_names") ?? "present.%d.value";
        string presentStacked = folder.Name("outputs", "present_names") ?? "present_%d";
        var slots = new List<KvSlot>();
        var kv = inputs.ContainsKey(Format(pastStacked, 0)) ? OnnxKvLayout.StackedKeyValue : OnnxKvLayout.SeparateKeyValue;
        for (int layer = 0; ; layer++)
        {
            var pairs = kv == OnnxKvLayout.StackedKeyValue
                ? new[] { (Format(pastStacked, layer), Format(presentStacked, layer)) }
                : [(Format(pastKey, layer), Format(presentKey, layer)), (Format(pastValue, layer), Format(presentValue, layer))];
            if (!pairs.All(p => inputs.ContainsKey(p.Item1)))
            {
                break;
            }

            foreach (var (past, present) in pairs)
            {
                if (!outputs.ContainsKey(present))
                {
                    throw new EnergyGateException($"EG2002: {folder.ModelPath} has input '{past}' but no output '{present}' to feed it.");
                }

                slots.Add(new KvSlot(past, present, inputs[past].ElementDataType, EmptyShape(inputs[past], kv, folder)));
            }
        }

        return (kv, slots);
    }

    // Batch 1, past 0; symbolic head counts and sizes come from the configs.
    private static long[] EmptyShape(NodeMetadata past, OnnxKvLayout kv, OnnxModelFolder folder)
    {
        int offset = kv == OnnxKvLayout.StackedKeyValue ? 1 : 0;
        var dims = past.Dimensions.Select(d => (long)d).ToArray();
        if (dims.Length != 4 + offset)
        {
            throw new EnergyGateException($"EG2002: KV input has {dims.Length} dimensions; expected {4 + offset}.");
        }

        if (offset == 1)
        {
            dims[0] = 2;
        }

        dims[offset] = 1;
        dims[offset + 2] = 0;
        if (dims[offset + 1] <= 0)
        {
            dims[offset + 1] = folder.Setting("num_key_value_heads", "num_key_value_heads", "n_head", "num_attention_heads")
                ?? throw new EnergyGateException("EG2002: the KV head count is symbolic and no config states it.");
        }

        if (dims[offset + 3] <= 0)
        {
            dims[offset + 3] = folder.Setting("head_size", "head_dim")
                ?? throw new EnergyGateException("EG2002: the KV head size is symbolic and no config states it.");
        }

        return dims;
    }

    private static string Format(string template, int layer) =>
        template.Replace("%d", layer.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
