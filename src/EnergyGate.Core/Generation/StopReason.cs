namespace EnergyGate.Core.Generation;

/// <summary>Why generation stopped. When several apply to the same token, the first listed wins.</summary>
public enum StopReason
{
    /// <summary>The model produced an end-of-sequence id (from the tokenizer or the settings).</summary>
    EndOfSequence,

    /// <summary>A stop string appeared in the generated text; the completion is cut before it.</summary>
    StopString,

    /// <summary>An <see cref="ITextStoppingCriterion"/> (syntax check, test oracle, ...) ended generation.</summary>
    Criterion,

    /// <summary><see cref="GenerationSettings.MaxNewTokens"/> tokens were generated.</summary>
    MaxNewTokens,

    /// <summary>Prompt plus generated tokens reached the model's <see cref="IDecoderSession.MaxSequenceLength"/>.</summary>
    ContextFull,
}
