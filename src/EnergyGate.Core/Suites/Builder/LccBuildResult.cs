namespace EnergyGate.Core.Suites.Builder;

/// <summary>What <see cref="LccBuilder.Build"/> produced, with the figures a user needs when it fell short.</summary>
/// <param name="Records">The records, in the order they were picked.</param>
/// <param name="Requested">The count asked for.</param>
/// <param name="CandidateFiles">Source files with at least one usable cut point.</param>
/// <param name="CandidateLines">Usable cut points over all those files.</param>
public sealed record LccBuildResult(IReadOnlyList<LccRecord> Records, int Requested, int CandidateFiles, int CandidateLines)
{
    /// <summary>True when the sources had fewer cut points than <see cref="Requested"/>.</summary>
    public bool IsShort => Records.Count < Requested;
}
