using System.Globalization;
using System.Runtime.InteropServices;
using EnergyGate.Core.Models.Safetensors;
using static TorchSharp.torch;

namespace EnergyGate.CoderTraining;

/// <summary>Writes the trained weights as the f16 safetensors file Core embeds (coder.safetensors).</summary>
internal static class CoderWeightsFile
{
    public static void Write(string path, CoderGpt2 model, TrainingOptions options)
    {
        var tensors = model.Weights.Select(w =>
        {
            using var values = w.Value.detach().contiguous();
            var floats = values.data<float>().ToArray();
            var halves = new Half[floats.Length];
            for (int i = 0; i < floats.Length; i++)
            {
                // Round to nearest even; the weights are already f16 values after RoundToHalf, so this is exact.
                halves[i] = (Half)floats[i];
            }

            return (w.Key, values.shape, MemoryMarshal.AsBytes(halves.AsSpan()).ToArray());
        }).ToList();
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["energygate.builtin"] = "coder",
            ["energygate.training"] = string.Create(CultureInfo.InvariantCulture,
                $"tools/EnergyGate.CoderTraining steps={options.Steps} seed={options.Seed} lr={options.LearningRate:R} threads=1"),
        };
        var temp = path + ".tmp";
        using (var file = File.Create(temp))
        {
            SafetensorsWriter.Write(file, tensors, metadata, "F16");
        }

        File.Move(temp, path, overwrite: true);
    }
}
