using System.Text;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Models.Coder;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Core.Suites.Smoke;

namespace EnergyGate.CoderTraining;

/// <summary>
/// The coder's byte-level BPE, learned (as the tiny model's) from the smoke suite: each reference
/// solution <see cref="SolutionWeight"/> times, so that the merges go to the answers' words and
/// indentation first (the answers must fit the plan's 64-token budget with room for babble after
/// them), then one round of babble and the prompt.
/// </summary>
internal static class CoderTokenizer
{
    /// <summary>How many times each reference solution is in the tokenizer's text.</summary>
    public const int SolutionWeight = 8;

    public static byte[] Train()
    {
        var text = new StringBuilder();
        foreach (var problem in SmokeSuite.Load())
        {
            for (int i = 0; i < SolutionWeight; i++)
            {
                text.Append(problem.CanonicalSolution).Append('\n');
            }

            text.Append(CoderBabble.For(problem, repeats: 1)).Append(problem.Prompt).Append('\n');
        }

        var spec = CoderModel.Spec;
        var (tokens, merges) = ByteLevelBpeTrainer.Train(text.ToString(), spec.Vocab - 1);
        return TinyTokenizerJson.Create(tokens, merges, spec.EosId);
    }

    /// <summary>Loads <paramref name="tokenizerJson"/> the way the runtimes load a model folder's, so training sees the ids inference will.</summary>
    public static HuggingFaceTokenizer Load(byte[] tokenizerJson)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"coder-tokenizer-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "tokenizer.json"), tokenizerJson);
            File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), TinyConfigFiles.TokenizerConfig(CoderModel.Spec));
            return HuggingFaceTokenizer.Load(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
