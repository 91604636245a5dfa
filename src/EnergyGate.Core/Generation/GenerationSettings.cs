using System.Globalization;

namespace EnergyGate.Core.Generation;

/// <summary>
/// How one completion is decoded. Greedy (temperature 0) by default so token counts, and with them
/// energy, are comparable between runs.
/// </summary>
public sealed record GenerationSettings
{
    /// <summary>The stop sequences of the Codex paper's HumanEval harness: a new top-level statement ends the function.</summary>
    public static IReadOnlyList<string> HumanEvalStopStrings { get; } = ["\nclass", "\ndef", "\n#", "\nif", "\nprint"];

    /// <summary>
    /// EvalPlus's stop strings for chat prompts (evalplus/provider/utility.py <c>EOS</c> plus the closing fence
    /// its providers add when the prompt is a chat): the answer ends with its code block or a script's main part.
    /// </summary>
    public static IReadOnlyList<string> ChatStopStrings { get; } =
        ["<|endoftext|>", "<|endofmask|>", "</s>", "\nif __name__", "\ndef main(", "\nprint(", "\n```\n"];

    /// <summary>Most tokens to generate, the end-of-sequence token included. At least 1.</summary>
    public int MaxNewTokens { get; init; } = 256;

    /// <summary>Softmax temperature; 0 means greedy argmax (ties go to the lowest id).</summary>
    public double Temperature { get; init; }

    /// <summary>Keep only the K most likely tokens when sampling; 0 turns the filter off.</summary>
    public int TopK { get; init; }

    /// <summary>Nucleus sampling: keep the smallest set of tokens whose probability reaches P; 1 turns it off.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Seed of the sampler: the same seed gives the same tokens. Ignored by greedy decoding.</summary>
    public int Seed { get; init; }

    /// <summary>Text that ends generation when it appears in the generated text; the completion is cut before it.</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];

    /// <summary>Extra ids that end generation, on top of the tokenizer's <see cref="ITextTokenizer.EndOfSequenceIds"/>.</summary>
    public IReadOnlyList<int> EndOfSequenceIds { get; init; } = [];

    /// <summary>True when tokens are drawn at random rather than by argmax.</summary>
    public bool IsSampling => Temperature > 0;

    /// <summary>Throws an <see cref="EnergyGateException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (MaxNewTokens < 1)
            throw Invalid("max_new_tokens", MaxNewTokens, "must be at least 1");
        if (!double.IsFinite(Temperature) || Temperature < 0)
            throw Invalid("temperature", Temperature, "must be 0 (greedy) or a positive number");
        if (TopK < 0)
            throw Invalid("top_k", TopK, "must be 0 (off) or a positive number of tokens");
        if (!(TopP > 0 && TopP <= 1))
            throw Invalid("top_p", TopP, "must be above 0 and at most 1 (1 = off)");
        if (StopStrings is null)
            throw new EnergyGateException("generation setting stop_strings must be a list (use an empty list for none)");
        for (var i = 0; i < StopStrings.Count; i++)
        {
            if (string.IsNullOrEmpty(StopStrings[i]))
                throw new EnergyGateException($"generation setting stop_strings[{i}] is empty: an empty stop string would stop at once; remove it");
        }
        if (EndOfSequenceIds is null)
            throw new EnergyGateException("generation setting end_of_sequence_ids must be a list (use an empty list for none)");
        for (var i = 0; i < EndOfSequenceIds.Count; i++)
        {
            if (EndOfSequenceIds[i] < 0)
                throw new EnergyGateException($"generation setting end_of_sequence_ids[{i}] is {EndOfSequenceIds[i]}: token ids are never negative");
        }
    }

    private static EnergyGateException Invalid(string name, IFormattable value, string rule) =>
        new($"generation setting {name} {rule} (got {value.ToString(null, CultureInfo.InvariantCulture)})");
}
