namespace EnergyGate.Core.Scoring;

/// <summary>A sample and its verdict.</summary>
/// <param name="Sample">The sample as read.</param>
/// <param name="Result">What running it gave.</param>
public sealed record ScoredSample(HumanEvalSample Sample, ExecutionResult Result);

/// <summary>Samples and passes for one problem.</summary>
/// <param name="TaskId">The problem.</param>
/// <param name="Samples">How many samples it had.</param>
/// <param name="Passed">How many of them passed.</param>
public sealed record ProblemScore(string TaskId, int Samples, int Passed);

/// <summary>The outcome of scoring a samples set against a suite.</summary>
/// <param name="Samples">Every sample with its verdict, in input order.</param>
/// <param name="Problems">Per-problem counts, for problems that had samples.</param>
/// <param name="ProblemsWithoutSamples">Problems of the suite that no sample addressed (left out of pass@k).</param>
/// <param name="PassAtK">Mean pass@k for each requested k that every scored problem can support.</param>
/// <param name="SkippedK">Requested k values larger than the smallest per-problem sample count.</param>
/// <param name="Elapsed">Wall-clock time spent executing.</param>
public sealed record ScoreReport(
    IReadOnlyList<ScoredSample> Samples,
    IReadOnlyList<ProblemScore> Problems,
    IReadOnlyList<string> ProblemsWithoutSamples,
    IReadOnlyDictionary<int, double> PassAtK,
    IReadOnlyList<int> SkippedK,
    TimeSpan Elapsed)
{
    /// <summary>Samples executed per second of wall-clock time.</summary>
    public double SamplesPerSecond => Elapsed > TimeSpan.Zero ? Samples.Count / Elapsed.TotalSeconds : 0;

    /// <summary>How many samples ended in each outcome.</summary>
    public int Count(SampleOutcome outcome) => Samples.Count(s => s.Result.Outcome == outcome);
}
