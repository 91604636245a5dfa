using System.Text;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Measurement.Generators;

namespace EnergyGate.Core.Runtimes.Served;

/// <summary>One sample's request, streamed: its text, timeline and token counts as the client saw them.</summary>
/// <param name="http">The cell's client.</param>
/// <param name="settings">The runtime entry.</param>
/// <param name="model">The model name sent.</param>
/// <param name="apiKey">The key, or null.</param>
/// <param name="tokenizer">Counts tokens where the server gives no usage, and gives the ids of the text.</param>
internal sealed class ServedRequest(HttpClient http, OpenAiSettings settings, string model, string? apiKey, ITextTokenizer tokenizer)
{
    /// <summary>
    /// Sends <paramref name="work"/> and reads its stream. <paramref name="onEvent"/> hears each event
    /// (kind, tokens received so far) as it happens and returns its timestamp: one clock read under
    /// one lock for all requests, so the events' order is their timestamps' order. A chunk's tokens are the growth of the
    /// tokenizer's count of the accumulated text (at least one per chunk with text), all at the chunk's
    /// arrival; the total is then set to the server's <c>completion_tokens</c> when it reports usage.
    /// The suite's stop strings and the suppression criteria are checked on every chunk, and the
    /// request is abandoned (the connection closed, which aborts it on the server) when one stops it.
    /// </summary>
    public async Task<(GenerationResult Result, IReadOnlyList<int> TextEnds)> RunAsync(SampleRequest work, Func<ServedEventKind, int, long> onEvent, CancellationToken ct)
    {
        var stops = new StopStrings(work.Settings.StopStrings);
        var text = new StringBuilder();
        var tokenTimes = new List<long>();
        var textEnds = new List<int>();
        CompletionUsage? usage = null;
        string? finish = null;
        (int Cut, StopReason Reason, string Detail)? stopped = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        var sent = onEvent(ServedEventKind.Sent, 0);
        try
        {
            using var request = CompletionRequest.Create(settings.CompletionsUri, model, work.PromptText ?? work.Problem.Prompt, work.Settings, apiKey);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                throw ServedErrors.Status(response.StatusCode, body, settings.CompletionsUri, apiKey, settings.ApiKeyEnv);
            }
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            await foreach (var chunk in CompletionEvents.ReadAsync(stream, settings.CompletionsUri, timeout.Token))
            {
                usage = chunk.Usage ?? usage;
                finish = chunk.FinishReason ?? finish;
                if (chunk.Text.Length == 0)
                {
                    continue;
                }
                var newStart = text.Length;
                text.Append(chunk.Text);
                var all = text.ToString();
                var count = Math.Max(tokenTimes.Count + 1, tokenizer.Encode(all).Count);
                var tick = onEvent(ServedEventKind.Chunk, count);
                while (tokenTimes.Count < count)
                {
                    tokenTimes.Add(tick);
                    textEnds.Add(all.Length);
                }
                stopped = Stop(work, stops, all, newStart, count);
                if (stopped is not null)
                {
                    break;
                }
            }
        }
        catch (HttpRequestException e)
        {
            throw ServedErrors.Transport(e, settings.CompletionsUri);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw ServedErrors.Timeout(settings.CompletionsUri, settings.Timeout, e);
        }
        var end = onEvent(ServedEventKind.End, tokenTimes.Count);
        return (Result(work, text.ToString(), sent, end, tokenTimes, textEnds, usage, finish, stopped), textEnds);
    }

    /// <summary>The suite's stop strings first, then the suppression criteria in order, as the in-process generator checks them.</summary>
    private static (int Cut, StopReason Reason, string Detail)? Stop(SampleRequest work, StopStrings stops, string text, int newStart, int tokens)
    {
        var at = stops.Find(text, newStart, out var match);
        if (at >= 0)
        {
            return (at, StopReason.StopString, match!);
        }
        foreach (var criterion in work.Hooks.Criteria)
        {
            if (criterion.Check(new GeneratedText(text, newStart, tokens)) is { } stop)
            {
                return (stop.TextEnd, StopReason.Criterion, stop.Detail);
            }
        }
        return null;
    }

    private GenerationResult Result(SampleRequest work, string raw, long sent, long end, List<long> tokenTimes, List<int> textEnds,
        CompletionUsage? usage, string? finish, (int Cut, StopReason Reason, string Detail)? stopped)
    {
        // The server's count wins when it ran to its own end; a stream cut short never got its usage.
        var total = Math.Max(1, (stopped is null ? usage?.CompletionTokens : null) ?? tokenTimes.Count);
        var lastTick = tokenTimes.Count > 0 ? tokenTimes[^1] : end;
        while (tokenTimes.Count < total)
        {
            tokenTimes.Add(lastTick);
            textEnds.Add(raw.Length);
        }
        tokenTimes.RemoveRange(total, tokenTimes.Count - total);
        textEnds.RemoveRange(total, textEnds.Count - total);
        var ids = tokenizer.Encode(raw).Take(total).ToList();
        var pad = tokenizer.EndOfSequenceIds.Count > 0 ? tokenizer.EndOfSequenceIds[0] : 0;
        while (ids.Count < total)
        {
            ids.Add(pad);
        }
        var (reason, detail) = stopped is { } s
            ? (s.Reason, s.Detail)
            : finish == "length" ? (StopReason.MaxNewTokens, "server: finish_reason length") : (StopReason.EndOfSequence, $"server: finish_reason {finish ?? "(none)"}");
        var completion = stopped is { } cut ? raw[..Math.Clamp(cut.Cut, 0, raw.Length)] : raw;
        return new GenerationResult(usage?.PromptTokens ?? work.PromptIds.Count, ids, completion, raw, reason, detail,
            new PhaseTimeline(sent, tokenTimes[0], tokenTimes, end));
    }
}
