namespace EnergyGate.Core.Baselines;

/// <summary>Stable metric ids: keys of <see cref="CellMeasurements.Metrics"/>, policy entries and report rows.</summary>
public static class MetricIds
{
    /// <summary>Mean inference joules per problem (prefill + decode), J.</summary>
    public const string JoulesPerProblem = "joules_per_problem";

    /// <summary>Mean prefill joules per problem, J.</summary>
    public const string PrefillJoules = "prefill_joules";

    /// <summary>Mean decode joules per problem, J.</summary>
    public const string DecodeJoules = "decode_joules";

    /// <summary>Decode joules per generated token, J/token.</summary>
    public const string DecodeJoulesPerToken = "decode_joules_per_token";

    /// <summary>Inference joules divided by the number of tasks solved, J.</summary>
    public const string JoulesPerCorrectTask = "joules_per_correct_task";

    /// <summary>Mean generated tokens per problem.</summary>
    public const string GeneratedTokens = "generated_tokens";

    /// <summary>Decode throughput, tokens/s; higher is better.</summary>
    public const string TokensPerSecond = "tokens_per_second";

    /// <summary>
    /// Decode throughput of the whole batch (or of all requests in flight to a server), tokens/s: one
    /// sequence's rate times the batch's mean occupancy; only for batched and served cells.
    /// </summary>
    public const string BatchTokensPerSecond = "batch_tokens_per_second";

    /// <summary>Mean time to first token, s.</summary>
    public const string TtftSeconds = "ttft_seconds";

    /// <summary>Share of inference joules spent in prefill, 0..1 (reported; gate it to watch prompt growth).</summary>
    public const string PrefillShare = "prefill_share";

    /// <summary>Share of generated tokens after the answer was complete (babbling), 0..1.</summary>
    public const string BabbleShare = "babble_share";

    /// <summary>Decode joules per problem spent after the answer was complete.</summary>
    public const string BabbleJoules = "babble_joules";

    /// <summary>Share of samples that ran into max_new_tokens, 0..1.</summary>
    public const string MaxTokensShare = "max_tokens_share";

    /// <summary>Decode J/token of the longest prompts over the shortest (1.2 = +20 %): prefill amplification.</summary>
    public const string PrefillAmplification = "prefill_amplification";

    /// <summary>Mean prefill FLOPs per problem: exact work from the model's shape and the prompt tokens.</summary>
    public const string PrefillFlops = "prefill_flops";

    /// <summary>Mean decode FLOPs per problem: exact work of every decode step.</summary>
    public const string DecodeFlops = "decode_flops";

    /// <summary>Bytes read per decode step (weights plus the KV cache attended), over the repetition's samples.</summary>
    public const string DecodeBytesPerToken = "decode_bytes_per_token";

    /// <summary>Mean FLOPs per problem, prefill and decode together.</summary>
    public const string FlopsPerProblem = "flops_per_problem";

    /// <summary>Not a measured metric: the id acknowledgements use for the paired accuracy test.</summary>
    public const string Accuracy = "accuracy";
}
