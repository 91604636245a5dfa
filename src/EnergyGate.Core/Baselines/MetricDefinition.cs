using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Baselines;

/// <summary>What a metric id means: its unit, direction and whether it is an energy number.</summary>
/// <param name="Id">Stable id, one of <see cref="MetricIds"/>.</param>
/// <param name="Unit">Unit shown after numbers, e.g. <c>J</c>.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="IsEnergy">Energy numbers carry a <see cref="MeterKind"/> label in reports.</param>
public sealed record MetricDefinition(string Id, string Unit, MetricDirection Direction, bool IsEnergy);

/// <summary>The known metrics, in report order.</summary>
public static class MetricCatalog
{
    /// <summary>Every known metric, in the order reports list them.</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        new(MetricIds.JoulesPerProblem, "J", MetricDirection.LowerIsBetter, IsEnergy: true),
        new(MetricIds.PrefillJoules, "J", MetricDirection.LowerIsBetter, IsEnergy: true),
        new(MetricIds.DecodeJoules, "J", MetricDirection.LowerIsBetter, IsEnergy: true),
        new(MetricIds.DecodeJoulesPerToken, "J/token", MetricDirection.LowerIsBetter, IsEnergy: true),
        new(MetricIds.JoulesPerCorrectTask, "J", MetricDirection.LowerIsBetter, IsEnergy: true),
        new(MetricIds.GeneratedTokens, "tokens", MetricDirection.LowerIsBetter, IsEnergy: false),
        new(MetricIds.TokensPerSecond, "tokens/s", MetricDirection.HigherIsBetter, IsEnergy: false),
        new(MetricIds.BatchTokensPerSecond, "tokens/s", MetricDirection.HigherIsBetter, IsEnergy: false),
        new(MetricIds.TtftSeconds, "s", MetricDirection.LowerIsBetter, IsEnergy: false),
        new(MetricIds.PrefillShare, "share", MetricDirection.LowerIsBetter, IsEnergy: false),
        new(MetricIds.BabbleShare, "share", MetricDirection.LowerIsBetter, IsEnergy: false),
        new(MetricIds.BabbleJoules, "J", MetricDirection.LowerIsBetter, IsEnergy: true),
        new(MetricIds.MaxTokensShare, "share", MetricDirection.LowerIsBetter, IsEnergy: false),
        new(MetricIds.PrefillAmplification, "ratio", MetricDirection.LowerIsBetter, IsEnergy: false),
        new(MetricIds.PrefillFlops, "FLOP", MetricDirection.LowerIsBetter, IsEnergy: false),
        new(MetricIds.DecodeFlops, "FLOP", MetricDirection.LowerIsBetter, IsEnergy: false),
        new(MetricIds.DecodeBytesPerToken, "B/token", MetricDirection.LowerIsBetter, IsEnergy: false),
        new(MetricIds.FlopsPerProblem, "FLOP", MetricDirection.LowerIsBetter, IsEnergy: false),
    ];

    /// <summary>
    /// Counts that follow from the model and the tokens alone: equal on any machine for the same
    /// model, prompts and greedy decoding, so the gate compares them exactly (see <c>Gating.ExactWork</c>).
    /// </summary>
    public static IReadOnlyList<string> ExactWork { get; } =
        [MetricIds.GeneratedTokens, MetricIds.PrefillFlops, MetricIds.DecodeFlops, MetricIds.DecodeBytesPerToken, MetricIds.FlopsPerProblem];

    /// <summary>The definition of <paramref name="id"/>, or null for an unknown id.</summary>
    public static MetricDefinition? Find(string id) => All.FirstOrDefault(m => m.Id == id);

    /// <summary>
    /// The definition of <paramref name="id"/>; an unknown id (a newer tool's metric) is shown as
    /// lower-is-better without a unit and is never gated unless the policy names it.
    /// </summary>
    public static MetricDefinition Get(string id) => Find(id) ?? new MetricDefinition(id, "", MetricDirection.LowerIsBetter, IsEnergy: false);

    /// <summary>Position in report order; unknown ids sort after known ones, by id.</summary>
    public static int Order(string id)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Id == id)
            {
                return i;
            }
        }
        return All.Count;
    }
}
