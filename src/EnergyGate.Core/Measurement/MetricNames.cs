namespace EnergyGate.Core.Measurement;

/// <summary>Stable ids of the per-repetition metrics a run produces and the gate compares.</summary>
public static class MetricNames
{
    /// <summary>Prefill + decode joules per problem.</summary>
    public const string JoulesPerProblem = "joules_per_problem";

    /// <summary>Prefill joules per problem.</summary>
    public const string PrefillJoules = "prefill_joules";

    /// <summary>Decode joules per problem.</summary>
    public const string DecodeJoules = "decode_joules";

    /// <summary>Decode joules per generated token.</summary>
    public const string DecodeJoulesPerToken = "decode_joules_per_token";

    /// <summary>All inference joules divided by the number of passing samples.</summary>
    public const string JoulesPerCorrectTask = "joules_per_correct_task";

    /// <summary>Generated tokens per sample.</summary>
    public const string GeneratedTokens = "generated_tokens";

    /// <summary>Decode steps per second of decode time (higher is better).</summary>
    public const string TokensPerSecond = "tokens_per_second";

    /// <summary>Median time to first token.</summary>
    public const string TtftSeconds = "ttft_seconds";

    /// <summary>Share of inference joules spent in prefill (0..1).</summary>
    public const string PrefillShare = "prefill_share";

    /// <summary>Every energy and speed metric, in report order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [JoulesPerProblem, PrefillJoules, DecodeJoules, DecodeJoulesPerToken, JoulesPerCorrectTask, GeneratedTokens, TokensPerSecond, TtftSeconds, PrefillShare];
}
