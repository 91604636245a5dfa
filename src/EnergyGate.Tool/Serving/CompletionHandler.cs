using System.Threading.Channels;
using EnergyGate.Core;
using Microsoft.AspNetCore.Http;

namespace EnergyGate.Tool.Serving;

/// <summary>
/// <c>POST /v1/completions</c>: parses and checks the request, submits it to the generation loop and
/// answers with one JSON body or a server-sent event per token that released text. A client that
/// goes away cancels its sequence, so its slot is free at the next step.
/// </summary>
internal sealed class CompletionHandler(GenerationLoop loop, ServedModelInfo model, Core.Generation.ITextTokenizer tokenizer, TextWriter log)
{
    private long _lastId;

    /// <summary>Answers one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.RequestAborted;
        var body = await ReadBodyAsync(context.Request, ct);
        if (!CompletionRequestParser.TryParse(body, out var request, out var error)
            || !CompletionPlan.TryCreate(request, model, tokenizer, out var plan, out error))
        {
            await ErrorResponse.WriteAsync(context.Response, error, ct);
            return;
        }
        long id;
        ChannelReader<CompletionEvent> events;
        try
        {
            (id, events) = loop.Submit(plan.PromptIds, plan.Settings);
        }
        catch (EnergyGateException ex)
        {
            await ErrorResponse.WriteAsync(context.Response, ApiError.BadRequest(ex.Message, "prompt"), ct);
            return;
        }
        catch (InvalidOperationException)
        {
            await ErrorResponse.WriteAsync(context.Response, ErrorResponse.ShuttingDown, ct);
            return;
        }
        var completion = new Answer($"cmpl-{Interlocked.Increment(ref _lastId)}", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), model.Name, request);
        using var cancel = ct.Register(() => loop.Cancel(id));
        try
        {
            await (request.Stream ? StreamAsync(context.Response, completion, events, ct) : WholeAsync(context.Response, completion, events, ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away; its sequence is cancelled by the registration above.
        }
    }

    private async Task WholeAsync(HttpResponse response, Answer answer, ChannelReader<CompletionEvent> events, CancellationToken ct)
    {
        await foreach (var e in events.ReadAllAsync(ct))
        {
            switch (e)
            {
                case CompletionFinished { Sequence.Result: var result }:
                    response.ContentType = "application/json";
                    await response.Body.WriteAsync(CompletionJson.Completion(answer.Id, answer.Created, answer.Model, result.Completion,
                        CompletionJson.FinishReason(result.StopReason), new Usage(result.PromptTokenCount, result.GeneratedTokenCount)), ct);
                    return;
                case CompletionFailed failed:
                    await ErrorResponse.WriteAsync(response, Failure(answer, failed.Error), ct);
                    return;
            }
        }
    }

    private async Task StreamAsync(HttpResponse response, Answer answer, ChannelReader<CompletionEvent> events, CancellationToken ct)
    {
        var text = new StreamedText(answer.Request.Stop);
        await foreach (var e in events.ReadAllAsync(ct))
        {
            switch (e)
            {
                case TokenText token when text.Append(token.Text) is { Length: > 0 } ready:
                    await SendAsync(response, answer.Chunk(ready, null), ct);
                    break;
                case CompletionFinished { Sequence.Result: var result }:
                    await SendAsync(response, answer.Chunk(text.Finish(result.Completion), CompletionJson.FinishReason(result.StopReason)), ct);
                    if (answer.Request.IncludeUsage)
                    {
                        await SseWriter.WriteAsync(response, CompletionJson.UsageChunk(answer.Id, answer.Created, answer.Model,
                            new Usage(result.PromptTokenCount, result.GeneratedTokenCount)), ct);
                    }
                    await SseWriter.WriteDoneAsync(response, ct);
                    return;
                case CompletionFailed failed:
                    var error = Failure(answer, failed.Error);
                    if (response.HasStarted)
                    {
                        // The status line is gone; OpenAI's streams report a late error as an event.
                        await SseWriter.WriteAsync(response, error.ToJson(), ct);
                    }
                    else
                    {
                        await ErrorResponse.WriteAsync(response, error, ct);
                    }
                    return;
            }
        }
    }

    private static async Task SendAsync(HttpResponse response, byte[] chunk, CancellationToken ct)
    {
        // The status and headers go with the first event, so a step that fails before any token is still a 500.
        if (!response.HasStarted)
        {
            SseWriter.Begin(response);
        }
        await SseWriter.WriteAsync(response, chunk, ct);
    }

    private ApiError Failure(Answer answer, Exception error)
    {
        log.WriteLine($"energygate: serve: {answer.Id} failed: {error.GetType().Name}: {error.Message}");
        return new ApiError(500, $"generation failed: {error.Message}", Code: "generation_failed", Type: ApiError.ServerError);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>One response's identity and what was asked.</summary>
    private sealed record Answer(string Id, long Created, string Model, CompletionRequest Request)
    {
        public byte[] Chunk(string text, string? finishReason) => CompletionJson.Chunk(Id, Created, Model, text, finishReason, Request.IncludeUsage);
    }
}
