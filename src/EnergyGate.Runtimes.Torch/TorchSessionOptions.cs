namespace EnergyGate.Runtimes.Torch;

/// <summary>How to open a model in the TorchSharp runtime, resolved once by the caller.</summary>
public sealed record TorchSessionOptions
{
    /// <summary><c>cpu</c> or <c>cuda</c> (see <see cref="TorchProviders"/>).</summary>
    public string Provider { get; init; } = TorchProviders.Cpu;

    /// <summary>GPU ordinal for <c>cuda</c>.</summary>
    public int DeviceId { get; init; }

    /// <summary>Intra-op threads (torch.set_num_threads, process-wide); 0 leaves libtorch's default (one per physical core).</summary>
    public int Threads { get; init; }

    /// <summary>Weights, activations and KV cache: <c>float32</c>, <c>float16</c> or <c>bfloat16</c> (see <see cref="TorchDTypes"/>).</summary>
    public string DType { get; init; } = TorchDTypes.Fp32;

    /// <summary>When <c>cuda</c> cannot start, run on the CPU instead of failing (the description says so).</summary>
    public bool AllowCpuFallback { get; init; }
}
