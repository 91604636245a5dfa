namespace EnergyGate.Core.Generation;

/// <summary>
/// When each inference phase of one sample happened, in <see cref="System.Diagnostics.Stopwatch"/>
/// ticks (<see cref="System.Diagnostics.Stopwatch.Frequency"/> per second). The energy sampler
/// interpolates its cumulative counters at these instants to split joules between phases.
/// </summary>
/// <remarks>
/// <para>Order: <c>PrefillStart &lt; PrefillEnd &lt;= TokenTimes[0] &lt;= TokenTimes[1] &lt;= ... &lt;= End</c>.
/// <c>TokenTimes</c> always holds at least one entry, one per generated token.</para>
/// <para>Prefill phase = [<c>PrefillStart</c>, <c>PrefillEnd</c>]. Decode phase = [<c>PrefillEnd</c>, <c>End</c>];
/// the two are contiguous, so prefill + decode covers the whole sample.</para>
/// <para>Token 0 is chosen from the prefill logits, so <c>TokenTimes[0]</c> is <c>PrefillEnd</c> plus the
/// time of one token selection (no forward pass). Every later token i needs exactly one
/// <see cref="IDecoderSession.Decode"/> call, which happens inside [<c>TokenTimes[i-1]</c>, <c>TokenTimes[i]</c>]
/// together with the stopping checks of token i-1: that interval is the cost of decode step i.
/// No forward pass happens after the last token, so [<c>TokenTimes[^1]</c>, <c>End</c>] holds only the
/// final stopping checks and detokenization.</para>
/// </remarks>
/// <param name="PrefillStart">Just before the prompt was submitted to <see cref="IDecoderSession.Prefill"/>.</param>
/// <param name="PrefillEnd">Just after <see cref="IDecoderSession.Prefill"/> returned the first logits.</param>
/// <param name="TokenTimes">
/// <c>TokenTimes[i]</c> is the instant generated token i was chosen (logits ready and the selector
/// returned), before its stopping checks. One entry per generated token, including an end-of-sequence token.
/// </param>
/// <param name="End">When generation stopped: after the last token's stopping checks and the final detokenization.</param>
public sealed record PhaseTimeline(long PrefillStart, long PrefillEnd, IReadOnlyList<long> TokenTimes, long End)
{
    /// <summary>Forward passes of the decode phase: one per generated token after the first.</summary>
    public int DecodeSteps => Math.Max(0, TokenTimes.Count - 1);
}
