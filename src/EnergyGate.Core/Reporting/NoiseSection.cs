using System.Globalization;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Measurement.Noise;

namespace EnergyGate.Core.Reporting;

/// <summary>
/// The "Machine noise" block: how steady the machine was during the candidate run (probe times,
/// steal, frequency) and whether the gate's noise rule found it too noisy at the global warn
/// threshold. Absent for runs recorded before EnergyGate probed the machine.
/// </summary>
public static class NoiseSection
{
    /// <summary>The Markdown block; empty when the run has no noise figures.</summary>
    public static string Markdown(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (NoiseSummary.FromDetails(result.Candidate.Fingerprint.Details) is not { } s)
        {
            return "";
        }
        return "### Machine noise\n\n"
            + $"- Probe: {NoiseText.Probe(s)}\n"
            + $"- CPU: {NoiseText.Steal(s)}\n"
            + $"- Frequency: {NoiseText.Frequency(s)}\n"
            + $"- Verdict: {Verdict(result, s)}\n\n";
    }

    /// <summary>The figures and verdict for the JSON report; null when the run has none.</summary>
    public static object? Json(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (NoiseSummary.FromDetails(result.Candidate.Fingerprint.Details) is not { } s)
        {
            return null;
        }
        var verdict = NoiseVerdict.Judge(s, result.Policy.Noise, result.Policy.Warn);
        return new
        {
            s.Probes,
            ProbeMedianMs = s.MedianSeconds * 1000,
            ProbeSpread = s.Spread,
            ProbeDrift = s.Drift,
            s.Steal,
            s.Iowait,
            FrequencyMinKhz = s.MinFrequencyKhz,
            FrequencyMaxKhz = s.MaxFrequencyKhz,
            verdict.TooNoisy,
            Verdict = verdict.Text,
        };
    }

    private static string Verdict(GateResult result, NoiseSummary s)
    {
        var verdict = NoiseVerdict.Judge(s, result.Policy.Noise, result.Policy.Warn);
        return !verdict.TooNoisy ? verdict.Text
            : result.Policy.Noise.Enabled ? $"{verdict.Text}; regressions of energy and time metrics within {result.Policy.Noise.ExplainFactor.ToString("0.##", CultureInfo.InvariantCulture)} times the machine's movement are reported as inconclusive (EG1003)"
            : $"{verdict.Text}; the noise rule is off (gate.noise.enabled: false)";
    }
}
