using System.Globalization;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// The rules every reader of a results file applies line by line, so duplicated lines,
/// concatenated runs or edited numbers can never be added up into a finding: one run header, on
/// the first line; each sample and each score at most once; every number finite, not negative and
/// within <see cref="SanityBounds"/>. Errors (EG2044 one run, EG2045 values) name the file, the
/// line(s), the field and what to do.
/// </summary>
internal sealed class JournalValidator(string path)
{
    private const string OneRun = "a results file holds one run: do not concatenate or duplicate files; use `merge` for shards.";

    private readonly Dictionary<SampleKey, int> _samples = [];
    private readonly Dictionary<SampleKey, int> _scores = [];
    private int? _headerLine;

    /// <summary>Checks the record read from 1-based line <paramref name="line"/>.</summary>
    public void Check(JournalRecord record, int line)
    {
        switch (record)
        {
            case RunHeader header:
                if (_headerLine is { } first)
                {
                    throw Error(line, $"a second run header (the first is on line {first}); {OneRun}");
                }
                _headerLine = line;
                CheckHeader(header, line);
                break;
            case SampleRecord sample:
                Unique(_samples, sample.Key, line, "sample");
                CheckSample(sample, line);
                break;
            case ScoreRecord score:
                Unique(_scores, score.Key, line, "score for sample");
                if (score.Score is { } similarity && !(similarity is >= 0 and <= 1))
                {
                    throw Value(line, "score", $"{SanityBounds.Text(similarity)}; expected a similarity in [0, 1]");
                }
                break;
            case Noise.NoiseRecord noise:
                CheckNoise(noise, line);
                break;
            default:
                break;
        }
    }

    private void Unique(Dictionary<SampleKey, int> seen, SampleKey key, int line, string what)
    {
        if (!seen.TryAdd(key, line))
        {
            throw Error(line, string.Create(CultureInfo.InvariantCulture,
                $"line {line} repeats {what} (cell {key.Cell}, rep {key.Repetition}, task {key.TaskId}, sample {key.SampleIndex}) first seen on line {seen[key]}; {OneRun}"));
        }
    }

    private void CheckHeader(RunHeader header, int line)
    {
        foreach (var (domain, watts) in header.IdleWatts)
        {
            Bound(line, $"idle_watts.{domain}", watts, SanityBounds.MaxWatts, "W");
        }
        foreach (var (cell, count) in header.ExpectedSamples ?? new Dictionary<string, int>())
        {
            Bound(line, $"expected_samples.{cell}", count, SanityBounds.MaxTokens, "samples");
        }
    }

    private void CheckNoise(Noise.NoiseRecord n, int line)
    {
        Bound(line, "probe_seconds", n.ProbeSeconds, SanityBounds.MaxSeconds, "s");
        foreach (var (field, ticks) in new[] { ("cpu_total_ticks", n.CpuTotalTicks), ("cpu_steal_ticks", n.CpuStealTicks), ("cpu_iowait_ticks", n.CpuIowaitTicks) })
        {
            if (ticks is { } value)
            {
                Bound(line, field, value, SanityBounds.MaxWork, "ticks");
            }
        }
        for (var i = 0; i < n.FrequenciesKhz.Count; i++)
        {
            Bound(line, $"frequencies_khz[{i}]", n.FrequenciesKhz[i], SanityBounds.MaxKilohertz, "kHz");
        }
    }

    private void CheckSample(SampleRecord s, int line)
    {
        Bound(line, "repetition", s.Repetition, SanityBounds.MaxTokens, "");
        Bound(line, "sample_index", s.SampleIndex, SanityBounds.MaxTokens, "");
        Bound(line, "prompt_tokens", s.PromptTokens, SanityBounds.MaxTokens, "tokens");
        Bound(line, "generated_tokens", s.GeneratedTokens, SanityBounds.MaxTokens, "tokens");
        Bound(line, "prefill_seconds", s.PrefillSeconds, SanityBounds.MaxSeconds, "s");
        Bound(line, "ttft_seconds", s.TtftSeconds, SanityBounds.MaxSeconds, "s");
        Bound(line, "decode_seconds", s.DecodeSeconds, SanityBounds.MaxSeconds, "s");
        Bound(line, "suppression_check_seconds", s.SuppressionCheckSeconds, SanityBounds.MaxSeconds, "s");
        Bound(line, "suppression_checks", s.SuppressionChecks, SanityBounds.MaxTokens, "");
        if (s.DecodeTokensPerSecond is { } rate)
        {
            Bound(line, "decode_tokens_per_second", rate, SanityBounds.MaxTokens, "tokens/s");
        }
        foreach (var (field, work, unit) in new[] { ("prefill_flops", s.PrefillFlops, "FLOP"), ("decode_flops", s.DecodeFlops, "FLOP"), ("decode_bytes", s.DecodeBytes, "B") })
        {
            if (work is { } value)
            {
                Bound(line, field, value, SanityBounds.MaxWork, unit);
            }
        }
        Bound(line, "prefill_joules", s.PrefillJoules, SanityBounds.MaxJoules, "J");
        Bound(line, "decode_joules", s.DecodeJoules, SanityBounds.MaxJoules, "J");
        for (var i = 0; i < s.Domains.Count; i++)
        {
            var d = s.Domains[i];
            Bound(line, $"domains[{i}].prefill_joules", d.PrefillJoules, SanityBounds.MaxJoules, "J");
            Bound(line, $"domains[{i}].decode_joules", d.DecodeJoules, SanityBounds.MaxJoules, "J");
            Bound(line, $"domains[{i}].resolution_joules", d.ResolutionJoules, SanityBounds.MaxJoules, "J");
        }
        for (var i = 0; i < s.TokenJoules.Count; i++)
        {
            Bound(line, $"token_joules[{i}]", s.TokenJoules[i], SanityBounds.MaxJoules, "J");
        }
    }

    private void Bound(int line, string field, double value, double max, string unit)
    {
        if (SanityBounds.Problem(value, max, unit) is { } problem)
        {
            throw Value(line, field, problem);
        }
    }

    private EnergyGateException Value(int line, string field, string problem) =>
        new($"EG2045: {path}:{line}: field `{field}` is {problem}. The file was edited or corrupted; measure again (`dotnet energygate run`) rather than fixing numbers by hand.");

    private EnergyGateException Error(int line, string what) => new($"EG2044: {path}:{line}: {what}");
}
