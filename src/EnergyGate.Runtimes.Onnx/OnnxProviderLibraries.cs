using System.Runtime.InteropServices;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>
/// Whether the GPU providers' libraries sit beside ONNX Runtime's own library, where ONNX Runtime loads
/// them from. The tool's default package (dotnet-energygate) leaves them out to fit nuget.org's 250 MB
/// limit; ONNX Runtime still lists the providers (the list is compiled in), so only the files tell.
/// </summary>
internal static class OnnxProviderLibraries
{
    /// <summary>The tool package that carries the CUDA and TensorRT provider libraries.</summary>
    public const string GpuPackage = "dotnet-energygate-gpu";

    /// <summary>The first library <paramref name="provider"/> needs that is missing beside ONNX Runtime, with the folder looked in; null when all are there or ONNX Runtime's folder is unknown.</summary>
    public static (string Library, string Folder)? Missing(string provider, string baseDirectory)
    {
        var needed = provider switch
        {
            OnnxProviders.Cuda => new[] { "cuda", "shared" },
            OnnxProviders.TensorRt => ["tensorrt", "cuda", "shared"],   // TensorRT sessions put CUDA behind it
            _ => [],
        };
        if (needed.Length == 0 || NativeFolder(baseDirectory) is not { } folder)
        {
            return null;
        }

        var missing = needed.Select(ProviderFileName).FirstOrDefault(name => !File.Exists(Path.Combine(folder, name)));
        return missing is null ? null : (missing, folder);
    }

    /// <summary>EG2001's cause and advice when a provider's library is not in this installation.</summary>
    public static string MissingMessage(string library, string folder) =>
        $"this installation has no {library} beside ONNX Runtime (in {folder}): the dotnet-energygate package carries " +
        $"ONNX Runtime's CPU provider only, and the CUDA and TensorRT providers come in the {GpuPackage} package " +
        $"(together they exceed nuget.org's 250 MB package limit). Install {GpuPackage} " +
        $"(dotnet tool uninstall -g dotnet-energygate; dotnet tool install -g {GpuPackage}; it provides the same " +
        "dotnet-energygate command), or choose provider cpu";

    /// <summary>The folder holding ONNX Runtime's library: the app folder (RID-specific installs) or runtimes/RID/native (portable builds).</summary>
    internal static string? NativeFolder(string baseDirectory)
    {
        var candidates = new[] { baseDirectory, Path.Combine(baseDirectory, "runtimes", PortableRid(), "native") };
        return candidates.FirstOrDefault(folder => File.Exists(Path.Combine(folder, OrtFileName())));
    }

    private static string OrtFileName() => Native("onnxruntime");

    private static string ProviderFileName(string name) => Native("onnxruntime_providers_" + name);

    private static string Native(string name) =>
        OperatingSystem.IsWindows() ? name + ".dll" : OperatingSystem.IsMacOS() ? "lib" + name + ".dylib" : "lib" + name + ".so";

    private static string PortableRid()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        return os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
    }
}
