using System.Diagnostics;
using System.Globalization;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Energy.Estimate;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Core.Runtimes;
using EnergyGate.Core.Statistics;
using EnergyGate.Runtimes.LlamaCpp;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Torch;
using LLama;
using LLama.Common;
using LLama.Native;
using LLama.Sampling;

namespace EnergyGate.Benchmarks;

/// <summary>
/// The three runtimes on one ~30 M-parameter built-in model (GPT-2, 8 layers, hidden 512, vocab 4096):
/// ONNX Runtime fp32, TorchSharp fp32, and llama.cpp in F32, Q8_0 and Q4_0 through our session; beside
/// each llama.cpp row the same GGUF file run by LLamaSharp's own example-style loop (LLamaWeights,
/// LLamaContext, LLamaBatch, GreedySamplingPipeline: llama.cpp samples natively) as the peer, both
/// with the same context settings (flash attention off: LLamaSharp's ModelParams default).
/// Same prompt ids, greedy, same threads, engines in a new random order each round, medians of the rounds. Energy per
/// token is the Core estimate (process CPU time x per-core watts; no RAPL on the build machines).
/// </summary>
internal static class RuntimesSideBySide
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    public static int Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        int newTokens = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
        int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var (watts, source) = CpuPowerTable.PerCoreWatts(new EstimateOptions(), null, Environment.ProcessorCount);
        var spec = new TinyModelSpec(Layers: 8, Hidden: 512, Heads: 8, Vocab: 4096, Context: 1024);
        var folder = TinyModelCatalog.EnsureAsync(Path.Combine(Path.GetTempPath(), "energygate-bench"), spec).GetAwaiter().GetResult();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{spec.ArchitectureName} {spec.ParameterCount / 1e6:0.0} M parameters; {threads} threads, {rounds} rounds, 64-token prompt, {newTokens} new tokens; energy: CPU time x {watts:F1} W ({source})"));

        var engines = new List<(string Name, Func<int[], int, (double, double, List<int>)> Run, IDisposable Owner)>();
        var onnx = OnnxDecoderSession.Open(folder, new OnnxSessionOptions { IntraOpThreads = threads });
        engines.Add(("ONNX Runtime fp32", (p, n) => Ours(onnx, p, n), onnx));
        var torch = TorchDecoderSession.Open(folder, new TorchSessionOptions { Threads = threads });
        engines.Add(("TorchSharp fp32", (p, n) => Ours(torch, p, n), torch));
        var runtime = new LlamaCppRuntime();
        foreach (var quantization in new[] { "f32", "q8_0", "q4_0" })
        {
            var settings = new RuntimeSettings(LlamaCppRuntime.Name, "cpu", 0, threads, false) { Options = new(StringComparer.Ordinal) { ["quantization"] = quantization, ["flash-attention"] = "off" } };
            var path = runtime.PrepareModel(new ResolvedModel(ModelSettings.BuiltinTiny, folder, spec), settings);
            var ours = (LlamaCppDecoderSession)runtime.Open(path, settings);
            engines.Add(($"llama.cpp {quantization} (ours)", (p, n) => Ours(ours, p, n), ours));
            var peer = new PeerLoop(path, threads, spec.Context);
            engines.Add(($"llama.cpp {quantization} (LLamaSharp loop)", peer.Run, peer));
        }

        var prompt = Enumerable.Range(0, 64).Select(i => (i * 131 + 17) % spec.Vocab).ToArray();
        var rate = engines.Select(_ => new List<double>()).ToArray();
        var joules = engines.Select(_ => new List<double>()).ToArray();
        var tokens = new List<int>[engines.Count];
        // A new shuffled order each round: a rotation keeps each engine's predecessor, and libgomp's
        // threads spin on after TorchSharp's decode (measured: llama.cpp F32 after TorchSharp ran 8 %
        // slower in every round).
        var random = new Random(7);
        for (int round = -1; round < rounds; round++)
        {
            var order = Enumerable.Range(0, engines.Count).ToArray();
            random.Shuffle(order);
            foreach (var e in order)
            {
                Thread.Sleep(Settle);
                var cpu = Environment.CpuUsage.TotalTime;
                var (tokensPerSecond, cpuSeconds, output) = engines[e].Run(prompt, newTokens);
                tokens[e] = output;
                if (round >= 0)
                {
                    rate[e].Add(tokensPerSecond);
                    joules[e].Add(cpuSeconds * watts / newTokens);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| engine | decode tokens/s | decode mJ/token (estimated) | greedy tokens = ONNX Runtime's | tokens/s vs LLamaSharp loop |");
        Console.WriteLine("|---|---:|---:|---|---:|");
        for (int e = 0; e < engines.Count; e++)
        {
            int same = tokens[e].Zip(tokens[0]).TakeWhile(pair => pair.First == pair.Second).Count();
            var agreement = e == 0 ? "-" : same == newTokens ? "all" : $"first {same} of {newTokens}";
            var versus = engines[e].Name.EndsWith("(ours)", StringComparison.Ordinal) ? (Median.Of(rate[e]) / Median.Of(rate[e + 1])).ToString("0.00 x", CultureInfo.InvariantCulture) : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {engines[e].Name} | {Median.Of(rate[e]):F1} | {Median.Of(joules[e]) * 1000:F2} | {agreement} | {versus} |"));
        }
        engines.ForEach(e => e.Owner.Dispose());
        return 0;
    }

    /// <summary>Our decode loop: prefill, then one Decode per token with a managed argmax (as the tool's generator does).</summary>
    private static (double TokensPerSecond, double CpuSeconds, List<int> Tokens) Ours(IDecoderSession session, int[] prompt, int newTokens)
    {
        var tokens = new List<int>(newTokens);
        int next = TorchVsOnnx.Argmax(session.Prefill(prompt));
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < newTokens; i++)
        {
            tokens.Add(next);
            next = TorchVsOnnx.Argmax(session.Decode(next));
        }
        return (newTokens / clock.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds, tokens);
    }

    /// <summary>LLamaSharp's documented low-level loop: a batch per step, llama.cpp's greedy sampler chain.</summary>
    private sealed class PeerLoop : IDisposable
    {
        private readonly LLamaWeights _weights;
        private readonly LLamaContext _context;

        public PeerLoop(string path, int threads, int context)
        {
            // The same settings as our entry: n_ctx, n_batch 512, F16 KV cache, flash attention off, weights read into memory.
            var parameters = new ModelParams(path) { ContextSize = (uint)context, Threads = threads, BatchThreads = threads, GpuLayerCount = 0, BatchSize = 512, UBatchSize = 512, FlashAttention = false, LoadMode = LLamaLoadMode.None };
            _weights = LLamaWeights.LoadFromFile(parameters);
            _context = new LLamaContext(_weights, parameters);
        }

        public (double TokensPerSecond, double CpuSeconds, List<int> Tokens) Run(int[] prompt, int newTokens)
        {
            _context.NativeHandle.MemoryClear(true);
            using var sampler = new GreedySamplingPipeline();
            var batch = new LLamaBatch();
            for (int i = 0; i < prompt.Length; i++)
            {
                batch.Add(prompt[i], i, LLamaSeqId.Zero, i == prompt.Length - 1);
            }
            _context.Decode(batch);
            var next = sampler.Sample(_context.NativeHandle, batch.TokenCount - 1);
            var tokens = new List<int>(newTokens);
            var cpu = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < newTokens; i++)
            {
                tokens.Add((int)next);
                sampler.Accept(next);
                batch.Clear();
                batch.Add(next, prompt.Length + i, LLamaSeqId.Zero, true);
                _context.Decode(batch);
                next = sampler.Sample(_context.NativeHandle, 0);
            }
            return (newTokens / clock.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds, tokens);
        }

        public void Dispose()
        {
            _context.Dispose();
            _weights.Dispose();
        }
    }
}
