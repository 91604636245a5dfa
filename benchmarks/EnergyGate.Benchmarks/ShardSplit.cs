using System.Diagnostics;
using System.Globalization;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Measurement.Sharding;
using EnergyGate.Core.Suites.HumanEval;

namespace EnergyGate.Benchmarks;

/// <summary>
/// The `--shard` split side by side with the two obvious alternatives on a HumanEval-sized plan:
/// our greedy longest-processing-time split by estimated cost, dealing units round-robin in plan
/// order, and contiguous blocks of the plan. Prints each one's spread ((max - min) / mean of the
/// shards' estimated cost) and what the estimate and the split cost in time (the prompts are
/// tokenized by a GPT-2 tokenizer, as every shard does before it measures).
/// </summary>
internal static class ShardSplit
{
    public static int Run(string[] args)
    {
        var shared = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared"));
        var humanEval = args.Length > 0 ? args[0] : Path.Combine(shared, "datasets", "humaneval", "HumanEval.jsonl.gz");
        var tokenizerDir = args.Length > 1 ? args[1] : Path.Combine(shared, "models", "tiny-random-gpt2");
        var problems = HumanEvalLoader.Load(humanEval);
        var tokenizer = HuggingFaceTokenizer.Load(tokenizerDir);
        // Three cells of one suite with different answer budgets, like a runtime x provider matrix.
        int[] budgets = [128, 256, 512];
        var clock = Stopwatch.StartNew();
        var promptTokens = problems.Select(p => tokenizer.Encode(p.Prompt).Count).ToList();
        var estimate = clock.Elapsed;
        var units = budgets.SelectMany(b => problems.Select((p, i) => new WorkUnit($"humaneval/m/rt-{b}/cpu", p.TaskId, promptTokens[i] + b))).ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"{units.Count} units ({problems.Count} HumanEval tasks x {budgets.Length} cells); prompt tokens {promptTokens.Min()}..{promptTokens.Max()}; tokenizing every prompt once: {estimate.TotalMilliseconds:0.0} ms"));
        Console.WriteLine("| shards | LPT spread | round-robin spread | contiguous spread | largest unit / mean shard | LPT split time (median of 21) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var n in new[] { 2, 4, 8, 16, 32 })
        {
            var lpt = ShardSplitter.Split(units, n).Select(s => s.Sum(u => u.Cost)).ToList();
            var roundRobin = Enumerable.Range(0, n).Select(s => units.Where((_, i) => i % n == s).Sum(u => u.Cost)).ToList();
            var contiguous = Enumerable.Range(0, n).Select(s => units.Where((_, i) => (long)i * n / units.Count == s).Sum(u => u.Cost)).ToList();
            var times = Enumerable.Range(0, 21).Select(_ =>
            {
                var watch = Stopwatch.StartNew();
                ShardSplitter.Split(units, n);
                return watch.Elapsed.TotalMilliseconds;
            }).Order().ToList();
            Console.WriteLine(FormattableString.Invariant(
                $"| {n} | {Spread(lpt):0.00%} | {Spread(roundRobin):0.00%} | {Spread(contiguous):0.00%} | {units.Max(u => u.Cost) / lpt.Average():0.00%} | {times[10]:0.000} ms |"));
        }
        return 0;
    }

    private static double Spread(List<long> loads) => (loads.Max() - loads.Min()) / loads.Average();
}
