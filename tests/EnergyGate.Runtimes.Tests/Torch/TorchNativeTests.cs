using EnergyGate.Runtimes.Torch;
using TorchSharp;

namespace EnergyGate.Runtimes.Tests.Torch;

/// <summary>TorchSharp's native library loads in the test process, from this output folder, patched only where the system needs it.</summary>
public sealed class TorchNativeTests
{
    [Fact]
    public void Libtorch_loads_and_runs_an_op()
    {
        TorchProviders.EnsureLoaded();
        using var ones = torch.ones(2);
        using var sum = ones.sum();
        Assert.Equal(2f, sum.item<float>());
    }

    [Fact]
    public void The_loaded_native_library_is_the_output_folders_copy_with_the_shim_only_when_needed()
    {
        TorchProviders.EnsureLoaded();
        var maps = File.ReadAllLines("/proc/self/maps");
        var loaded = maps.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 6)
            .Select(f => f[5]).Where(p => p.EndsWith("libLibTorchSharp.so", StringComparison.Ordinal)).Distinct().ToList();
        var single = Assert.Single(loaded);
        Assert.StartsWith(AppContext.BaseDirectory, single, StringComparison.Ordinal);
        bool shimLoaded = maps.Any(l => l.Contains("libenergygate_glibcxx_shim.so", StringComparison.Ordinal));
        Assert.Equal(!SystemLibStdCxxHasGlibcxx332(), shimLoaded);
    }

    [Fact]
    public void Probe_reports_the_cpu_backend_and_why_cuda_is_unavailable()
    {
        var report = TorchProviders.Probe();
        Assert.Null(report.LoadError);
        Assert.Equal("cpu", report.Backend);
        Assert.Contains("libtorch 2.10", report.Version, StringComparison.Ordinal);
        Assert.True(report.Devices.Single(d => d.Provider == "cpu").Available);
        var cuda = report.Devices.Single(d => d.Provider == "cuda");
        Assert.False(cuda.Available);
        Assert.Contains("EnergyGateTorchBackend=cuda", cuda.Reason, StringComparison.Ordinal);
    }

    private static readonly string[] LibStdCxxPaths = ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6"];

    private static bool SystemLibStdCxxHasGlibcxx332()
    {
        var path = LibStdCxxPaths.First(File.Exists);
        return File.ReadAllText(path).Contains("GLIBCXX_3.4.32", StringComparison.Ordinal);
    }
}
