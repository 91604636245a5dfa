using System.Diagnostics;
using System.Globalization;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Runtimes.Onnx;
using Genai = Microsoft.ML.OnnxRuntimeGenAI;

namespace EnergyGate.Benchmarks;

/// <summary>
/// Per-step decode time on the shared tiny GPT-2, three ways in one process, alternated: genai's
/// <c>GenerateNextToken</c>, our bare <see cref="OnnxDecoderSession.Decode"/> + argmax, and our whole
/// <see cref="Generator"/> loop. Separates the session's step from the loop around it; per round the
/// median step (robust to a descheduled step) and the mean (what tokens/s sees) are kept.
/// </summary>
/// <remarks>
/// dotnet EnergyGate.Benchmarks.dll onnx-step [rounds=15] [new-tokens=128] [threads=all] [prompt=64]
/// </remarks>
internal static class OnnxStepProbe
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
        var newTokens = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 128;
        var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var promptLength = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 64;
        var folder = Path.GetFullPath(Path.Combine(OnnxGeneration.FindRepoRoot(), "..", "shared", "models", "tiny-random-gpt2"));
        using var ours = OnnxDecoderSession.Open(folder, new OnnxSessionOptions { IntraOpThreads = threads });
        var tokenizer = HuggingFaceTokenizer.Load(folder);
        using var config = new Genai.Config(folder);
        config.Overlay("{\"model\":{\"decoder\":{\"session_options\":{\"intra_op_num_threads\":"
            + threads.ToString(CultureInfo.InvariantCulture) + ",\"graph_optimization_level\":\"ORT_ENABLE_ALL\"}}}}");
        using var model = new Genai.Model(config);
        var eos = tokenizer.EndOfSequenceIds.Count > 0 ? tokenizer.EndOfSequenceIds[0] : -1;
        var prompt = OnnxGeneration.PromptIds(promptLength, ours.VocabularySize, eos);
        var select = new OnnxGeneration.GreedyExcept(eos);
        var generator = new Generator();
        var settings = new GenerationSettings { MaxNewTokens = newTokens };
        var hooks = new GenerationHooks { Selector = select };
        var names = new[] { "genai", "bare", "generator" };
        var perRound = names.ToDictionary(n => n, _ => new List<double>());
        var means = names.ToDictionary(n => n, _ => new List<double>());
        var steps = new double[newTokens];
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var k in Enumerable.Range(0, 3).Select(i => (i + round) % 3))
            {
                Settle();
                double us, mean;
                long alloc0 = GC.GetAllocatedBytesForCurrentThread();
                if (k == 0)
                {
                    using var parameters = new Genai.GeneratorParams(model);
                    parameters.SetSearchOption("max_length", prompt.Length + newTokens);
                    parameters.SetSearchOption("min_length", prompt.Length + newTokens);
                    parameters.SetSearchOption("do_sample", false);
                    using var g = new Genai.Generator(model, parameters);
                    g.AppendTokens(prompt);
                    g.GenerateNextToken();
                    var n = 0;
                    var t = Stopwatch.GetTimestamp();
                    while (!g.IsDone())
                    {
                        g.GenerateNextToken();
                        var now = Stopwatch.GetTimestamp();
                        steps[n++] = Stopwatch.GetElapsedTime(t, now).TotalMicroseconds;
                        t = now;
                    }

                    (us, mean) = (Median(steps.AsSpan(0, n)), steps.AsSpan(0, n).ToArray().Average());
                }
                else if (k == 1)
                {
                    ours.Reset();
                    var logits = ours.Prefill(prompt);
                    var token = select.SelectToken(logits, 0);
                    var t = Stopwatch.GetTimestamp();
                    for (var n = 0; n < newTokens - 1; n++)
                    {
                        logits = ours.Decode(token);
                        token = select.SelectToken(logits, n + 1);
                        var now = Stopwatch.GetTimestamp();
                        steps[n] = Stopwatch.GetElapsedTime(t, now).TotalMicroseconds;
                        t = now;
                    }

                    (us, mean) = (Median(steps.AsSpan(0, newTokens - 1)), steps.AsSpan(0, newTokens - 1).ToArray().Average());
                }
                else
                {
                    var r = generator.Generate(ours, tokenizer, prompt, settings, hooks);
                    var times = r.Timeline.TokenTimes;
                    for (var n = 1; n < times.Count; n++)
                    {
                        steps[n - 1] = Stopwatch.GetElapsedTime(times[n - 1], times[n]).TotalMicroseconds;
                    }

                    (us, mean) = (Median(steps.AsSpan(0, times.Count - 1)), steps.AsSpan(0, times.Count - 1).ToArray().Average());
                }

                if (round > 0)
                {
                    perRound[names[k]].Add(us);
                    means[names[k]].Add(mean);
                }

                if (round == rounds)
                {
                    Console.WriteLine(FormattableString.Invariant($"{names[k]}: last round allocated {GC.GetAllocatedBytesForCurrentThread() - alloc0} bytes"));
                }
            }
        }

        Console.WriteLine(FormattableString.Invariant($"prompt {promptLength}, {newTokens} tokens, {threads} threads, {rounds} rounds: median per-step us (median of round medians; min; max; median of round means)"));
        foreach (var n in names)
        {
            var v = perRound[n].ToArray();
            Console.WriteLine(FormattableString.Invariant($"{n,-10} {Median(v),8:0.0} {v.Min(),8:0.0} {v.Max(),8:0.0} {Median(means[n].ToArray()),8:0.0}  round means: {string.Join(" ", means[n].Select(x => x.ToString("0", CultureInfo.InvariantCulture)))}"));
        }

        return 0;
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Thread.Sleep(200);
    }

    private static double Median(Span<double> values)
    {
        var copy = values.ToArray();
        Array.Sort(copy);
        return copy.Length % 2 == 1 ? copy[copy.Length / 2] : (copy[(copy.Length / 2) - 1] + copy[copy.Length / 2]) / 2;
    }
}
