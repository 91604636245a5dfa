using EnergyGate.Core;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Tests.TestSupport;
using Xunit.Abstractions;

namespace EnergyGate.Runtimes.Tests.Onnx;

/// <summary>
/// GPU providers. On the build machines (no GPU, no CUDA 13 runtime) they cannot start and the tests
/// check the EG2001 error and the CPU fallback; where the probe says one starts, the same tests check
/// that the session really runs on it instead.
/// </summary>
public sealed class ProviderTests(TinyModelFixture tiny, ITestOutputHelper output) : IClassFixture<TinyModelFixture>
{
    private static readonly Lazy<OnnxProbeReport> Report = new(() => OnnxProviders.Probe());

    [Fact]
    public void Probe_reports_version_and_every_provider_with_a_reason_when_it_cannot_start()
    {
        var report = Report.Value;
        foreach (var p in report.Providers)
        {
            output.WriteLine($"{p.Provider,-9} listed={p.Listed} starts={p.CanStart} {p.Reason}");
        }

        Assert.StartsWith("1.", report.OrtVersion, StringComparison.Ordinal);
        Assert.Equal(OnnxProviders.All, report.Providers.Select(p => p.Provider));
        var cpu = report.Providers[0];
        Assert.True(cpu.Listed && cpu.CanStart, cpu.Reason);
        Assert.All(report.Providers, p => Assert.Equal(p.CanStart, p.Reason is null));
    }

    [Theory]
    [InlineData("cuda", "CUDAExecutionProvider")]
    [InlineData("tensorrt", "TensorrtExecutionProvider")]
    public void Gpu_provider_that_cannot_start_is_EG2001_naming_provider_and_cause(string provider, string ortName)
    {
        if (Starts(provider))
        {
            using var gpu = OnnxDecoderSession.Open(tiny.Folder, new OnnxSessionOptions { Provider = provider });
            Assert.Equal(provider, gpu.Provider);
            Assert.Equal(tiny.Spec.Vocab, gpu.Prefill([1, 2, 3]).Length);
            return;
        }

        var e = Assert.Throws<EnergyGateException>(() => OnnxDecoderSession.Open(tiny.Folder, new OnnxSessionOptions { Provider = provider }));
        output.WriteLine(e.Message);
        Assert.StartsWith($"EG2001: ONNX Runtime provider '{provider}' ({ortName}, device 0) cannot start: ", e.Message, StringComparison.Ordinal);
        // The cause is ONNX Runtime's own first line (a missing library or no device), then what to do.
        var cause = e.Message.Split("cannot start: ")[1];
        Assert.True(cause.Length > 40, cause);
        Assert.Contains("choose provider", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.InnerException);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("tensorrt")]
    public void With_cpu_fallback_a_gpu_provider_that_cannot_start_runs_on_cpu_and_says_so(string provider)
    {
        using var session = OnnxDecoderSession.Open(tiny.Folder, new OnnxSessionOptions { Provider = provider, AllowCpuFallback = true });
        if (Starts(provider))
        {
            Assert.Equal(provider, session.Provider);
            Assert.Null(session.FallbackReason);
            return;
        }

        Assert.Equal("cpu", session.Provider);
        Assert.Equal(provider, session.RequestedProvider);
        Assert.StartsWith("EG2001", session.FallbackReason, StringComparison.Ordinal);
        Assert.StartsWith("onnx/cpu tiny (CPU fallback: EG2001", session.Description, StringComparison.Ordinal);
        Assert.Equal(tiny.Spec.Vocab, session.Prefill([1, 2, 3]).Length);
    }

    private static bool Starts(string provider) => Report.Value.Providers.Single(p => p.Provider == provider).CanStart;
}
