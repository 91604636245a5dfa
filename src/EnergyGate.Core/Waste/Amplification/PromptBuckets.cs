namespace EnergyGate.Core.Waste.Amplification;

/// <summary>Splits samples sorted by prompt length into buckets without separating equal lengths.</summary>
internal static class PromptBuckets
{
    /// <summary>
    /// One bucket per distinct length when there are at most <paramref name="buckets"/> of them (a
    /// sweep at fixed lengths); otherwise equal-count quantile buckets whose cuts move to the nearest
    /// change of length, so one length never lands on both sides of a cut.
    /// </summary>
    public static List<List<(int Tokens, double Joules)>> Split(IReadOnlyList<(int Tokens, double Joules)> sorted, int buckets)
    {
        var boundaries = Enumerable.Range(1, Math.Max(0, sorted.Count - 1)).Where(i => sorted[i].Tokens != sorted[i - 1].Tokens).ToList();
        var cuts = boundaries.Count + 1 <= buckets
            ? boundaries
            : [.. Enumerable.Range(1, buckets - 1).Select(b => Nearest(boundaries, (int)Math.Round((double)b * sorted.Count / buckets))).Distinct()];
        var groups = new List<List<(int, double)>>();
        var start = 0;
        foreach (var cut in cuts.Append(sorted.Count))
        {
            if (cut > start)
            {
                groups.Add([.. sorted.Skip(start).Take(cut - start)]);
                start = cut;
            }
        }
        return groups;
    }

    // Ties go to the later boundary, so the shorter side keeps the cut's own index.
    private static int Nearest(List<int> boundaries, int index) =>
        boundaries.OrderBy(b => Math.Abs(b - index)).ThenByDescending(b => b).First();
}
