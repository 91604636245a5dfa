using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Core.Tests.Measurement;

/// <summary>
/// The runtimes' versions (and with them their native libraries) are read ahead on a thread of
/// their own: once per runtime, off the caller's thread, and a failing read is left for the header.
/// </summary>
public sealed class RuntimeVersionsTests
{
    private sealed class CountingFactory(string runtime, Func<string> version) : IDecoderSessionFactory
    {
        public int Reads;

        public int? ReadOnThread;

        public string Runtime => runtime;

        public string Version
        {
            get
            {
                Interlocked.Increment(ref Reads);
                ReadOnThread = Environment.CurrentManagedThreadId;
                return version();
            }
        }

        public IDecoderSession Open(string modelDirectory, RuntimeSettings runtime) => throw new NotSupportedException();
    }

    [Fact]
    public void Each_runtime_is_read_once_off_the_callers_thread()
    {
        var onnx = new CountingFactory("onnx", () => "ort 1");
        var onnxAgain = new CountingFactory("onnx", () => "ort 1");
        var torch = new CountingFactory("torch", () => "torch 2");

        var versions = RuntimeVersions.Start([onnx, torch, onnxAgain]);
        versions.Wait();

        Assert.Equal(["onnx", "torch"], versions.Loaded);
        Assert.Empty(versions.Failed);
        Assert.Equal(1, onnx.Reads);
        Assert.Equal(0, onnxAgain.Reads);
        Assert.Equal(1, torch.Reads);
        Assert.NotEqual(Environment.CurrentManagedThreadId, onnx.ReadOnThread);
    }

    [Fact]
    public void A_runtime_that_cannot_load_is_left_for_the_header_and_the_others_are_read()
    {
        var broken = new CountingFactory("torch", () => throw new DllNotFoundException("libtorch"));
        var onnx = new CountingFactory("onnx", () => "ort 1");

        var versions = RuntimeVersions.Start([broken, onnx]);
        versions.Wait();

        Assert.Equal(["torch"], versions.Failed);
        Assert.Equal(["onnx"], versions.Loaded);
        // The header's own read throws on the run's thread, where the error was always reported.
        Assert.Throws<DllNotFoundException>(() => broken.Version);
    }
}
