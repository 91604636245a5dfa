using EnergyGate.Core.Generation.Batching;

namespace EnergyGate.Tool.Serving;

/// <summary>What the generation loop tells one request's handler, in order: token texts, then an end.</summary>
internal abstract record CompletionEvent;

/// <summary>A generated token released <paramref name="Text"/> (never empty).</summary>
internal sealed record TokenText(string Text) : CompletionEvent;

/// <summary>The sequence left the batch: finished, or cancelled because its client went away.</summary>
internal sealed record CompletionFinished(BatchedSequence Sequence) : CompletionEvent;

/// <summary>A step that held this request failed; the request is over (the server goes on).</summary>
internal sealed record CompletionFailed(Exception Error) : CompletionEvent;
