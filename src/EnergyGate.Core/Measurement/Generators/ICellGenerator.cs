using EnergyGate.Core.Energy.Sampling;

namespace EnergyGate.Core.Measurement.Generators;

/// <summary>
/// Generates the samples of one cell's passes and measures each one's energy: one sequence at a
/// time, batched in process, or as requests to a server. Opened once per cell and reused by all its
/// passes, so a model loads once.
/// </summary>
public interface ICellGenerator : IDisposable
{
    /// <summary>
    /// Generates <paramref name="work"/> (a pass: a warm-up or a repetition) and yields each sample as
    /// soon as it is finished, in the order they finish. The caller's time between yields (writing
    /// the journal) is charged to no sample.
    /// </summary>
    IAsyncEnumerable<MeasuredSample> RunAsync(IReadOnlyList<SampleRequest> work, CancellationToken ct);
}

/// <summary>
/// Implemented by a runtime whose cells need their own generator (a model behind an HTTP endpoint):
/// the executor asks it instead of opening an <see cref="Core.Generation.IDecoderSession"/>.
/// </summary>
public interface ICellGeneratorSource
{
    /// <summary>Opens the generator of <paramref name="cell"/> with its prepared <paramref name="input"/>; energy comes from <paramref name="sampler"/>.</summary>
    ICellGenerator Open(RunCell cell, CellInputs input, EnergySampler sampler, TimeProvider time);
}
