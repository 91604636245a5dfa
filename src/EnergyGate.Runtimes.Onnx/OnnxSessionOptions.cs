using System.Collections.Immutable;
using Microsoft.ML.OnnxRuntime;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>How to open an ONNX model: execution provider and its settings, resolved once by the caller.</summary>
public sealed record OnnxSessionOptions
{
    /// <summary><c>cpu</c>, <c>cuda</c> or <c>tensorrt</c> (see <see cref="OnnxProviders"/>).</summary>
    public string Provider { get; init; } = OnnxProviders.Cpu;

    /// <summary>GPU ordinal for <c>cuda</c> and <c>tensorrt</c>.</summary>
    public int DeviceId { get; init; }

    /// <summary>Extra CUDA provider options as ONNX Runtime names them (e.g. <c>cudnn_conv_algo_search</c>).</summary>
    public IReadOnlyDictionary<string, string> CudaOptions { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>TensorRT settings, used when <see cref="Provider"/> is <c>tensorrt</c>.</summary>
    public OnnxTensorRtOptions TensorRt { get; init; } = new();

    /// <summary>When the provider cannot start, run on the CPU instead of failing (the session's description says so).</summary>
    public bool AllowCpuFallback { get; init; }

    /// <summary>Threads inside one operator; 0 leaves ONNX Runtime's default (one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Graph optimizations ONNX Runtime applies when loading.</summary>
    public GraphOptimizationLevel GraphOptimizationLevel { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;
}

/// <summary>TensorRT provider settings.</summary>
/// <param name="Fp16">Let TensorRT build fp16 kernels.</param>
/// <param name="EngineCacheDir">Folder for built engines (building takes minutes; the cache makes later runs start fast). Null: no cache.</param>
/// <param name="ProfileMinShapes">Smallest input shapes, TensorRT syntax <c>name:1x1,other:1x4x0x8</c>. Null: derived from the model (sequence 1, past 0).</param>
/// <param name="ProfileOptShapes">Shapes to tune for. Null: one new token after half the context.</param>
/// <param name="ProfileMaxShapes">Largest shapes. Null: the full context.</param>
public sealed record OnnxTensorRtOptions(
    bool Fp16 = false, string? EngineCacheDir = null,
    string? ProfileMinShapes = null, string? ProfileOptShapes = null, string? ProfileMaxShapes = null);
