using System.Globalization;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Runtimes.Torch;

namespace EnergyGate.Benchmarks;

/// <summary>
/// Native memory of the TorchSharp runtime over a long decode: 1,000 greedy decode steps on the
/// built-in tiny model (a new Prefill whenever the 512-token context fills), VmRSS every 100 steps.
/// Flat figures after warm-up mean every step's tensors are released.
/// </summary>
internal static class TorchNativeMemory
{
    public static int Run(string[] args)
    {
        int steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var spec = new TinyModelSpec();
        var folder = TinyModelCatalog.EnsureAsync(Path.Combine(Path.GetTempPath(), "energygate-bench"), spec).GetAwaiter().GetResult();
        using var session = TorchDecoderSession.Open(folder, new TorchSessionOptions { Threads = 1 });
        int[] prompt = [.. Enumerable.Range(0, 8)];
        int next = TorchVsOnnx.Argmax(session.Prefill(prompt));
        int length = prompt.Length;
        Console.WriteLine($"step 0: VmRSS {RssKiB()} KiB");
        for (int step = 1; step <= steps; step++)
        {
            if (length == session.MaxSequenceLength)
            {
                next = TorchVsOnnx.Argmax(session.Prefill(prompt));
                length = prompt.Length;
            }

            next = TorchVsOnnx.Argmax(session.Decode(next));
            length++;
            if (step % 100 == 0)
            {
                // A full collection first, so the figure is native memory plus live managed objects, not garbage.
                long managed = GC.GetTotalMemory(forceFullCollection: true) / 1024;
                Console.WriteLine($"step {step}: VmRSS {RssKiB()} KiB (managed heap {managed} KiB)");
            }
        }

        return 0;
    }

    private static long RssKiB() => long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
