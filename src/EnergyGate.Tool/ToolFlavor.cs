using System.Reflection;

namespace EnergyGate.Tool;

/// <summary>
/// Which package this build of the tool is (set by the build, see build/EnergyGate.Tool.Flavors.targets):
/// <c>cpu</c> (dotnet-energygate), <c>gpu</c> (dotnet-energygate-gpu: ONNX Runtime's CUDA and TensorRT
/// providers, no libtorch) or <c>source</c> (a portable build from source, which carries everything).
/// </summary>
internal static class ToolFlavor
{
    public const string Gpu = "gpu";

    public static string Current { get; } = typeof(ToolFlavor).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "EnergyGateFlavor")?.Value ?? "source";

    /// <summary>For doctor's first lines: the package and what it carries.</summary>
    public static string Describe(string flavor) => flavor switch
    {
        "cpu" => "package dotnet-energygate (CPU: ONNX Runtime CPU provider, TorchSharp with libtorch CPU, llama.cpp CPU; GPU providers are in dotnet-energygate-gpu)",
        Gpu => "package dotnet-energygate-gpu (ONNX Runtime with CUDA, TensorRT and CPU providers; no libtorch, no llama.cpp)",
        _ => "built from source (all ONNX Runtime providers, libtorch and llama.cpp CPU)",
    };

    /// <summary>Why a runtime is not in this flavor; null when it is.</summary>
    public static string? MissingRuntime(string flavor, string runtime) => flavor == Gpu && runtime is Runtimes.Torch.TorchRuntimeFactory.Name or Runtimes.LlamaCpp.LlamaCppRuntime.Name
        ? $"EG2006: runtime `{runtime}` is not in the dotnet-energygate-gpu package: it carries ONNX Runtime's CUDA and TensorRT " +
          "providers only (libtorch or llama.cpp's natives beside them would exceed nuget.org's 250 MB package limit). Use runtime onnx; " +
          $"for {runtime} on the CPU install dotnet-energygate; for torch on CUDA build the tool from source with -p:EnergyGateTorchBackend=cuda (see README)."
        : null;
}
