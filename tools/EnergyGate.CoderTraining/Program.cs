using System.Globalization;
using EnergyGate.CoderTraining;

// Trains builtin:coder and writes the two files Core embeds:
//   dotnet run --project tools/EnergyGate.CoderTraining -c Release -- --out src/EnergyGate.Core/Models/Coder [--steps N] [--seed N]
// Deterministic: one torch thread, a fixed seed, full batches; the same options give the same bytes.
string? outDir = null;
var options = new TrainingOptions();
for (int i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--out": outDir = Value(); break;
        case "--steps": options = options with { Steps = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
        case "--seed": options = options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
        case "--lr": options = options with { LearningRate = double.Parse(Value(), CultureInfo.InvariantCulture) }; break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'. Usage: --out DIR [--steps N] [--seed N] [--lr X]");
            return 2;
    }
}

if (outDir is null || options.Steps < 1)
{
    Console.Error.WriteLine("Usage: --out DIR [--steps N (>= 1, default 250)] [--seed N] [--lr X]; DIR receives coder.safetensors and coder-tokenizer.json.");
    return 2;
}

Directory.CreateDirectory(outDir);
var clock = System.Diagnostics.Stopwatch.StartNew();
var tokenizerJson = CoderTokenizer.Train();
var examples = CoderExamples.Encode(CoderTokenizer.Load(tokenizerJson));
Console.WriteLine($"{examples.Count} examples, prompts {examples.Min(e => e.Prompt.Length)}-{examples.Max(e => e.Prompt.Length)} tokens, completions {examples.Min(e => e.Completion.Length)}-{examples.Max(e => e.Completion.Length)} tokens, solutions {string.Join(" ", examples.Select(e => e.SolutionTokens))} tokens");

var model = CoderTrainer.Train(examples, options, Console.Out);
Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F0} s");
CoderTrainer.RoundToHalf(model);
// The longest budget the examples cover (CoderExamples.MinCompletionTokens is a little more).
const int Budget = 128;
int exact = 0;
foreach (var e in examples)
{
    var generated = CoderTrainer.Greedy(model, e.Prompt, Budget);
    int same = generated.Zip(e.Completion).TakeWhile(p => p.First == p.Second).Count();
    exact += same >= Math.Min(Budget, e.Completion.Length) ? 1 : 0;
    Console.WriteLine($"{e.TaskId}: solution {e.SolutionTokens} tokens; greedy (f16 weights) matches the first {same} of {Math.Min(Budget, e.Completion.Length)} target tokens");
}

File.WriteAllBytes(Path.Combine(outDir, "coder-tokenizer.json"), tokenizerJson);
CoderWeightsFile.Write(Path.Combine(outDir, "coder.safetensors"), model, options);
Console.WriteLine($"{exact}/{examples.Count} reproduced over {Budget} tokens; wrote {outDir} in {clock.Elapsed.TotalSeconds:F0} s");
return 0;
