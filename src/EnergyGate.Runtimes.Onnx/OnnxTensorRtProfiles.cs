using System.Globalization;
using System.Text;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>
/// Default TensorRT optimization profiles for a decoder: without them TensorRT rebuilds its engine
/// for every new sequence length. Min is one token with no past, opt one token after half the
/// context, max the whole context in either phase.
/// </summary>
internal static class OnnxTensorRtProfiles
{
    public static Dictionary<string, string> Derive(OnnxModelLayout layout)
    {
        int max = layout.MaxSequenceLength;
        return new Dictionary<string, string>
        {
            ["trt_profile_min_shapes"] = Shapes(layout, seq: 1, past: 0),
            ["trt_profile_opt_shapes"] = Shapes(layout, seq: 1, past: max / 2),
            ["trt_profile_max_shapes"] = Shapes(layout, seq: max, past: max),
        };
    }

    private static string Shapes(OnnxModelLayout layout, int seq, int past)
    {
        var parts = new List<string> { $"{layout.InputIds}:1x{seq}" };
        if (layout.PositionIds is not null)
        {
            parts.Add($"{layout.PositionIds}:1x{seq}");
        }

        if (layout.AttentionMask is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{layout.AttentionMask}:1x{Math.Min(past + seq, layout.MaxSequenceLength)}"));
        }

        foreach (var slot in layout.Slots)
        {
            var dims = (long[])slot.EmptyShape.Clone();
            dims[^2] = past;
            var text = new StringBuilder(slot.Past).Append(':').AppendJoin('x', dims);
            parts.Add(text.ToString());
        }

        return string.Join(',', parts);
    }
}
