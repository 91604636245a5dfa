using System.Diagnostics;
using System.Globalization;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Core.Suites.HumanEval;

namespace EnergyGate.Benchmarks;

/// <summary>
/// What the decode loop spends per token on text: incremental detokenization and the stop-string
/// check, with no model at all (a session that costs nothing), over real code tokens.
/// </summary>
/// <remarks>
/// <para>Tokens: HumanEval's 164 canonical solutions, encoded by each tokenizer and laid end to end
/// (their lines are indented, so the Codex stop strings never match and every run makes all tokens).
/// The selector replays them; the session returns the same one-element logits every step.</para>
/// <para>Rows: the detokenizer alone, and the whole <see cref="Generator"/> loop without and with the
/// five HumanEval stop strings; their difference is the stop-string check's cost per token. Each on
/// the windowed path (any tokenizer: two short window decodes per token, TGI's method) and on the byte
/// path (byte-level tokenizers: each token's text decoded once). Medians of 7 runs after a warm-up of at least one second.</para>
/// </remarks>
internal static class TextCost
{
    public static int Run(string[] args)
    {
        var tokens = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20000;
        var root = OnnxGeneration.FindRepoRoot();
        var humanEval = Path.GetFullPath(Path.Combine(root, "..", "shared", "datasets", "humaneval", "HumanEval.jsonl.gz"));
        var stops = GenerationSettings.HumanEvalStopStrings;
        var solutions = HumanEvalLoader.Load(humanEval).Select(p => p.CanonicalSolution)
            .Where(s => !stops.Any(stop => ("\n" + s).Contains(stop, StringComparison.Ordinal))).ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"text-cost: {tokens} tokens of {solutions.Count} HumanEval canonical solutions, ns per token, medians of 7 runs"));
        var temp = Directory.CreateTempSubdirectory("eg-bench-text-").FullName;
        var rows = new List<string>();
        try
        {
            TinyModelWriter.Write(temp, new TinyModelSpec(Layers: 1, Hidden: 64, Heads: 2, Vocab: 4096, Context: 256));
            var tokenizers = new List<(string Name, HuggingFaceTokenizer Tokenizer)>
            {
                ("built-in tiny (vocab 4096)", HuggingFaceTokenizer.Load(temp)),
            };
            var shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "models", "tiny-random-gpt2"));
            if (Directory.Exists(shared))
            {
                tokenizers.Insert(0, ("GPT-2 (shared, vocab 50257)", HuggingFaceTokenizer.Load(shared)));
            }

            foreach (var (name, tokenizer) in tokenizers)
            {
                var stream = solutions.SelectMany(s => tokenizer.Encode(s + "\n")).ToArray();
                var ids = Enumerable.Range(0, tokens).Select(i => stream[i % stream.Length]).ToArray();
                foreach (var (path, source) in new (string, ITextTokenizer)[] { ("windowed", new WindowOnly(tokenizer)), ("byte", tokenizer) })
                {
                    var detokenize = Median(() => Detokenize(source, ids)) / tokens;
                    var loop = Median(() => Loop(source, ids, [])) / tokens;
                    var loopStops = Median(() => Loop(source, ids, stops)) / tokens;
                    rows.Add(FormattableString.Invariant(
                        $"| {name} | {path} | {detokenize:0} | {loop:0} | {loopStops:0} | {loopStops - loop:0} |"));
                }
            }
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine("| tokenizer | detokenizer path | detokenize ns/token | loop, no stop strings ns/token | loop, 5 HumanEval stop strings ns/token | stop-string check ns/token |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return 0;
    }

    private static double Detokenize(ITextTokenizer tokenizer, int[] ids)
    {
        var start = Stopwatch.GetTimestamp();
        var detokenizer = new IncrementalDetokenizer(tokenizer, [ids[0]]);
        foreach (var id in ids)
        {
            detokenizer.Append(id);
        }

        detokenizer.Flush();
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds;
    }

    private static double Loop(ITextTokenizer tokenizer, int[] ids, IReadOnlyList<string> stops)
    {
        using var session = new FreeSession(ids.Max() + 1, ids.Length + 2);
        var settings = new GenerationSettings { MaxNewTokens = ids.Length, StopStrings = stops };
        var hooks = new GenerationHooks { Selector = new Replay(ids) };
        var result = new Generator().Generate(session, tokenizer, [ids[0]], settings, hooks);
        if (result.StopReason != StopReason.MaxNewTokens)
        {
            throw new InvalidOperationException($"the replay stopped early: {result.StopReason} ({result.StopDetail})");
        }

        var decode = result.Timeline.End - result.Timeline.PrefillEnd;
        return decode * 1e9 / Stopwatch.Frequency;
    }

    // Warm-up for at least a second first: tiered compilation replaces the first code of a hot method
    // after about 100 ms, and a run of the windowed path alone takes that long.
    private static double Median(Func<double> run)
    {
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(1))
        {
            run();
        }

        var values = Enumerable.Range(0, 7).Select(_ => run()).Order().ToArray();
        return values[values.Length / 2];
    }

    private sealed class Replay(int[] ids) : ITokenSelector
    {
        public int SelectToken(ReadOnlySpan<float> logits, int position) => ids[position];
    }

    /// <summary>A session whose forward passes cost nothing: the loop's own work is all that is timed.</summary>
    private sealed class FreeSession(int vocabulary, int context) : IDecoderSession
    {
        private readonly float[] _logits = [0f];

        public int VocabularySize => vocabulary;

        public int MaxSequenceLength => context;

        public string Description => "free";

        public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> promptIds) => _logits;

        public ReadOnlySpan<float> Decode(int tokenId) => _logits;

        public void Reset()
        {
        }

        public void Dispose()
        {
        }
    }

    /// <summary>The tokenizer without its byte path: the detokenizer decodes windows, as before.</summary>
    private sealed class WindowOnly(ITextTokenizer inner) : ITextTokenizer
    {
        public IReadOnlyList<int> Encode(string text) => inner.Encode(text);

        public string Decode(IEnumerable<int> ids) => inner.Decode(ids);

        public IReadOnlyList<int> EndOfSequenceIds => inner.EndOfSequenceIds;
    }
}
