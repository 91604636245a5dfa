using System.Diagnostics;

namespace EnergyGate.Core.Generation;

/// <summary>One completion: tokens, text, why it stopped and when each phase happened.</summary>
/// <param name="PromptTokenCount">Tokens the model prefilled.</param>
/// <param name="GeneratedIds">Every generated id in order, an end-of-sequence id included; each cost one token selection.</param>
/// <param name="Completion">The text to score: <see cref="RawText"/> cut before a stop string, or where a criterion said the useful text ends.</param>
/// <param name="RawText">All generated text, nothing cut; end-of-sequence ids add no text.</param>
/// <param name="StopReason">Why generation stopped.</param>
/// <param name="StopDetail">Which stop string, id or criterion, in words.</param>
/// <param name="Timeline">When prefill and each token happened, for energy attribution.</param>
public sealed record GenerationResult(
    int PromptTokenCount,
    IReadOnlyList<int> GeneratedIds,
    string Completion,
    string RawText,
    StopReason StopReason,
    string StopDetail,
    PhaseTimeline Timeline)
{
    /// <summary>Tokens generated, the end-of-sequence token included.</summary>
    public int GeneratedTokenCount => GeneratedIds.Count;

    /// <summary>The prompt's forward pass: [PrefillStart, PrefillEnd].</summary>
    public TimeSpan PrefillDuration => Stopwatch.GetElapsedTime(Timeline.PrefillStart, Timeline.PrefillEnd);

    /// <summary>From submitting the prompt to the first token being chosen: prefill plus one token selection.</summary>
    public TimeSpan TimeToFirstToken => Stopwatch.GetElapsedTime(Timeline.PrefillStart, Timeline.TokenTimes[0]);

    /// <summary>The decode phase: [PrefillEnd, End].</summary>
    public TimeSpan DecodeDuration => Stopwatch.GetElapsedTime(Timeline.PrefillEnd, Timeline.End);

    /// <summary>From submitting the prompt to the end of generation.</summary>
    public TimeSpan TotalDuration => Stopwatch.GetElapsedTime(Timeline.PrefillStart, Timeline.End);

    /// <summary>
    /// Tokens after the first (each needed one decode step) per second of <see cref="DecodeDuration"/>;
    /// null when there was no decode step or no measurable time, where a rate would be meaningless.
    /// </summary>
    public double? DecodeTokensPerSecond =>
        Timeline.DecodeSteps > 0 && DecodeDuration > TimeSpan.Zero
            ? Timeline.DecodeSteps / DecodeDuration.TotalSeconds
            : null;
}
