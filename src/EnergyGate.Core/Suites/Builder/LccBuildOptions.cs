namespace EnergyGate.Core.Suites.Builder;

/// <summary>How many lcc records to build and how to pick them.</summary>
/// <param name="Count">Records wanted; fewer come back when the sources have too few cut points.</param>
/// <param name="Seed">Seed of the file and cut-point choice; the same seed and sources give the same records.</param>
/// <param name="MinContextLines">Lines the context must have at least before the answer line.</param>
public sealed record LccBuildOptions(int Count, int Seed = 0, int MinContextLines = LccBuildOptions.DefaultMinContextLines)
{
    /// <summary>The default of <see cref="MinContextLines"/>.</summary>
    public const int DefaultMinContextLines = 20;

    /// <summary>Rejects a count or minimum below 1 with a message naming the command-line option.</summary>
    /// <exception cref="EnergyGateException">An option is out of range.</exception>
    public void Validate()
    {
        if (Count < 1)
        {
            throw new EnergyGateException($"--count must be at least 1 (got {Count})");
        }
        if (MinContextLines < 1)
        {
            throw new EnergyGateException($"--min-context-lines must be at least 1 (got {MinContextLines})");
        }
    }
}
