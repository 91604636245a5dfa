using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace EnergyGate.Runtimes.Torch;

/// <summary>Logits from the device into a reused host array, as float32.</summary>
internal static class HostLogits
{
    /// <summary>Copies <paramref name="logits"/> (any dtype, device and strides) into the start of <paramref name="target"/>. Call inside a dispose scope.</summary>
    public static void Copy(Tensor logits, Span<float> target)
    {
        var host = logits.dtype == ScalarType.Float32 ? logits : logits.to_type(ScalarType.Float32);
        if (host.device_type != DeviceType.CPU)
        {
            host = host.cpu();
        }

        MemoryMarshal.Cast<byte, float>(host.contiguous().bytes).CopyTo(target);
    }
}
