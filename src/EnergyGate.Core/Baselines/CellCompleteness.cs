namespace EnergyGate.Core.Baselines;

/// <summary>
/// A cell whose results file holds less than its plan promised (a run that stopped or was cut):
/// the gate does not compare it (EG1012) and <c>baseline update</c> refuses to record it.
/// </summary>
/// <param name="Cell">The cell.</param>
/// <param name="ExpectedSamples">Samples the whole plan records for the cell (the run header's <c>expected_samples</c>).</param>
/// <param name="Samples">Samples the file holds.</param>
/// <param name="ScoredSamples">Of those, samples with a score record.</param>
/// <param name="Source">The results file's name, for messages.</param>
public sealed record CellCompleteness(CellKey Cell, int ExpectedSamples, int Samples, int ScoredSamples, string Source)
{
    /// <summary>"cell X is incomplete in F: 12 of 40 samples, 12 scored".</summary>
    public string Describe() => FormattableString.Invariant(
        $"cell {Cell} is incomplete in {Source}: {Samples} of {ExpectedSamples} samples, {ScoredSamples} scored");
}
