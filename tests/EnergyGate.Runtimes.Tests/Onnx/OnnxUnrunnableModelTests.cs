using System.Text.Json.Nodes;
using EnergyGate.Core;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Tests.TestSupport;

namespace EnergyGate.Runtimes.Tests.Onnx;

/// <summary>A graph that loads but cannot run fails at open with EG2002 naming the model, not with ONNX Runtime's bare exception.</summary>
public sealed class OnnxUnrunnableModelTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_config_that_claims_more_positions_than_the_graph_has_fails_at_open_with_EG2002()
    {
        // Four position embeddings in the graph, 64 claimed by every config file: the 8-token test prompt at
        // open gathers positions 4..7, past the table.
        var folder = Path.Combine(_temp.Path, "model");
        TinyModelWriter.Write(folder, new TinyModelSpec(Layers: 1, Hidden: 16, Heads: 2, Vocab: 300, Context: 4));
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            if (JsonNode.Parse(File.ReadAllText(file)) is JsonObject json)
            {
                ClaimContext(json, 64);
                File.WriteAllText(file, json.ToJsonString());
            }
        }

        var ex = Assert.Throws<EnergyGateException>(() => OnnxDecoderSession.Open(folder, new OnnxSessionOptions { IntraOpThreads = 1 }));

        Assert.StartsWith($"EG2002: ONNX Runtime loaded {Path.Combine(folder, "model.onnx")} but cannot run it (an 8-token test prompt and one decode step at open): ",
            ex.Message, StringComparison.Ordinal);
        Assert.Contains("config.json matches the graph", ex.Message, StringComparison.Ordinal);
        Assert.IsType<Microsoft.ML.OnnxRuntime.OnnxRuntimeException>(ex.InnerException);
    }

    /// <summary>Sets every context-length key, at any depth (genai_config.json nests it under <c>model</c>).</summary>
    private static void ClaimContext(JsonObject json, int context)
    {
        foreach (var (key, value) in json.ToList())
        {
            if (key is "n_positions" or "max_position_embeddings" or "context_length")
            {
                json[key] = context;
            }
            else if (value is JsonObject nested)
            {
                ClaimContext(nested, context);
            }
        }
    }
}
