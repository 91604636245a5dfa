using System.Runtime.CompilerServices;
using System.Diagnostics;
using System.Globalization;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Runtimes.Onnx;
using Genai = Microsoft.ML.OnnxRuntimeGenAI;

namespace EnergyGate.Benchmarks;

/// <summary>
/// Our generation path (<see cref="Generator"/> over <see cref="OnnxDecoderSession"/>) against
/// Microsoft.ML.OnnxRuntimeGenAI on the same model folder, prompt ids, thread count and token count,
/// alternated round by round in one process (both use the same libonnxruntime.so, CPU provider).
/// </summary>
/// <remarks>
/// <para>What each figure covers (the same work on both sides):</para>
/// <list type="bullet">
/// <item><b>prefill ms</b>. Ours: <see cref="GenerationResult.PrefillDuration"/>, i.e. the
/// <see cref="IDecoderSession.Prefill"/> call: binding the prompt, the forward pass over all prompt
/// positions and copying the last position's logits. genai: the <c>AppendTokens(prompt)</c> call,
/// which (since genai 0.6) runs the prompt's forward pass and leaves the logits ready; it does not
/// select a token (the split to the first <c>GenerateNextToken</c> is printed to show it).</item>
/// <item><b>TTFT ms</b>. Ours: <see cref="GenerationResult.TimeToFirstToken"/> = prefill + greedy
/// selection of token 0. genai: <c>AppendTokens</c> + the first <c>GenerateNextToken</c>, which only
/// selects token 0 from the prefill logits (no forward pass).</item>
/// <item><b>decode tok/s</b>. N new tokens need N - 1 decode forward passes on both engines. Ours:
/// <see cref="GenerationResult.DecodeTokensPerSecond"/> = (N - 1) / [prefill end, generation end],
/// which also covers our per-token stopping checks, incremental detokenization and the final
/// flush. genai: (N - 1) / [end of <c>AppendTokens</c>, end of the N-th <c>GenerateNextToken</c>];
/// genai does not detokenize in that loop.</item>
/// </list>
/// <para>Greedy on both, and the end-of-sequence id can never be chosen (genai: <c>min_length</c> =
/// <c>max_length</c>; ours: an argmax that skips it), so both produce exactly N tokens; the counts are
/// asserted equal and the sequences compared. Session and genai <c>Model</c> are loaded once (not
/// timed); genai's <c>Generator</c> (KV buffers) is created per run outside the timing, as our
/// <see cref="IDecoderSession.Reset"/> happens before the prefill timestamp.</para>
/// </remarks>
internal static class OnnxGeneration
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var newTokens = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 128;
        var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        // "shared": only the shared model (a quick look at the overhead-bound case); anything else or nothing: all models.
        var sharedOnly = args.Length > 3 && args[3] == "shared";
        int[] promptLengths = [64, 256];
        Console.WriteLine(FormattableString.Invariant(
            $"onnx: {rounds} rounds (+1 warm-up discarded), {newTokens} new tokens, {threads} intra-op thread(s), CPU provider, greedy, medians; tiered JIT off as in the tool"));

        var rows = new List<Row>();
        var shared = Path.GetFullPath(Path.Combine(FindRepoRoot(), "..", "shared", "models", "tiny-random-gpt2"));
        if (Directory.Exists(shared))
        {
            rows.AddRange(Measure("tiny-random-gpt2 (shared)", shared, promptLengths, rounds, newTokens, threads));
        }
        else
        {
            Console.Error.WriteLine($"skipping the shared model: {shared} not found");
        }

        var temp = Directory.CreateTempSubdirectory("eg-bench-onnx-").FullName;
        try
        {
            // GPT-2 and Llama of about the same size (29.9 M and 29.4 M parameters): what the block design costs.
            var gpt2 = new TinyModelSpec(Layers: 8, Hidden: 512, Heads: 8, Vocab: 4096, Context: 1024);
            TinyModelSpec[] specs = sharedOnly ? [] : [gpt2, gpt2 with { Architecture = TinyArchitecture.Llama, Intermediate = 1536 }];
            foreach (var spec in specs)
            {
                var folder = Path.Combine(temp, spec.ArchitectureName);
                TinyModelWriter.Write(folder, spec);
                var name = FormattableString.Invariant($"tiny {spec.ArchitectureName} L{spec.Layers} H{spec.Hidden} V{spec.Vocab} ({spec.ParameterCount / 1e6:0.0} M)");
                rows.AddRange(Measure(name, folder, promptLengths, rounds, newTokens, threads));
            }
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine("| model | prompt | engine | prefill ms | TTFT ms | decode tok/s | ratio ours/genai (prefill, TTFT: <1 faster; decode: >1 faster) |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(row.ToMarkdown());
        }

        return 0;
    }

    private static List<Row> Measure(string name, string folder, int[] promptLengths, int rounds, int newTokens, int threads)
    {
        using var ours = OnnxDecoderSession.Open(folder, new OnnxSessionOptions { IntraOpThreads = threads });
        var tokenizer = HuggingFaceTokenizer.Load(folder);
        using var config = new Genai.Config(folder);
        config.Overlay("{\"model\":{\"decoder\":{\"session_options\":{\"intra_op_num_threads\":"
            + threads.ToString(CultureInfo.InvariantCulture) + ",\"graph_optimization_level\":\"ORT_ENABLE_ALL\"}}}}");
        using var model = new Genai.Model(config);
        var eos = tokenizer.EndOfSequenceIds.Count > 0 ? tokenizer.EndOfSequenceIds[0] : -1;
        var generator = new Generator();
        var rows = new List<Row>();
        foreach (var promptLength in promptLengths)
        {
            var prompt = PromptIds(promptLength, ours.VocabularySize, eos);
            var settings = new GenerationSettings { MaxNewTokens = newTokens };
            var hooks = new GenerationHooks { Selector = new GreedyExcept(eos) };
            var ourRuns = new List<Sample>();
            var genaiRuns = new List<Sample>();
            var mismatch = 0;
            for (var round = 0; round <= rounds; round++)
            {
                // Alternate the order so drift and cache warmth favour neither engine.
                Sample a, b;
                IReadOnlyList<int> oursIds, genaiIds;
                if (round % 2 == 0)
                {
                    (a, oursIds) = RunOurs(generator, ours, tokenizer, prompt, settings, hooks);
                    (b, genaiIds) = RunGenai(model, prompt, newTokens);
                }
                else
                {
                    (b, genaiIds) = RunGenai(model, prompt, newTokens);
                    (a, oursIds) = RunOurs(generator, ours, tokenizer, prompt, settings, hooks);
                }

                if (oursIds.Count != newTokens || genaiIds.Count != newTokens)
                {
                    throw new InvalidOperationException(
                        $"token counts differ: ours {oursIds.Count}, genai {genaiIds.Count}, asked {newTokens}");
                }

                mismatch = FirstDifference(oursIds, genaiIds);
                if (round > 0)
                {
                    ourRuns.Add(a);
                    genaiRuns.Add(b);
                }
            }

            var o = Sample.Median(ourRuns);
            var g = Sample.Median(genaiRuns);
            Console.WriteLine(FormattableString.Invariant(
                $"{name}, prompt {promptLength}: tokens {(mismatch < 0 ? "identical" : $"differ from #{mismatch}")}; genai first GenerateNextToken after AppendTokens {g.TtftMs - g.PrefillMs:0.000} ms"));
            rows.Add(new Row(name, promptLength, "ours", o, null));
            rows.Add(new Row(name, promptLength, "genai", g, o));
        }

        return rows;
    }

    /// <summary>
    /// Run before every measured generation, outside its timing. Each engine's ONNX Runtime session
    /// owns an intra-op thread pool whose workers keep spinning for a while after a run; on a small
    /// machine the engine that runs right after the other one loses cores to those spinning threads
    /// (measured: 64-token prefill of the 30 M model 21 ms after itself, 33-43 ms right after the other
    /// engine, 21-23 ms after a 100 ms pause). The pause also lets a collection finish off the clock.
    /// </summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Thread.Sleep(200);
    }

    private static (Sample, IReadOnlyList<int>) RunOurs(Generator generator, OnnxDecoderSession session, ITextTokenizer tokenizer,
        int[] prompt, GenerationSettings settings, GenerationHooks hooks)
    {
        Settle();
        var r = generator.Generate(session, tokenizer, prompt, settings, hooks);
        var decode = r.DecodeTokensPerSecond ?? double.NaN;
        return (new Sample(r.PrefillDuration.TotalMilliseconds, r.TimeToFirstToken.TotalMilliseconds, decode), r.GeneratedIds);
    }

    private static (Sample, IReadOnlyList<int>) RunGenai(Genai.Model model, int[] prompt, int newTokens)
    {
        using var parameters = new Genai.GeneratorParams(model);
        parameters.SetSearchOption("max_length", prompt.Length + newTokens);
        parameters.SetSearchOption("min_length", prompt.Length + newTokens);
        parameters.SetSearchOption("do_sample", false);
        using var generator = new Genai.Generator(model, parameters);
        Settle();
        var start = Stopwatch.GetTimestamp();
        generator.AppendTokens(prompt);
        var prefillEnd = Stopwatch.GetTimestamp();
        generator.GenerateNextToken();
        var first = Stopwatch.GetTimestamp();
        var count = 1;
        while (!generator.IsDone())
        {
            generator.GenerateNextToken();
            count++;
        }

        var end = Stopwatch.GetTimestamp();
        var ids = generator.GetSequence(0).ToArray()[prompt.Length..];
        if (ids.Length != count)
        {
            throw new InvalidOperationException($"genai returned {ids.Length} new ids after {count} GenerateNextToken calls");
        }

        var decodeSeconds = Stopwatch.GetElapsedTime(prefillEnd, end).TotalSeconds;
        return (new Sample(Stopwatch.GetElapsedTime(start, prefillEnd).TotalMilliseconds,
            Stopwatch.GetElapsedTime(start, first).TotalMilliseconds, (count - 1) / decodeSeconds), ids);
    }

    // Seeded ids below the model's vocabulary, never the EOS/pad id (genai would mask pad ids out of attention).
    internal static int[] PromptIds(int length, int vocabulary, int eos)
    {
        var random = new Random(length);
        var ids = new int[length];
        for (var i = 0; i < length; i++)
        {
            do
            {
                ids[i] = random.Next(vocabulary);
            }
            while (ids[i] == eos);
        }

        return ids;
    }

    private static int FirstDifference(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return a.Count == b.Count ? -1 : Math.Min(a.Count, b.Count);
    }

    internal static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EnergyGate.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>Greedy argmax that never picks <c>eos</c>, as genai's greedy search with min_length does.</summary>
    internal sealed class GreedyExcept(int eos) : ITokenSelector
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int SelectToken(ReadOnlySpan<float> logits, int position)
        {
            var best = -1;
            var bestValue = float.NegativeInfinity;
            for (var i = 0; i < logits.Length; i++)
            {
                if (i != eos && (logits[i] > bestValue || (best < 0 && !float.IsNaN(logits[i]))))
                {
                    best = i;
                    bestValue = logits[i];
                }
            }

            return best >= 0 ? best : throw new InvalidOperationException($"no usable logits for token {position}");
        }
    }

    private sealed record Sample(double PrefillMs, double TtftMs, double DecodeTokensPerSecond)
    {
        public static Sample Median(List<Sample> runs) => new(
            MedianOf(runs.Select(r => r.PrefillMs)), MedianOf(runs.Select(r => r.TtftMs)),
            MedianOf(runs.Select(r => r.DecodeTokensPerSecond)));

        private static double MedianOf(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
                : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    // The ratio is printed on the genai row: ours / genai for every column.
    private sealed record Row(string Model, int Prompt, string Engine, Sample Value, Sample? Ours)
    {
        public string ToMarkdown()
        {
            var ratio = Ours is null ? "" : FormattableString.Invariant(
                $"prefill {Ours.PrefillMs / Value.PrefillMs:0.00}, TTFT {Ours.TtftMs / Value.TtftMs:0.00}, decode {Ours.DecodeTokensPerSecond / Value.DecodeTokensPerSecond:0.00}");
            return FormattableString.Invariant(
                $"| {Model} | {Prompt} | {Engine} | {Value.PrefillMs:0.00} | {Value.TtftMs:0.00} | {Value.DecodeTokensPerSecond:0.0} | {ratio} |");
        }
    }
}
