using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Measurement;

/// <summary>Turns one generation and the energy samples around it into a results record.</summary>
internal static class SampleMeasurement
{
    public static SampleRecord ToRecord(string cell, int repetition, string taskId, int sampleIndex,
        GenerationResult result, IReadOnlyList<DomainPhaseEnergy> energy, IReadOnlyList<int> tokenTextEnds)
    {
        var domains = energy.Select(d => new DomainEnergyRecord(
            d.Domain.Id, d.Kind.ToString(), d.Prefill.Joules, d.Decode.Joules,
            Math.Max(d.Prefill.LimitJoules, d.Decode.LimitJoules),
            d.Prefill.BelowResolution || d.Decode.BelowResolution)).ToList();
        var tokenJoules = new double[energy.Count == 0 ? 0 : energy[0].TokenJoules.Count];
        foreach (var domain in energy)
        {
            for (var i = 0; i < tokenJoules.Length && i < domain.TokenJoules.Count; i++)
            {
                tokenJoules[i] += domain.TokenJoules[i];
            }
        }
        return new SampleRecord
        {
            Cell = cell,
            Repetition = repetition,
            TaskId = taskId,
            SampleIndex = sampleIndex,
            PromptTokens = result.PromptTokenCount,
            GeneratedTokens = result.GeneratedTokenCount,
            StopReason = result.StopReason.ToString(),
            StopDetail = result.StopDetail,
            PrefillSeconds = result.PrefillDuration.TotalSeconds,
            TtftSeconds = result.TimeToFirstToken.TotalSeconds,
            DecodeSeconds = result.DecodeDuration.TotalSeconds,
            DecodeTokensPerSecond = result.DecodeTokensPerSecond,
            PrefillJoules = energy.Sum(d => d.Prefill.Joules),
            DecodeJoules = energy.Sum(d => d.Decode.Joules),
            EnergyKind = (energy.Count == 0 ? EnergyKind.NotMeasured : EnergyKinds.Weakest(energy.Select(d => d.Kind))).ToString(),
            Domains = domains,
            TokenJoules = tokenJoules,
            Completion = result.Completion,
            RawText = result.RawText == result.Completion ? null : result.RawText,
            TokenTextEnds = tokenTextEnds,
        };
    }

    /// <summary>
    /// Runs one generation with forced energy samples at its start, at the prefill/decode boundary
    /// (when the first token is chosen) and at its end. Interpolating across a 10 ms sampling
    /// interval put the boundary of a millisecond-long prefill wherever the interval's average
    /// rate said, which skewed prefill joules by up to 60 % between runs; a reading at the boundary
    /// itself costs about a microsecond.
    /// </summary>
    /// <remarks>
    /// Also records where each token's text ends in the raw text, so waste analysis can later map a
    /// point in the text (where the answer was complete) back to the tokens and joules after it.
    /// </remarks>
    public static (GenerationResult Result, IReadOnlyList<DomainPhaseEnergy> Energy, IReadOnlyList<int> TokenTextEnds) Measure(
        EnergySampler sampler, GenerationHooks baseHooks, Func<GenerationHooks, GenerationResult> generate)
    {
        sampler.Clear();
        sampler.SampleNow();
        var ends = new List<int>();
        var released = 0;
        var hooks = baseHooks with
        {
            OnToken = token =>
            {
                if (token.Index == 0)
                {
                    sampler.SampleNow();
                }
                released += token.Text.Length;
                ends.Add(released);
            },
        };
        var result = generate(hooks);
        sampler.SampleNow();
        return (result, PhaseAttribution.Attribute(sampler.Snapshot(), result.Timeline), ends);
    }
}
