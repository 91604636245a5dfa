namespace EnergyGate.Core.Generation.Batching;

/// <summary>One sequence while it waits or decodes: its rules, detokenizer, tokens and step shares.</summary>
internal sealed class BatchSequenceState
{
    public BatchSequenceState(BatchRequest request, int[] prompt, ITextTokenizer tokenizer, int maxSequenceLength)
    {
        Request = request;
        Prompt = prompt;
        var hooks = request.Hooks ?? GenerationHooks.None;
        OnToken = hooks.OnToken;
        Selector = hooks.Selector ?? TokenSelectors.FromSettings(request.Settings);
        Rules = new StoppingRules(request.Settings, tokenizer, prompt.Length, maxSequenceLength, hooks.Criteria);
        Detokenizer = new IncrementalDetokenizer(tokenizer, prompt);
        var capacity = Math.Min(request.Settings.MaxNewTokens, maxSequenceLength - prompt.Length);
        Generated = new List<int>(capacity);
        TokenTimes = new List<long>(capacity);
    }

    public BatchRequest Request { get; }
    public int[] Prompt { get; }
    public Action<GeneratedToken>? OnToken { get; }
    public ITokenSelector Selector { get; }
    public StoppingRules Rules { get; }
    public IncrementalDetokenizer Detokenizer { get; }
    public List<int> Generated { get; }
    public List<long> TokenTimes { get; }
    public List<StepShare> Shares { get; } = [];
    public int Slot { get; set; } = -1;
    public long PrefillStart { get; set; }
    public long PrefillEnd { get; set; }
    public StopDecision? Stop { get; set; }

    public int LastToken => Generated[^1];

    /// <summary>The finished (or cancelled) sequence, its timeline ending at <paramref name="end"/>.</summary>
    public BatchedSequence Finish(long end, bool cancelled)
    {
        var flushed = Detokenizer.Flush();
        var raw = Detokenizer.Text;
        var stop = Stop ?? new StopDecision(StopReason.Criterion, "cancelled by the caller");
        var completionEnd = stop.TextEnd ?? Rules.CompletionEnd(raw, raw.Length - flushed.Length);
        // A sequence cancelled while waiting never ran: its timeline is a single instant.
        var prefillStart = Generated.Count == 0 ? end : PrefillStart;
        var prefillEnd = Generated.Count == 0 ? end : PrefillEnd;
        IReadOnlyList<long> times = Generated.Count == 0 ? [end] : TokenTimes;
        var timeline = new PhaseTimeline(prefillStart, prefillEnd, times, Math.Max(end, times[^1]));
        var result = new GenerationResult(Prompt.Length, Generated, raw[..completionEnd].ToString(), raw.ToString(), stop.Reason, stop.Detail, timeline);
        return new BatchedSequence(Request, result, Shares, cancelled);
    }
}
