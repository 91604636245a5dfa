using EnergyGate.Core;

namespace EnergyGate.Tool.Tests;

/// <summary>The GPU package has no libtorch: asking it for the torch runtime says so and what to install instead.</summary>
public sealed class ToolFlavorTests
{
    [Fact]
    public void The_gpu_package_refuses_torch_naming_the_cpu_package_and_the_source_build()
    {
        var e = Assert.Throws<EnergyGateException>(() => RuntimeRegistry.Get("torch", ToolFlavor.Gpu));

        Assert.StartsWith("EG2006: runtime `torch` is not in the dotnet-energygate-gpu package", e.Message, StringComparison.Ordinal);
        Assert.Contains("install dotnet-energygate", e.Message, StringComparison.Ordinal);
        Assert.Contains("-p:EnergyGateTorchBackend=cuda", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpu", "onnx")]
    [InlineData("cpu", "torch")]
    [InlineData("source", "torch")]
    public void Other_runtime_and_flavor_pairs_are_served(string flavor, string runtime)
    {
        Assert.Null(ToolFlavor.MissingRuntime(flavor, runtime));
        Assert.Equal(runtime, RuntimeRegistry.Get(runtime, flavor).Runtime);
    }

    [Fact]
    public void A_build_from_source_says_so()
    {
        // Tests run against the portable build of the tool, which carries every runtime and provider.
        Assert.Equal("source", ToolFlavor.Current);
        Assert.Contains("from source", ToolFlavor.Describe(ToolFlavor.Current), StringComparison.Ordinal);
    }
}
