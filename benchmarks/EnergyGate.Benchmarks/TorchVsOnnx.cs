using System.Diagnostics;
using System.Globalization;
using EnergyGate.Core.Energy.Estimate;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Torch;
using TorchSharp;

namespace EnergyGate.Benchmarks;

/// <summary>
/// ONNX Runtime CPU vs TorchSharp CPU on the same compute-bound built-in models (GPT-2 and Llama, 8
/// layers, hidden 512, vocab 4096, ~30 M fp32 parameters; same weights in both formats), same prompt
/// ids, greedy, same thread count; engines alternate each round; medians. TorchSharp also runs in
/// bfloat16 (its tokens may differ from fp32's; the table says how many of them match). Energy per
/// token is the Core estimate: process CPU time x per-core watts (no RAPL here).
/// </summary>
/// <remarks>
/// Each measurement starts after a 200 ms pause: ONNX Runtime's intra-op workers keep spinning after
/// a run and libgomp's after libtorch's, and without the pause whichever engine ran second shared
/// the 2 cores with the other's spinning threads (TorchSharp's 64-token prefill measured 70 ms right
/// after ONNX Runtime's decode, 28 ms after the pause). In a real run only one engine is loaded.
/// </remarks>
internal static class TorchVsOnnx
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    public static int Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        int newTokens = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
        int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var (watts, source) = CpuPowerTable.PerCoreWatts(new EstimateOptions(), null, Environment.ProcessorCount);
        Console.WriteLine($"{threads} threads, {rounds} rounds, {newTokens} new tokens; energy: CPU time x {watts:F1} W ({source})");
        var gpt2 = new TinyModelSpec(Layers: 8, Hidden: 512, Heads: 8, Vocab: 4096, Context: 1024);
        var rows = new List<string>();
        foreach (var spec in new[] { gpt2, gpt2 with { Architecture = TinyArchitecture.Llama, Intermediate = 1536 } })
        {
            var folder = TinyModelCatalog.EnsureAsync(Path.Combine(Path.GetTempPath(), "energygate-bench"), spec).GetAwaiter().GetResult();
            var model = FormattableString.Invariant($"{spec.ArchitectureName} ({spec.ParameterCount / 1e6:0.0} M)");
            using var onnx = OnnxDecoderSession.Open(folder, new OnnxSessionOptions { IntraOpThreads = threads });
            using var torch = TorchDecoderSession.Open(folder, new TorchSessionOptions { Threads = threads });
            using var bf16 = TorchDecoderSession.Open(folder, new TorchSessionOptions { Threads = threads, DType = TorchDTypes.Bf16 });
            rows.AddRange(Compare(model, [onnx, torch, bf16], ["ONNX Runtime fp32", "TorchSharp fp32", "TorchSharp bf16"], spec.Vocab, rounds, newTokens, watts));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model}: TorchSharp fp32 creates {TensorsPerDecodeStep(torch, spec.Vocab):F0} native tensor handles per decode step"));
        }

        Console.WriteLine();
        Console.WriteLine("| model | prompt | engine | prefill ms | decode tokens/s | decode mJ/token (estimated) | greedy tokens = ONNX Runtime's |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    private static List<string> Compare(string model, IDecoderSession[] engines, string[] names, int vocab, int rounds, int newTokens, double watts)
    {
        var rows = new List<string>();
        foreach (int promptLength in new[] { 64, 256 })
        {
            var prompt = Enumerable.Range(0, promptLength).Select(i => (i * 131 + 17) % vocab).ToArray();
            var prefill = engines.Select(_ => new List<double>()).ToArray();
            var rate = engines.Select(_ => new List<double>()).ToArray();
            var joules = engines.Select(_ => new List<double>()).ToArray();
            var tokens = new List<int>[engines.Length];
            for (int round = -1; round < rounds; round++)
            {
                for (int k = 0; k < engines.Length; k++)
                {
                    // Rotate the order each round so no engine always follows the same one.
                    int e = (k + Math.Max(round, 0)) % engines.Length;
                    Thread.Sleep(Settle);
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

            for (int e = 0; e < engines.Length; e++)
            {
                int same = tokens[e].Zip(tokens[0]).TakeWhile(pair => pair.First == pair.Second).Count();
                var agreement = e == 0 ? "-" : same == newTokens ? "all" : $"first {same} of {newTokens}";
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {model} | {promptLength} | {names[e]} | {Median(prefill[e]):F1} | {Median(rate[e]):F1} | {Median(joules[e]) * 1000:F1} | {agreement} |"));
                Console.WriteLine(rows[^1]);
            }
        }

        return rows;
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

    // Per-op overhead check: every TorchSharp result (views included) is a native handle counted by the dispose scopes.
    private static double TensorsPerDecodeStep(TorchDecoderSession session, int vocab)
    {
        const int Steps = 16;
        int next = Argmax(session.Prefill([1, 2, 3, vocab - 1]));
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        statistics.Reset();
        for (int i = 0; i < Steps; i++)
        {
            next = Argmax(session.Decode(next));
        }

        return (double)(statistics.CreatedInScopeCount + statistics.CreatedOutsideScopeCount) / Steps;
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
