using EnergyGate.Runtimes.Onnx;

namespace EnergyGate.Runtimes.Tests.Onnx;

/// <summary>
/// The CPU flavor of the tool package leaves the GPU provider libraries out; the check that names
/// them (and the GPU package) looks at the files beside ONNX Runtime's own library, laid out here as
/// an installed tool (app folder) or a portable build (runtimes/RID/native) has them.
/// </summary>
public sealed class ProviderLibrariesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eg-ortlibs-").FullName;

    [Fact]
    public void An_installed_cpu_package_misses_the_cuda_library_and_the_message_names_the_gpu_package()
    {
        Touch(_dir, Native("onnxruntime"));

        var missing = OnnxProviderLibraries.Missing("cuda", _dir);

        Assert.NotNull(missing);
        Assert.Equal(Native("onnxruntime_providers_cuda"), missing.Value.Library);
        Assert.Equal(_dir, missing.Value.Folder);
        var message = OnnxProviderLibraries.MissingMessage(missing.Value.Library, missing.Value.Folder);
        Assert.Contains("dotnet tool install -g dotnet-energygate-gpu", message, StringComparison.Ordinal);
        Assert.Contains(Native("onnxruntime_providers_cuda"), message, StringComparison.Ordinal);
        Assert.Null(OnnxProviderLibraries.Missing("cpu", _dir));
    }

    [Fact]
    public void Tensorrt_needs_its_own_library_and_cuda_s()
    {
        var native = Directory.CreateDirectory(Path.Combine(_dir, "runtimes", Rid(), "native")).FullName;
        Touch(native, Native("onnxruntime"));
        Touch(native, Native("onnxruntime_providers_tensorrt"));
        Touch(native, Native("onnxruntime_providers_shared"));

        Assert.Equal(Native("onnxruntime_providers_cuda"), OnnxProviderLibraries.Missing("tensorrt", _dir)?.Library);

        Touch(native, Native("onnxruntime_providers_cuda"));
        Assert.Null(OnnxProviderLibraries.Missing("tensorrt", _dir));
        Assert.Null(OnnxProviderLibraries.Missing("cuda", _dir));
    }

    [Fact]
    public void Without_onnx_runtime_s_library_in_sight_nothing_is_claimed_missing()
    {
        Assert.Null(OnnxProviderLibraries.NativeFolder(_dir));
        Assert.Null(OnnxProviderLibraries.Missing("cuda", _dir));
    }

    [Fact]
    public void This_test_build_carries_every_provider_library()
    {
        // The test projects reference the Gpu package directly: nothing is left out of their output.
        Assert.NotNull(OnnxProviderLibraries.NativeFolder(AppContext.BaseDirectory));
        Assert.Null(OnnxProviderLibraries.Missing("tensorrt", AppContext.BaseDirectory));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void Touch(string folder, string name) => File.WriteAllBytes(Path.Combine(folder, name), []);

    private static string Native(string name) =>
        OperatingSystem.IsWindows() ? name + ".dll" : OperatingSystem.IsMacOS() ? "lib" + name + ".dylib" : "lib" + name + ".so";

    private static string Rid() =>
        (OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux") + "-" +
        System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
}
