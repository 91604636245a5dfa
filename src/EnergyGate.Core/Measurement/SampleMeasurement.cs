using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Measurement;

/// <summary>Turns one generation and the energy samples around it into a results record.</summary>
internal static class SampleMeasurement
{
    public static SampleRecord ToRecord(string cell, int repetition, string taskId, int sampleIndex,
        GenerationResult result, IReadOnlyList<DomainPhaseEnergy> energy)
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
            EnergyKind = (energy.Count == 0 ? EnergyKind.Estimated : EnergyKinds.Weakest(energy.Select(d => d.Kind))).ToString(),
            Domains = domains,
            TokenJoules = tokenJoules,
            Completion = result.Completion,
        };
    }

    /// <summary>Runs one generation between two forced energy samples so both phase boundaries are covered.</summary>
    public static (GenerationResult Result, IReadOnlyList<DomainPhaseEnergy> Energy) Measure(
        EnergySampler sampler, Func<GenerationResult> generate)
    {
        sampler.Clear();
        sampler.SampleNow();
        var result = generate();
        sampler.SampleNow();
        return (result, PhaseAttribution.Attribute(sampler.Snapshot(), result.Timeline));
    }
}
