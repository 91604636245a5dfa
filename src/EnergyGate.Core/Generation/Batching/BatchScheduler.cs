using System.Collections.Concurrent;
using System.Diagnostics;

namespace EnergyGate.Core.Generation.Batching;

/// <summary>
/// The runtime-neutral batched generation loop: prompts wait in a queue, are prefilled into free
/// slots of an <see cref="IBatchDecoderSession"/> together, then every occupied slot advances one
/// token per forward pass; each sequence selects, detokenizes and checks its own stopping criteria
/// and leaves the batch the moment it is done, so it costs no further forward pass.
/// </summary>
/// <remarks>
/// <para>One thread calls <see cref="Step"/>; <see cref="Admit"/> and <see cref="Cancel"/> may be called
/// from any thread (a server's request handlers) and take effect at the next step.</para>
/// <para>Each step is timed from just before its forward pass to just after the last stopping check
/// it caused, and recorded as a <see cref="SharedStep"/>: a prefill's shares are weighted by prompt
/// tokens, a decode step's equally among the sequences it advanced. Time between steps (the caller's
/// own work) belongs to no sequence.</para>
/// </remarks>
public sealed class BatchScheduler
{
    private readonly IBatchDecoderSession _session;
    private readonly ITextTokenizer _tokenizer;
    private readonly BatchOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<BatchSequenceState> _incoming = new();
    private readonly ConcurrentDictionary<long, bool> _cancelled = new();
    private readonly ConcurrentDictionary<long, bool> _live = new();
    private readonly Queue<BatchSequenceState> _waiting = new();
    private readonly BatchSequenceState?[] _slots;
    private int _active;

    /// <summary>Creates a scheduler over <paramref name="session"/>, whose slots it owns from now on.</summary>
    /// <exception cref="EnergyGateException">Invalid options, or more slots asked than the session has.</exception>
    public BatchScheduler(IBatchDecoderSession session, ITextTokenizer tokenizer, BatchOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.BatchSize > session.MaxBatchSize)
            throw new EnergyGateException($"batch size {options.BatchSize} is more than the {session.MaxBatchSize} slots {session.Description} was opened with");
        (_session, _tokenizer, _options, _time) = (session, tokenizer, options, time ?? TimeProvider.System);
        if (_time.TimestampFrequency != Stopwatch.Frequency)
            throw new ArgumentException($"the clock ticks {_time.TimestampFrequency} times a second but phase timelines use Stopwatch ticks ({Stopwatch.Frequency})", nameof(time));
        _slots = new BatchSequenceState?[options.BatchSize];
    }

    /// <summary>Sequences in the batch now.</summary>
    public int Active => _active;

    /// <summary>True while a sequence decodes or a prompt waits (admitted ones included).</summary>
    public bool HasWork => _active > 0 || _waiting.Count > 0 || !_incoming.IsEmpty;

    /// <summary>Called after each step with the step, before its finished sequences are returned (e.g. to read a meter at its end).</summary>
    public Action<SharedStep, InferencePhase>? OnStep { get; init; }

    /// <summary>
    /// Checks <paramref name="request"/>'s prompt and settings against the model and queues it.
    /// </summary>
    /// <exception cref="EnergyGateException">Invalid settings, an empty prompt, one at or over the context, or an id outside the vocabulary.</exception>
    public void Admit(BatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Settings.Validate();
        var prompt = PromptGuard.Check(request.PromptIds, _session.VocabularySize, _session.MaxSequenceLength, _session.Description);
        if (!_live.TryAdd(request.Id, true))
            throw new ArgumentException($"request {request.Id} is already admitted: ids must be unique among the scheduler's requests", nameof(request));
        _incoming.Enqueue(new BatchSequenceState(request, prompt, _tokenizer, _session.MaxSequenceLength));
    }

    /// <summary>Asks for request <paramref name="id"/> to leave at the next step (a client that went away); unknown ids are ignored.</summary>
    public void Cancel(long id)
    {
        if (_live.ContainsKey(id))
        {
            _cancelled[id] = true;
        }
    }

    /// <summary>
    /// Runs one step: cancelled sequences leave; then, when slots may be filled, waiting prompts are
    /// prefilled into them; otherwise every sequence in the batch decodes one token. Returns the
    /// sequences that left (finished or cancelled), in slot order; empty when there was nothing to do.
    /// </summary>
    public IReadOnlyList<BatchedSequence> Step()
    {
        while (_incoming.TryDequeue(out var next))
        {
            _waiting.Enqueue(next);
        }
        var left = new List<BatchedSequence>();
        DropCancelled(left);
        var free = _slots.Length - _active;
        var mayJoin = _options.Continuous ? free > 0 : _active == 0;
        if (mayJoin && _waiting.Count > 0)
        {
            Prefill(Math.Min(free, _waiting.Count), left);
        }
        else if (_active > 0)
        {
            Decode(left);
        }
        return left;
    }

    /// <summary>Admits every request and steps until all have finished, yielding each as it leaves.</summary>
    public IEnumerable<BatchedSequence> Run(IEnumerable<BatchRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            Admit(request);
        }
        while (HasWork)
        {
            foreach (var done in Step())
            {
                yield return done;
            }
        }
    }

    private void DropCancelled(List<BatchedSequence> left)
    {
        if (_cancelled.IsEmpty)
        {
            return;
        }
        var now = _time.GetTimestamp();
        for (var slot = 0; slot < _slots.Length; slot++)
        {
            if (_slots[slot] is { } s && _cancelled.TryRemove(s.Request.Id, out _))
            {
                Leave(s, now, cancelled: true, left);
            }
        }
        if (_waiting.Any(w => _cancelled.ContainsKey(w.Request.Id)))
        {
            var kept = new List<BatchSequenceState>(_waiting.Count);
            foreach (var w in _waiting)
            {
                if (_cancelled.TryRemove(w.Request.Id, out _))
                {
                    _live.TryRemove(w.Request.Id, out _);
                    left.Add(w.Finish(now, cancelled: true));
                }
                else
                {
                    kept.Add(w);
                }
            }
            _waiting.Clear();
            kept.ForEach(_waiting.Enqueue);
        }
    }

    /// <summary>Prefills <paramref name="count"/> waiting prompts into free slots, <see cref="IBatchDecoderSession.PrefillBatch"/> per forward pass, each pass its own step.</summary>
    private void Prefill(int count, List<BatchedSequence> left)
    {
        var group = Math.Max(1, _session.PrefillBatch);
        var slot = 0;
        for (var done = 0; done < count; done += group)
        {
            var joining = new BatchSequenceState[Math.Min(group, count - done)];
            var slots = new int[joining.Length];
            for (var i = 0; i < joining.Length; slot++)
            {
                if (_slots[slot] is null)
                {
                    joining[i] = _waiting.Dequeue();
                    (slots[i], joining[i].Slot) = (slot, slot);
                    _slots[slot] = joining[i];
                    i++;
                }
            }
            _active += joining.Length;
            PrefillStep(joining, slots, left);
        }
    }

    private void PrefillStep(BatchSequenceState[] joining, int[] slots, List<BatchedSequence> left)
    {
        var prompts = joining.Select(s => s.Prompt).ToArray();
        var start = _time.GetTimestamp();
        var logits = _session.Prefill(slots, prompts);
        var prefillEnd = _time.GetTimestamp();
        var vocab = _session.VocabularySize;
        for (var i = 0; i < joining.Length; i++)
        {
            (joining[i].PrefillStart, joining[i].PrefillEnd) = (start, prefillEnd);
            Choose(joining[i], logits.Slice(i * vocab, vocab));
        }
        var step = new SharedStep(start, _time.GetTimestamp(), prompts.Sum(p => (double)p.Length));
        foreach (var s in joining)
        {
            s.Shares.Add(new StepShare(step, InferencePhase.Prefill, s.Prompt.Length, 0));
        }
        Close(step, InferencePhase.Prefill, joining, left);
    }

    private void Decode(List<BatchedSequence> left)
    {
        var stepping = new BatchSequenceState[_active];
        var slots = new int[_active];
        var tokens = new int[_active];
        for (int slot = 0, i = 0; slot < _slots.Length; slot++)
        {
            if (_slots[slot] is { } s)
            {
                (stepping[i], slots[i], tokens[i]) = (s, slot, s.LastToken);
                i++;
            }
        }
        var start = _time.GetTimestamp();
        var logits = _session.Decode(slots, tokens);
        var vocab = _session.VocabularySize;
        for (var i = 0; i < stepping.Length; i++)
        {
            Choose(stepping[i], logits.Slice(i * vocab, vocab));
        }
        var step = new SharedStep(start, _time.GetTimestamp(), stepping.Length);
        foreach (var s in stepping)
        {
            s.Shares.Add(new StepShare(step, InferencePhase.Decode, 1, s.Generated.Count - 1));
        }
        Close(step, InferencePhase.Decode, stepping, left);
    }

    /// <summary>Selects the sequence's next token from its logits row and runs its stopping checks, as <see cref="Generator"/> does.</summary>
    private void Choose(BatchSequenceState s, ReadOnlySpan<float> logits)
    {
        var position = s.Generated.Count;
        var token = s.Selector.SelectToken(logits, position);
        var chosenAt = _time.GetTimestamp();
        if (token < 0 || token >= _session.VocabularySize)
            throw new EnergyGateException(
                $"the token selector chose id {token} for generated token {position}, outside the model's vocabulary of " +
                $"{_session.VocabularySize} ids ({_session.Description})");
        s.Generated.Add(token);
        s.TokenTimes.Add(chosenAt);
        var newText = s.Rules.IsEndOfSequence(token) ? string.Empty : s.Detokenizer.Append(token);
        s.OnToken?.Invoke(new GeneratedToken(position, token, chosenAt, newText));
        var text = new GeneratedText(s.Detokenizer.Text, s.Detokenizer.Text.Length - newText.Length, s.Generated.Count);
        s.Stop = s.Rules.Check(token, text);
    }

    private void Close(SharedStep step, InferencePhase phase, BatchSequenceState[] stepped, List<BatchedSequence> left)
    {
        OnStep?.Invoke(step, phase);
        foreach (var s in stepped)
        {
            if (s.Stop is not null)
            {
                Leave(s, step.End, cancelled: false, left);
            }
        }
    }

    private void Leave(BatchSequenceState s, long end, bool cancelled, List<BatchedSequence> left)
    {
        _session.Release(s.Slot);
        _slots[s.Slot] = null;
        _active--;
        // A cancel that arrives after the sequence finished must not linger in the set.
        _live.TryRemove(s.Request.Id, out _);
        _cancelled.TryRemove(s.Request.Id, out _);
        left.Add(s.Finish(end, cancelled));
    }
}
