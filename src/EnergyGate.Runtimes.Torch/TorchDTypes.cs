using EnergyGate.Core;
using static TorchSharp.torch;

namespace EnergyGate.Runtimes.Torch;

/// <summary>The element types the TorchSharp runtime computes in.</summary>
public static class TorchDTypes
{
    /// <summary>32-bit float (the default; what the ONNX parity tests compare).</summary>
    public const string Fp32 = "float32";

    /// <summary>IEEE half precision.</summary>
    public const string Fp16 = "float16";

    /// <summary>bfloat16.</summary>
    public const string Bf16 = "bfloat16";

    /// <summary>Every name, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } = [Fp32, Fp16, Bf16];

    internal static ScalarType Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "float32" or "fp32" or "float" => ScalarType.Float32,
        "float16" or "fp16" or "half" => ScalarType.Float16,
        "bfloat16" or "bf16" => ScalarType.BFloat16,
        _ => throw new EnergyGateException($"EG2034: unknown torch dtype '{name}'; use one of: {string.Join(", ", All)}."),
    };

    internal static string Name(ScalarType type) => type switch
    {
        ScalarType.Float16 => Fp16,
        ScalarType.BFloat16 => Bf16,
        _ => Fp32,
    };
}
