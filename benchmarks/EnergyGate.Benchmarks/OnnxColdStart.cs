using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Runtimes.Onnx;

namespace EnergyGate.Benchmarks;

/// <summary>
/// The first <c>generate</c> of a process against a warm one: each run is a fresh child process
/// that opens the model, generates once (cold) and then again several times (warm), timing each
/// part on its own: session open, first prefill, warm prefill, decode rates.
/// </summary>
/// <remarks>
/// The child runs with tiered compilation off, as the tool does (its csproj sets
/// <c>TieredCompilation=false</c>), so every method is compiled fully at its first call as it is in
/// <c>dotnet energygate generate</c>. Both sides use the same prompt ids (a code text cut to the
/// prompt length) and greedy decoding with no stop strings, so every generate makes the same tokens.
/// The parent also times the real tool, <c>dotnet-energygate.dll generate</c>, from spawn to exit.
/// </remarks>
internal static class OnnxColdStart
{
    private const string Text =
        "from typing import List\n\n\ndef has_close_elements(numbers: List[float], threshold: float) -> bool:\n" +
        "    \"\"\" Check if in given list of numbers, are any two numbers closer to each other than\n" +
        "    given threshold.\n    >>> has_close_elements([1.0, 2.0, 3.0], 0.5)\n    False\n" +
        "    >>> has_close_elements([1.0, 2.8, 3.0, 4.0, 5.0, 2.0], 0.3)\n    True\n    \"\"\"\n" +
        "    for idx, elem in enumerate(numbers):\n        for idx2, elem2 in enumerate(numbers):\n" +
        "            if idx != idx2:\n                distance = abs(elem - elem2)\n" +
        "                if distance < threshold:\n                    return True\n\n    return False\n";

    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var promptTokens = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        var newTokens = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 32;
        var threads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        Console.WriteLine(FormattableString.Invariant(
            $"onnx-cold: {runs} fresh processes per model, {promptTokens}-token prompt, {newTokens} new tokens, {threads} thread(s), medians"));
        var rows = new List<string>();
        var temp = Directory.CreateTempSubdirectory("eg-bench-cold-").FullName;
        try
        {
            var models = new List<(string Name, string Folder)>();
            var shared = Path.GetFullPath(Path.Combine(OnnxGeneration.FindRepoRoot(), "..", "shared", "models", "tiny-random-gpt2"));
            if (Directory.Exists(shared))
            {
                models.Add(("tiny-random-gpt2 (shared)", shared));
            }

            var gpt2 = new TinyModelSpec(Layers: 8, Hidden: 512, Heads: 8, Vocab: 4096, Context: 1024);
            TinyModelWriter.Write(Path.Combine(temp, "gpt2"), gpt2);
            models.Add((FormattableString.Invariant($"tiny gpt2 ({gpt2.ParameterCount / 1e6:0.0} M)"), Path.Combine(temp, "gpt2")));
            foreach (var (name, folder) in models)
            {
                var children = new List<ChildResult>();
                var toolMs = new List<double>();
                var toolPrefill = new List<double>();
                for (var run = 0; run < runs; run++)
                {
                    children.Add(RunChild(folder, promptTokens, newTokens, threads));
                    if (RunTool(folder, temp, promptTokens, newTokens, threads) is var (wall, prefill))
                    {
                        toolMs.Add(wall);
                        toolPrefill.Add(prefill);
                    }
                }

                rows.Add(FormattableString.Invariant(
                    $"| {name} | {Median(children.Select(c => c.OpenMs)):0.0} | {Median(children.Select(c => c.FirstPrefillMs)):0.00} | {Median(children.Select(c => c.WarmPrefillMs)):0.00} | {Median(children.Select(c => c.FirstPrefillMs / c.WarmPrefillMs)):0.0}x | {Median(children.Select(c => c.FirstDecodeTps)):0} | {Median(children.Select(c => c.WarmDecodeTps)):0} | {Median(toolPrefill):0.00} | {Median(toolMs):0} |").Replace("NaN", "n/a", StringComparison.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine("| model | session open + warm-up ms | first prefill ms | warm prefill ms | first / warm prefill | first decode tok/s | warm decode tok/s | tool `generate` prefill ms | tool `generate` spawn to exit ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return 0;
    }

    /// <summary>The child: open, one cold generate, then warm ones; prints one JSON line.</summary>
    public static int Child(string[] args)
    {
        var folder = args[0];
        var promptTokens = int.Parse(args[1], CultureInfo.InvariantCulture);
        var newTokens = int.Parse(args[2], CultureInfo.InvariantCulture);
        var threads = int.Parse(args[3], CultureInfo.InvariantCulture);
        var openStart = Stopwatch.GetTimestamp();
        using var session = OnnxDecoderSession.Open(folder, new OnnxSessionOptions { IntraOpThreads = threads });
        var openMs = Stopwatch.GetElapsedTime(openStart).TotalMilliseconds;
        var tokenizer = HuggingFaceTokenizer.Load(folder);
        var eos = tokenizer.EndOfSequenceIds.Count > 0 ? tokenizer.EndOfSequenceIds[0] : -1;
        // The `onnx` benchmark's prompt ids and its EOS-free greedy choice, so every generate makes newTokens tokens.
        var prompt = OnnxGeneration.PromptIds(promptTokens, session.VocabularySize, eos);
        var settings = new GenerationSettings { MaxNewTokens = newTokens };
        var hooks = new GenerationHooks { Selector = new OnnxGeneration.GreedyExcept(eos) };
        var generator = new Generator();
        // As `generate` does at load; counted in the load time, not in the first generate.
        var warmUpStart = Stopwatch.GetTimestamp();
        if (args.Length < 5 || args[4] != "no-warm-up")
        {
            generator.WarmUp(session, tokenizer, settings);
        }

        openMs += Stopwatch.GetElapsedTime(warmUpStart).TotalMilliseconds;
        var first = generator.Generate(session, tokenizer, prompt, settings, hooks);
        var warm = new List<GenerationResult>();
        for (var i = 0; i < 5; i++)
        {
            Thread.Sleep(50);
            warm.Add(generator.Generate(session, tokenizer, prompt, settings, hooks));
        }

        if (warm.Any(w => !w.GeneratedIds.SequenceEqual(first.GeneratedIds)))
        {
            throw new InvalidOperationException("a warm generate made other tokens than the first one");
        }

        Console.WriteLine(JsonSerializer.Serialize(new ChildResult(
            openMs, first.PrefillDuration.TotalMilliseconds, Median(warm.Select(w => w.PrefillDuration.TotalMilliseconds)),
            first.DecodeTokensPerSecond ?? double.NaN, Median(warm.Select(w => w.DecodeTokensPerSecond ?? double.NaN)))));
        return 0;
    }

    private static ChildResult RunChild(string folder, int promptTokens, int newTokens, int threads)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(typeof(OnnxColdStart).Assembly.Location);
        info.ArgumentList.Add("onnx-cold-child");
        foreach (var a in new[] { folder, Invariant(promptTokens), Invariant(newTokens), Invariant(threads) })
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_TieredCompilation"] = "0";
        var output = RunToEnd(info);
        return JsonSerializer.Deserialize<ChildResult>(output.Trim().Split('\n')[^1])
            ?? throw new InvalidOperationException($"the child printed no result: {output}");
    }

    // Null when the model's tokenizer can make ids the model cannot embed (the shared model: a 50,257-id
    // GPT-2 tokenizer over a 1,000-id embedding), so a text prompt cannot be given to `generate`.
    private static (double WallMs, double PrefillMs)? RunTool(string folder, string temp, int promptTokens, int newTokens, int threads)
    {
        var tokenizer = HuggingFaceTokenizer.Load(folder);
        using (var probe = OnnxDecoderSession.Open(folder, new OnnxSessionOptions { IntraOpThreads = 1 }))
        {
            if (tokenizer.VocabularySize > probe.VocabularySize)
            {
                return null;
            }
        }

        var tool = Path.Combine(AppContext.BaseDirectory, "dotnet-energygate.dll");
        var promptFile = Path.Combine(temp, "prompt.txt");
        File.WriteAllText(promptFile, tokenizer.Decode(PromptText(tokenizer, promptTokens)));
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { tool, "generate", "--model", folder, "--prompt-file", promptFile, "--max-new-tokens", Invariant(newTokens), "--no-stop", "--threads", Invariant(threads), "--format", "json" })
        {
            info.ArgumentList.Add(a);
        }

        var start = Stopwatch.GetTimestamp();
        var output = RunToEnd(info);
        var wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        using var json = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);
        return (wall, json.RootElement.GetProperty("prefill_ms").GetDouble());
    }

    private static string RunToEnd(ProcessStartInfo info)
    {
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {info.FileName}");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output
            : throw new InvalidOperationException($"{string.Join(' ', info.ArgumentList)} exited {process.ExitCode}: {stderr.Result}{output}");
    }

    // The code text's ids, repeated and cut to the length asked for.
    private static int[] PromptText(HuggingFaceTokenizer tokenizer, int length)
    {
        var ids = tokenizer.Encode(Text);
        return [.. Enumerable.Range(0, length).Select(i => ids[i % ids.Count])];
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record ChildResult(double OpenMs, double FirstPrefillMs, double WarmPrefillMs, double FirstDecodeTps, double WarmDecodeTps);
}
