namespace EnergyGate.Core.Energy;

/// <summary>Energy of one phase in one domain, with how far it can be trusted.</summary>
/// <param name="Joules">Interpolated counter difference over the phase.</param>
/// <param name="Seconds">Phase duration.</param>
/// <param name="LimitJoules">
/// Resolution limit: counter step plus one counter update's worth of energy at the window's mean
/// power (the counter may lag by an update at each boundary). Report "&lt; LimitJoules" when
/// <paramref name="BelowResolution"/> instead of a falsely precise number.
/// </param>
/// <param name="BelowResolution">The phase is shorter than one counter update, or its energy below the limit.</param>
/// <param name="FewUpdates">The phase spans fewer than ~10 counter updates (NVML: under a second): aggregate over many samples.</param>
public sealed record PhaseValue(double Joules, double Seconds, double LimitJoules, bool BelowResolution, bool FewUpdates);

/// <summary>One domain's energy split between the phases of a generation.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Kind">Kind of these numbers: a measured counter's interpolated shares are <see cref="EnergyKind.Attributed"/>.</param>
/// <param name="Prefill">[PrefillStart, PrefillEnd].</param>
/// <param name="Decode">[PrefillEnd, End].</param>
/// <param name="TotalJoules">Prefill + decode, exactly.</param>
/// <param name="DecodeJoulesPerToken">Decode joules / generated tokens (as in the research); null without tokens.</param>
/// <param name="TokenJoules">
/// Token i's energy: counter difference over [TokenTimes[i-1], TokenTimes[i]] with TokenTimes[-1] = PrefillEnd.
/// Together with <paramref name="TailJoules"/> they sum to the decode energy.
/// </param>
/// <param name="TailJoules">[last token, End]: the final stopping checks.</param>
/// <param name="Events">Union of counter events (wraps, resets, stuck, failures) inside the window.</param>
/// <param name="OutsideSamples">A boundary lay outside the sampled range and was clamped: the numbers are incomplete.</param>
public sealed record DomainPhaseEnergy(
    EnergyDomain Domain,
    EnergyKind Kind,
    PhaseValue Prefill,
    PhaseValue Decode,
    double TotalJoules,
    double? DecodeJoulesPerToken,
    IReadOnlyList<double> TokenJoules,
    double TailJoules,
    Sampling.CounterEvents Events,
    bool OutsideSamples);
