using System.Globalization;
using System.Text.Json;
using EnergyGate.Core.Models.Tiny;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyGate.Benchmarks;

/// <summary>
/// Where a batched decode step's time goes in ONNX Runtime: the built-in ~30 M-parameter GPT-2's
/// graph run at batch 1 and batch 16 with a past of the given length, ONNX Runtime's own profiler on,
/// kernel time summed by operator type. This is what explains why batching saves less on onnx than on
/// torch: the graph's KV update is a Concat that copies the whole batch cache every step.
/// </summary>
internal static class OnnxStepProfile
{
    private const int Steps = 30;

    public static int Run(string[] args)
    {
        var past = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 450;
        var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var spec = new TinyModelSpec(Layers: 8, Hidden: 512, Heads: 8, Vocab: 4096, Context: 1024);
        var folder = TinyModelCatalog.EnsureAsync(Path.Combine(Path.GetTempPath(), "energygate-bench"), spec).GetAwaiter().GetResult();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{spec.ArchitectureName} {spec.ParameterCount / 1e6:0.0} M parameters; past {past} positions, {threads} threads, {Steps} decode steps per batch size"));
        Console.WriteLine("| batch | kernel ms per step | kernel ms per token | Concat | Identity | MatMul + FusedMatMul | other |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var batch in new[] { 1, 4, 16 })
        {
            var byOp = Profile(Path.Combine(folder, "model.onnx"), spec, batch, past, threads);
            var total = byOp.Values.Sum();
            double Share(params string[] ops) => ops.Sum(o => byOp.GetValueOrDefault(o)) / total;
            var matmul = Share("MatMul", "FusedMatMul");
            var (concat, identity) = (Share("Concat"), Share("Identity"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {batch} | {total / Steps / 1000:0.00} | {total / Steps / 1000 / batch:0.00} | {concat:P0} | {identity:P0} | {matmul:P0} | {1 - concat - identity - matmul:P0} |"));
        }
        return 0;
    }

    /// <summary>Kernel microseconds by operator type over <see cref="Steps"/> decode steps.</summary>
    private static Dictionary<string, double> Profile(string model, TinyModelSpec spec, int batch, int past, int threads)
    {
        var prefix = Path.Combine(Path.GetTempPath(), $"energygate-onnx-profile-b{batch}");
        using var options = new SessionOptions { IntraOpNumThreads = threads, EnableProfiling = true, ProfileOutputPathPrefix = prefix };
        using var session = new InferenceSession(model, options);
        var headDim = spec.Hidden / spec.Heads;
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(Enumerable.Repeat(7L, batch).ToArray(), [batch, 1])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(Enumerable.Repeat(1L, batch * (past + 1)).ToArray(), [batch, past + 1])),
            NamedOnnxValue.CreateFromTensor("position_ids", new DenseTensor<long>(Enumerable.Repeat((long)past, batch).ToArray(), [batch, 1])),
        };
        var random = new Random(1);
        for (var layer = 0; layer < spec.Layers; layer++)
        {
            foreach (var part in new[] { "key", "value" })
            {
                var data = new float[batch * spec.Heads * past * headDim];
                for (var i = 0; i < data.Length; i++)
                {
                    data[i] = (float)(random.NextDouble() - 0.5);
                }
                inputs.Add(NamedOnnxValue.CreateFromTensor($"past_key_values.{layer}.{part}", new DenseTensor<float>(data, [batch, spec.Heads, past, headDim])));
            }
        }
        using (session.Run(inputs))
        {
            // Warm-up: the first run's allocations are not a step's cost.
        }
        for (var step = 0; step < Steps; step++)
        {
            using var outputs = session.Run(inputs);
        }
        var file = session.EndProfiling();
        var byOp = new Dictionary<string, double>(StringComparer.Ordinal);
        using (var doc = JsonDocument.Parse(File.ReadAllText(file)))
        {
            var events = doc.RootElement.EnumerateArray().ToList();
            // The warm-up run's kernels lie inside the earliest model_run window: its allocations are not a step's cost.
            var warmup = events.Where(e => e.GetProperty("cat").GetString() == "Session" && e.GetProperty("name").GetString() == "model_run")
                .Select(e => (Start: e.GetProperty("ts").GetDouble(), End: e.GetProperty("ts").GetDouble() + e.GetProperty("dur").GetDouble()))
                .MinBy(w => w.Start);
            foreach (var e in events)
            {
                var ts = e.GetProperty("ts").GetDouble();
                if (e.GetProperty("cat").GetString() == "Node" && e.GetProperty("name").GetString()!.EndsWith("_kernel_time", StringComparison.Ordinal)
                    && (ts < warmup.Start || ts > warmup.End))
                {
                    var op = e.GetProperty("args").GetProperty("op_name").GetString()!;
                    byOp[op] = byOp.GetValueOrDefault(op) + e.GetProperty("dur").GetDouble();
                }
            }
        }
        File.Delete(file);
        return byOp;
    }
}
