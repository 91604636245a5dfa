using Google.Protobuf;

namespace EnergyGate.Core.Models.Onnx;

/// <summary>
/// A one-node ONNX model (<c>y = x + x</c> over a float [1, 8]) for checking that an execution provider
/// starts: a session is the only way to learn that its driver and device work, and this one loads in
/// milliseconds.
/// </summary>
public static class OnnxProbeModel
{
    /// <summary>The model's protobuf bytes.</summary>
    public static byte[] Create()
    {
        var g = new OnnxGraphBuilder("probe");
        var x = g.Input("x", OnnxGraphBuilder.FloatType, 1, 8);
        g.Output(g.Op("Add", [x, x]), "y", OnnxGraphBuilder.FloatType, 1, 8);
        return g.ToModel(17, "EnergyGate.OnnxProbeModel", []).ToByteArray();
    }
}
