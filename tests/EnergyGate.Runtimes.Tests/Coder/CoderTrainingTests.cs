using EnergyGate.CoderTraining;
using EnergyGate.Core.Suites.Smoke;
using EnergyGate.Runtimes.Tests.TestSupport;

namespace EnergyGate.Runtimes.Tests.Coder;

/// <summary>The trainer of builtin:coder (tools/EnergyGate.CoderTraining): its data and its determinism.</summary>
public sealed class CoderTrainingTests
{
    [Fact]
    public void A_short_training_run_writes_the_same_bytes_twice_and_another_seed_changes_them()
    {
        var options = new TrainingOptions(Steps: 2);
        var first = Train(options);
        Assert.Equal(first, Train(options));
        Assert.NotEqual(first, Train(options with { Seed = 2 }));
    }

    [Fact]
    public void The_tokenizer_is_learned_deterministically_and_the_answers_are_encoded_apart_from_the_prompts()
    {
        var json = CoderTokenizer.Train();
        Assert.Equal(json, CoderTokenizer.Train());
        var tokenizer = CoderTokenizer.Load(json);
        var examples = CoderExamples.Encode(tokenizer);
        Assert.Equal(SmokeSuite.Load().Select(p => p.TaskId), examples.Select(e => e.TaskId));
        foreach (var (example, (problem, completion)) in examples.Zip(CoderExamples.Texts(tokenizer)))
        {
            // The generator encodes the prompt alone and continues it: the seam must be trained that way.
            Assert.Equal(tokenizer.Encode(problem.Prompt), example.Prompt);
            Assert.True(example.Completion.Length >= CoderExamples.MinCompletionTokens);
            // Every assert ends before the 64-token budget: a cut there would leave a program that does not parse.
            var lastAssert = completion.LastIndexOf("assert ", StringComparison.Ordinal);
            if (lastAssert >= 0)
            {
                var throughAsserts = completion[..(completion.IndexOf('\n', lastAssert) + 1)];
                Assert.InRange(tokenizer.Encode(throughAsserts).Count, example.SolutionTokens, CoderExamples.AssertsEndBy);
            }
            Assert.StartsWith(tokenizer.Decode(example.Completion), completion, StringComparison.Ordinal);
            // The solution's last newline may merge with the babble's blank lines into one token.
            Assert.StartsWith(problem.CanonicalSolution.TrimEnd('\n'), tokenizer.Decode(example.Completion.Take(example.SolutionTokens)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Babble_restates_the_docstring_examples_as_asserts_then_comments()
    {
        var problem = SmokeSuite.Load()[0];
        var babble = CoderBabble.For(problem, repeats: 1);
        Assert.Equal(
            "\n\nassert count_vowels('Energy') == 2\nassert count_vowels('rhythm') == 0\n" +
            "# count_vowels('Energy') returns 2\n# count_vowels('rhythm') returns 0\n", babble);
        var noExamples = problem with { Prompt = "def f(x):\n    \"\"\" Nothing to show. \"\"\"\n" };
        var error = Assert.Throws<InvalidOperationException>(() => CoderBabble.For(noExamples));
        Assert.Contains("Smoke/0", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Train(TrainingOptions options)
    {
        var examples = CoderExamples.Encode(CoderTokenizer.Load(CoderTokenizer.Train())).Take(2).ToList();
        var model = CoderTrainer.Train(examples, options, TextWriter.Null);
        CoderTrainer.RoundToHalf(model);
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "coder.safetensors");
        CoderWeightsFile.Write(path, model, options);
        return File.ReadAllBytes(path);
    }
}
