namespace EnergyGate.Core.Waste.Babbling;

/// <summary>
/// The wall-clock limit of one test-oracle check, EvalPlus style: <see cref="Factor"/> times the time the
/// problem's canonical solution takes with the same tests, never under <see cref="Floor"/>, never over the
/// problem's own limit. A partial program often cannot finish (an unfinished <c>while</c> loop runs until
/// killed); under the sample limit (3 s) each such check cost the decode loop 3 s while a check that
/// finishes takes 15-40 ms. A check that runs out of time counts as "not passing yet", as a failed one
/// does: the cost of a limit that is too tight is a later stop (less saved), never a wrong score
/// (scoring runs the final completion under the full limit).
/// </summary>
/// <param name="Factor">How many times the canonical solution's time a check gets (EvalPlus: 4).</param>
/// <param name="Floor">The least time a check gets, whatever the canonical solution took: room for a loaded machine.</param>
public sealed record OracleTimeLimit(double Factor, TimeSpan Floor)
{
    /// <summary>How many times the canonical solution's time a check gets: positive and finite.</summary>
    public double Factor { get; } = double.IsFinite(Factor) && Factor > 0
        ? Factor : throw new ArgumentOutOfRangeException(nameof(Factor), Factor, "the oracle's time factor must be a positive number");

    /// <summary>The least time a check gets: positive.</summary>
    public TimeSpan Floor { get; } = Floor > TimeSpan.Zero
        ? Floor : throw new ArgumentOutOfRangeException(nameof(Floor), Floor, "the oracle's least time limit must be positive");

    /// <summary>4 x the canonical solution's time (EvalPlus's factor), at least 0.25 s (a check that finishes takes 15-40 ms).</summary>
    public static OracleTimeLimit Default { get; } = new(4.0, TimeSpan.FromSeconds(0.25));

    /// <summary>No short limit: every check gets the problem's own limit, and no canonical solution is run.</summary>
    public static OracleTimeLimit Off { get; } = new(1.0, TimeSpan.MaxValue);

    /// <summary>
    /// The limit for a check, given the canonical solution's time in the sandbox (null when it did not pass:
    /// nothing to scale, so the problem's limit stays) and <paramref name="ceiling"/>, the problem's own limit.
    /// </summary>
    public TimeSpan For(TimeSpan? reference, TimeSpan ceiling)
    {
        if (reference is not { } time)
        {
            return ceiling;
        }
        var scaled = TimeSpan.FromTicks((long)Math.Min(TimeSpan.MaxValue.Ticks, time.Ticks * Factor));
        var limit = scaled > Floor ? scaled : Floor;
        return limit < ceiling ? limit : ceiling;
    }
}
