using EnergyGate.Core.Generation.Batching;

namespace EnergyGate.Core.Runtimes.Served;

/// <summary>What happened to one request at one moment, as the client saw it.</summary>
public enum ServedEventKind
{
    /// <summary>The request was sent: its prefill (as far as the client can tell) begins.</summary>
    Sent,

    /// <summary>A chunk with text arrived.</summary>
    Chunk,

    /// <summary>The stream ended (its last chunk, or the client stopped reading).</summary>
    End,
}

/// <summary>One event of a served request.</summary>
/// <param name="Tick">When, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</param>
/// <param name="Request">Which request.</param>
/// <param name="Kind">What happened.</param>
/// <param name="TokensAfter">Tokens the request has received after this event (0 for <see cref="ServedEventKind.Sent"/>).</param>
public readonly record struct ServedEvent(long Tick, int Request, ServedEventKind Kind, int TokensAfter);

/// <summary>
/// The steps of requests in flight to one server: every interval between two consecutive events
/// (any request sent, chunk or end) while requests were in flight, shared equally among them. The
/// client cannot see the server's batches, so equal shares of wall-clock intervals are the honest
/// division; summed over requests they give the in-flight intervals' energy exactly. A pure function over data.
/// </summary>
public static class ServedTimeline
{
    /// <summary>
    /// Each request's shares: <see cref="InferencePhase.Prefill"/> until its first chunk,
    /// <see cref="InferencePhase.Decode"/> after, with the index of the token it receives next.
    /// </summary>
    public static IReadOnlyDictionary<int, List<StepShare>> Shares(IEnumerable<ServedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        // Stable order: at one tick a request's own events keep their order (sent before its chunks).
        var ordered = events.Select((e, i) => (Event: e, Order: i)).OrderBy(x => x.Event.Tick).ThenBy(x => x.Order).Select(x => x.Event).ToList();
        var inFlight = new SortedDictionary<int, int>();
        var received = new Dictionary<int, int>();
        var shares = new Dictionary<int, List<StepShare>>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var e = ordered[i];
            switch (e.Kind)
            {
                case ServedEventKind.Sent:
                    inFlight[e.Request] = 0;
                    received[e.Request] = 0;
                    shares.TryAdd(e.Request, []);
                    break;
                case ServedEventKind.Chunk:
                    received[e.Request] = e.TokensAfter;
                    break;
                default:
                    inFlight.Remove(e.Request);
                    break;
            }
            if (i + 1 == ordered.Count || inFlight.Count == 0 || ordered[i + 1].Tick <= e.Tick)
            {
                continue;
            }
            var step = new SharedStep(e.Tick, ordered[i + 1].Tick, inFlight.Count);
            foreach (var request in inFlight.Keys)
            {
                var tokens = received[request];
                shares[request].Add(tokens == 0
                    ? new StepShare(step, InferencePhase.Prefill, 1, 0)
                    : new StepShare(step, InferencePhase.Decode, 1, tokens));
            }
        }
        return shares;
    }
}
