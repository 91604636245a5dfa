using Microsoft.ML.OnnxRuntimeGenAI;

namespace EnergyGate.Runtimes.Tests.TestSupport;

/// <summary>Greedy tokens from Microsoft.ML.OnnxRuntimeGenAI over a model folder (the independent reference).</summary>
internal static class GenAiReference
{
    /// <summary>The new tokens after <paramref name="prompt"/>; fewer than asked when the model emits its EOS id.</summary>
    public static List<int> Greedy(string folder, int[] prompt, int newTokens)
    {
        using var model = new Model(folder);
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("max_length", prompt.Length + newTokens);
        parameters.SetSearchOption("do_sample", false);
        using var generator = new Generator(model, parameters);
        generator.AppendTokens(prompt);
        while (!generator.IsDone())
        {
            generator.GenerateNextToken();
        }

        return generator.GetSequence(0).ToArray().Skip(prompt.Length).ToList();
    }
}
