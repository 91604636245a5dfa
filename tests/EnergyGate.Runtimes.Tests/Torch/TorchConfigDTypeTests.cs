using EnergyGate.Core.Configuration;
using EnergyGate.Runtimes.Tests.TestSupport;
using EnergyGate.Runtimes.Torch;

namespace EnergyGate.Runtimes.Tests.Torch;

/// <summary>`dtype` on a torch runtime in energygate.yml reaches the session the run opens.</summary>
public sealed class TorchConfigDTypeTests(TinyModelFixture tiny) : IClassFixture<TinyModelFixture>
{
    [Theory]
    [InlineData("float16")]
    [InlineData("bfloat16")]
    public void Dtype_from_the_file_reaches_the_torch_session(string dtype)
    {
        var factory = new TorchRuntimeFactory();
        var chosen = TorchRuntime($"dtype: {dtype}");
        var unset = TorchRuntime("");

        using var session = factory.Open(tiny.Folder, chosen);
        using var defaultSession = factory.Open(tiny.Folder, unset);

        Assert.Equal(dtype, chosen.DType);
        Assert.Null(unset.DType);
        Assert.EndsWith($"({dtype})", session.Description, StringComparison.Ordinal);
        Assert.EndsWith("(float32)", defaultSession.Description, StringComparison.Ordinal);
        Assert.All(session.Prefill([1, 2, 3]).ToArray(), l => Assert.True(float.IsFinite(l)));
    }

    // The runtime settings a run resolves from an energygate.yml with one torch runtime entry.
    private static RuntimeSettings TorchRuntime(string extraKeys)
    {
        var file = ConfigLoader.Parse($$"""
            version: 1
            runtimes:
              - { runtime: torch, provider: cpu, threads: 1{{(extraKeys.Length > 0 ? ", " + extraKeys : "")}} }
            """, "energygate.yml", Path.GetTempPath());
        return Assert.Single(SettingsResolver.Resolve(file, new Dictionary<string, string?>(), CliOverrides.None, Path.GetTempPath()).Runtimes);
    }
}
