using System.Diagnostics;
using System.Globalization;
using EnergyGate.Core.Energy.Estimate;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Torch;

namespace EnergyGate.Benchmarks;

/// <summary>
/// ONNX Runtime CPU vs TorchSharp CPU on the same compute-bound built-in model (8 layers, hidden 512,
/// vocab 4096, ~30 M fp32 parameters; same weights in both formats), same prompt ids, greedy, same
/// thread count; engines alternate each round; medians. Energy per token is the Core estimate:
/// process CPU time x per-core watts (no RAPL here).
/// </summary>
internal static class TorchVsOnnx
{
    public static int Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        int newTokens = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
        int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var spec = new TinyModelSpec(Layers: 8, Hidden: 512, Heads: 8, Vocab: 4096, Context: 1024);
        var folder = TinyModelCatalog.EnsureAsync(Path.Combine(Path.GetTempPath(), "energygate-bench"), spec).GetAwaiter().GetResult();
        var (watts, source) = CpuPowerTable.PerCoreWatts(new EstimateOptions(), null, Environment.ProcessorCount);
        Console.WriteLine($"model {spec.ParameterCount / 1e6:F1} M params, {threads} threads, {rounds} rounds, {newTokens} new tokens; energy: CPU time x {watts:F1} W ({source})");
        using var onnx = OnnxDecoderSession.Open(folder, new OnnxSessionOptions { IntraOpThreads = threads });
        using var torch = TorchDecoderSession.Open(folder, new TorchSessionOptions { Threads = threads });
        IDecoderSession[] engines = [onnx, torch];
        string[] names = ["onnx", "torch"];
        foreach (int promptLength in new[] { 64, 256 })
        {
            var prompt = Enumerable.Range(0, promptLength).Select(i => (i * 131 + 17) % spec.Vocab).ToArray();
            var prefill = new List<double>[] { [], [] };
            var rate = new List<double>[] { [], [] };
            var joules = new List<double>[] { [], [] };
            var tokens = new List<int>[2];
            for (int round = -1; round < rounds; round++)
            {
                for (int k = 0; k < 2; k++)
                {
                    int e = (round & 1) == 0 ? k : 1 - k;
                    var (p, r, j, t) = Measure(engines[e], prompt, newTokens, watts);
                    tokens[e] = t;
                    if (round >= 0)
                    {
                        prefill[e].Add(p);
                        rate[e].Add(r);
                        joules[e].Add(j);
                    }
                }
            }

            Console.WriteLine($"prompt {promptLength}: greedy tokens identical: {tokens[0].SequenceEqual(tokens[1])}");
            for (int e = 0; e < 2; e++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {names[e],-6} prefill {Median(prefill[e]),8:F1} ms   decode {Median(rate[e]),7:F1} tokens/s   {Median(joules[e]) * 1000,7:F2} mJ/token (decode, estimated)"));
            }
        }

        return 0;
    }

    private static (double PrefillMs, double TokensPerSecond, double JoulesPerToken, List<int> Tokens) Measure(IDecoderSession session, int[] prompt, int newTokens, double watts)
    {
        var tokens = new List<int>(newTokens);
        var clock = Stopwatch.StartNew();
        int next = Argmax(session.Prefill(prompt));
        double prefillMs = clock.Elapsed.TotalMilliseconds;
        var cpu = Environment.CpuUsage.TotalTime;
        clock.Restart();
        for (int i = 0; i < newTokens; i++)
        {
            tokens.Add(next);
            next = Argmax(session.Decode(next));
        }

        double seconds = clock.Elapsed.TotalSeconds;
        double cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        return (prefillMs, newTokens / seconds, cpuSeconds * watts / newTokens, tokens);
    }

    internal static int Argmax(ReadOnlySpan<float> logits)
    {
        int best = 0;
        for (int i = 1; i < logits.Length; i++)
        {
            best = logits[i] > logits[best] ? i : best;
        }

        return best;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
