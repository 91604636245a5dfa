using System.Diagnostics;

namespace EnergyGate.Core.Generation;

/// <summary>
/// The runtime-neutral generation loop: prefill once, then select a token, check the stopping
/// criteria and decode the next step, timestamping each phase for energy attribution.
/// </summary>
/// <remarks>
/// No forward pass is spent on a token that would not be used: the loop decides to stop before it
/// calls <see cref="IDecoderSession.Decode"/>, so a result with n tokens made exactly n - 1 decode calls.
/// </remarks>
public sealed class Generator
{
    private readonly TimeProvider _time;

    /// <summary>Creates a generator that reads time from <paramref name="time"/> (the system clock when null).</summary>
    /// <exception cref="ArgumentException">The clock does not tick at <see cref="Stopwatch.Frequency"/>.</exception>
    public Generator(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        // PhaseTimeline is defined in Stopwatch ticks because the energy sampler reads Stopwatch too.
        if (_time.TimestampFrequency != Stopwatch.Frequency)
            throw new ArgumentException(
                $"the clock ticks {_time.TimestampFrequency} times a second but phase timelines use Stopwatch ticks ({Stopwatch.Frequency})",
                nameof(time));
    }

    /// <summary>Encodes <paramref name="prompt"/> with <paramref name="tokenizer"/> and generates its completion.</summary>
    /// <exception cref="EnergyGateException">Invalid settings, or a prompt the model cannot take.</exception>
    public GenerationResult Generate(IDecoderSession session, ITextTokenizer tokenizer, string prompt,
        GenerationSettings settings, GenerationHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(prompt);
        return Generate(session, tokenizer, tokenizer.Encode(prompt), settings, hooks);
    }

    /// <summary>Generates the completion of <paramref name="promptIds"/> on <paramref name="session"/>, which is reset first.</summary>
    /// <exception cref="EnergyGateException">
    /// Invalid settings; an empty prompt, one at or over the model's context, or an id outside its vocabulary.
    /// </exception>
    public GenerationResult Generate(IDecoderSession session, ITextTokenizer tokenizer, IReadOnlyList<int> promptIds,
        GenerationSettings settings, GenerationHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(promptIds);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        hooks ??= GenerationHooks.None;
        var prompt = PromptGuard.Check(promptIds, session);
        var selector = hooks.Selector ?? TokenSelectors.FromSettings(settings);
        var rules = new StoppingRules(settings, tokenizer, prompt.Length, session.MaxSequenceLength, hooks.Criteria);
        var detokenizer = new IncrementalDetokenizer(tokenizer, prompt);
        var capacity = Math.Min(settings.MaxNewTokens, session.MaxSequenceLength - prompt.Length);
        var generated = new List<int>(capacity);
        var tokenTimes = new List<long>(capacity);

        session.Reset();
        var prefillStart = _time.GetTimestamp();
        var logits = session.Prefill(prompt);
        var prefillEnd = _time.GetTimestamp();
        StopDecision stop;
        while (true)
        {
            var position = generated.Count;
            var token = selector.SelectToken(logits, position);
            var chosenAt = _time.GetTimestamp();
            CheckChosen(token, position, session);
            generated.Add(token);
            tokenTimes.Add(chosenAt);
            var newText = rules.IsEndOfSequence(token) ? string.Empty : detokenizer.Append(token);
            hooks.OnToken?.Invoke(new GeneratedToken(position, token, chosenAt, newText));
            var text = new GeneratedText(detokenizer.Text, detokenizer.Text.Length - newText.Length, generated.Count);
            if (rules.Check(token, text) is { } decision)
            {
                stop = decision;
                break;
            }
            logits = session.Decode(token);
        }
        var flushed = detokenizer.Flush();
        var raw = detokenizer.Text;
        var completionEnd = stop.TextEnd ?? rules.CompletionEnd(raw, raw.Length - flushed.Length);
        var completion = raw[..completionEnd].ToString();
        var rawText = raw.ToString();
        var end = _time.GetTimestamp();

        var timeline = new PhaseTimeline(prefillStart, prefillEnd, tokenTimes, end);
        return new GenerationResult(prompt.Length, generated, completion, rawText, stop.Reason, stop.Detail, timeline);
    }

    /// <summary>
    /// One two-token generate on <paramref name="session"/>, discarded, then a <see cref="IDecoderSession.Reset"/>:
    /// compiles the loop's code paths (tokenizer, detokenizer, stopping rules, selector) before the first
    /// generate that is reported. Under the tool's settings (no tiered compilation) the first generate of a
    /// process otherwise decodes at a fraction of the warm rate (benchmarks/README.md, onnx-cold).
    /// </summary>
    public void WarmUp(IDecoderSession session, ITextTokenizer tokenizer, GenerationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(settings);
        if (session.MaxSequenceLength < 3)
            return;
        var ids = tokenizer.Encode("def f():\n").Where(id => id < session.VocabularySize).ToArray();
        Generate(session, tokenizer, ids.Length > 0 ? ids : [0], settings with { MaxNewTokens = 2 });
        session.Reset();
    }

    private static void CheckChosen(int token, int position, IDecoderSession session)
    {
        if (token < 0 || token >= session.VocabularySize)
            throw new EnergyGateException(
                $"the token selector chose id {token} for generated token {position}, outside the model's vocabulary of " +
                $"{session.VocabularySize} ids ({session.Description})");
    }
}
