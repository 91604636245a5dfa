using EnergyGate.Core;
using Microsoft.ML.OnnxRuntime;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>Creates the inference session on the requested provider, or on the CPU when that fails and fallback is allowed.</summary>
internal static class OnnxSessionFactory
{
    public sealed record Opened(InferenceSession Session, string Requested, string Provider, string? FallbackReason);

    public static Opened Create(OnnxModelFolder folder, OnnxSessionOptions options)
    {
        var requested = OnnxProviders.Normalize(options.Provider);
        try
        {
            return new Opened(Start(folder, options, requested), requested, requested, null);
        }
        catch (EnergyGateException e) when (options.AllowCpuFallback && requested != OnnxProviders.Cpu)
        {
            var reason = e.Message;
            return new Opened(Start(folder, options, OnnxProviders.Cpu), requested, OnnxProviders.Cpu, reason);
        }
    }

    private static InferenceSession Start(OnnxModelFolder folder, OnnxSessionOptions options, string provider)
    {
        var profiles = provider == OnnxProviders.TensorRt ? DefaultProfiles(folder) : null;
        using var so = OnnxProviders.CreateSessionOptions(options, provider, profiles);
        try
        {
            return new InferenceSession(folder.ModelPath, so);
        }
        catch (OnnxRuntimeException e) when (provider != OnnxProviders.Cpu && !IsModelError(e))
        {
            throw OnnxProviders.Unavailable(provider, options.DeviceId, e);
        }
        catch (OnnxRuntimeException e)
        {
            throw new EnergyGateException($"EG2002: ONNX Runtime cannot load {folder.ModelPath}: {e.Message}", e);
        }
    }

    // Model problems fail the same way on every provider; report them as such, not as a device problem.
    private static bool IsModelError(OnnxRuntimeException e) =>
        e.Message.Contains("INVALID_PROTOBUF", StringComparison.Ordinal) || e.Message.Contains("NO_SUCHFILE", StringComparison.Ordinal)
        || e.Message.Contains("INVALID_GRAPH", StringComparison.Ordinal);

    // TensorRT needs the inputs' names for its profiles before the real session exists: read them
    // from a CPU session that skips optimization (cheap next to building a TensorRT engine).
    private static Dictionary<string, string> DefaultProfiles(OnnxModelFolder folder)
    {
        using var so = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var metadata = new InferenceSession(folder.ModelPath, so);
        return OnnxTensorRtProfiles.Derive(OnnxModelLayout.Detect(metadata, folder));
    }
}
