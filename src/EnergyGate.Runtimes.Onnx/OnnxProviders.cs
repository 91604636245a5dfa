using EnergyGate.Core;
using EnergyGate.Core.Models.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>
/// The execution providers EnergyGate drives through ONNX Runtime, how to start them, and a probe
/// for <c>doctor</c>. A provider being listed by ONNX Runtime only means its library ships in the
/// package; whether it starts (driver, device, CUDA 13 runtime, cuDNN 9, TensorRT) shows only when
/// a session is created.
/// </summary>
public static class OnnxProviders
{
    /// <summary>The CPU provider (always available).</summary>
    public const string Cpu = "cpu";

    /// <summary>The CUDA provider (needs an NVIDIA driver, libcudart.so.13, libcublas.so.13 and cuDNN 9).</summary>
    public const string Cuda = "cuda";

    /// <summary>The TensorRT provider (needs what CUDA needs plus TensorRT 10's libnvinfer).</summary>
    public const string TensorRt = "tensorrt";

    /// <summary>Our provider names, in probe order.</summary>
    public static IReadOnlyList<string> All { get; } = [Cpu, Cuda, TensorRt];

    /// <summary>ONNX Runtime's name of <paramref name="provider"/>.</summary>
    public static string OrtName(string provider) => Normalize(provider) switch
    {
        Cuda => "CUDAExecutionProvider",
        TensorRt => "TensorrtExecutionProvider",
        _ => "CPUExecutionProvider",
    };

    /// <summary>The loaded ONNX Runtime's version string.</summary>
    public static string OrtVersion => OrtEnv.Instance().GetVersionString();

    /// <summary>For each provider: listed by this ONNX Runtime? does a session start? why not?</summary>
    public static OnnxProbeReport Probe(int deviceId = 0)
    {
        var listed = OrtEnv.Instance().GetAvailableProviders();
        var model = OnnxProbeModel.Create();
        var statuses = All.Select(p =>
        {
            var options = new OnnxSessionOptions { Provider = p, DeviceId = deviceId };
            var missing = OnnxProviderLibraries.Missing(p, AppContext.BaseDirectory);
            bool isListed = listed.Contains(OrtName(p)) && missing is null;
            string? reason = missing is { } m ? OnnxProviderLibraries.MissingMessage(m.Library, m.Folder)
                : isListed ? TryStart(model, options) : "not in this ONNX Runtime build";
            return new OnnxProviderStatus(p, OrtName(p), isListed, isListed && reason is null, reason);
        }).ToList();
        return new OnnxProbeReport(OrtVersion, statuses);
    }

    internal static string Normalize(string provider) => provider.Trim().ToLowerInvariant() switch
    {
        "cpu" or "cpuexecutionprovider" => Cpu,
        "cuda" or "cudaexecutionprovider" => Cuda,
        "tensorrt" or "trt" or "tensorrtexecutionprovider" => TensorRt,
        _ => throw new EnergyGateException(
            $"EG2005: unknown ONNX Runtime provider '{provider}'; use one of: {string.Join(", ", All)}."),
    };

    /// <summary>Session options with <paramref name="options"/>' provider appended; throws EG2001 when it cannot load.</summary>
    internal static SessionOptions CreateSessionOptions(OnnxSessionOptions options, string provider, IReadOnlyDictionary<string, string>? trtProfiles)
    {
        // ONNX Runtime would only say "cannot open shared object file"; say which package has it.
        if (OnnxProviderLibraries.Missing(provider, AppContext.BaseDirectory) is { } missing)
        {
            throw new EnergyGateException(
                $"EG2001: ONNX Runtime provider '{provider}' ({OrtName(provider)}, device {options.DeviceId}) cannot start: " +
                OnnxProviderLibraries.MissingMessage(missing.Library, missing.Folder) + ".");
        }

        var so = new SessionOptions { GraphOptimizationLevel = options.GraphOptimizationLevel };
        try
        {
            if (options.IntraOpThreads > 0)
            {
                so.IntraOpNumThreads = options.IntraOpThreads;
            }

            switch (provider)
            {
                case Cuda:
                    using (var cuda = new OrtCUDAProviderOptions())
                    {
                        var settings = new Dictionary<string, string>(options.CudaOptions) { ["device_id"] = Invariant(options.DeviceId) };
                        cuda.UpdateOptions(settings);
                        so.AppendExecutionProvider_CUDA(cuda);
                    }

                    break;
                case TensorRt:
                    using (var trt = new OrtTensorRTProviderOptions())
                    {
                        trt.UpdateOptions(TensorRtSettings(options, trtProfiles));
                        so.AppendExecutionProvider_Tensorrt(trt);
                    }

                    // Nodes TensorRT cannot take run on CUDA, as onnxruntime-genai and trtexec set it up.
                    using (var cuda = new OrtCUDAProviderOptions())
                    {
                        cuda.UpdateOptions(new Dictionary<string, string> { ["device_id"] = Invariant(options.DeviceId) });
                        so.AppendExecutionProvider_CUDA(cuda);
                    }

                    break;
            }

            return so;
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            so.Dispose();
            throw Unavailable(provider, options.DeviceId, e);
        }
    }

    internal static EnergyGateException Unavailable(string provider, int deviceId, Exception cause) => new(
        $"EG2001: ONNX Runtime provider '{provider}' ({OrtName(provider)}, device {deviceId}) cannot start: " +
        $"{FirstLine(cause.Message)}. {Hint(provider)}", cause);

    private static Dictionary<string, string> TensorRtSettings(OnnxSessionOptions options, IReadOnlyDictionary<string, string>? profiles)
    {
        var t = options.TensorRt;
        var settings = new Dictionary<string, string>
        {
            ["device_id"] = Invariant(options.DeviceId),
            ["trt_fp16_enable"] = t.Fp16 ? "1" : "0",
        };
        if (t.EngineCacheDir is not null)
        {
            settings["trt_engine_cache_enable"] = "1";
            settings["trt_engine_cache_path"] = t.EngineCacheDir;
        }

        foreach (var (key, explicitValue) in new[] { ("trt_profile_min_shapes", t.ProfileMinShapes), ("trt_profile_opt_shapes", t.ProfileOptShapes), ("trt_profile_max_shapes", t.ProfileMaxShapes) })
        {
            if ((explicitValue ?? profiles?.GetValueOrDefault(key)) is { } value)
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    private static string? TryStart(byte[] model, OnnxSessionOptions options)
    {
        try
        {
            using var so = CreateSessionOptions(options, options.Provider, null);
            using var session = new InferenceSession(model, so);
            return null;
        }
        catch (EnergyGateException e)
        {
            return FirstLine(e.InnerException?.Message ?? e.Message);
        }
        catch (OnnxRuntimeException e)
        {
            return FirstLine(e.Message);
        }
    }

    private static string Hint(string provider) => provider switch
    {
        Cuda => "It needs an NVIDIA GPU and driver, the CUDA 13 runtime (libcudart.so.13, libcublas.so.13) and cuDNN 9 on the library path; run 'doctor' to check, or choose provider cpu (or allow CPU fallback).",
        TensorRt => "It needs what CUDA needs plus TensorRT 10 (libnvinfer.so.10) on the library path; run 'doctor' to check, or choose provider cuda or cpu (or allow CPU fallback).",
        _ => "",
    };

    // ONNX Runtime prefixes its messages with source locations; the cause follows "FAIL : ".
    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].Trim().TrimEnd('.');
        int cause = line.LastIndexOf("FAIL : ", StringComparison.Ordinal);
        return cause >= 0 ? line[(cause + 7)..] : line;
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
