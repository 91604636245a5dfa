using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation.Batching;

namespace EnergyGate.Core.Measurement.Generators;

/// <summary>Chooses how a cell generates: its runtime's own generator, a batch, or one sequence at a time.</summary>
public static class CellGenerators
{
    /// <summary>Opens the generator for <paramref name="cell"/>.</summary>
    public static ICellGenerator Open(RunCell cell, CellInputs input, EnergySampler sampler, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Factory is ICellGeneratorSource source)
        {
            return source.Open(cell, input, sampler, time);
        }
        if (cell.Batch.BatchSize > 1)
        {
            var session = input.Factory.OpenBatch(input.ModelDirectory, cell.Runtime, cell.Batch.BatchSize);
            return new BatchedCellGenerator(session, input.Tokenizer, cell.Batch, sampler, time);
        }
        return new SequentialCellGenerator(input.Factory.Open(input.ModelDirectory, cell.Runtime), input.Tokenizer, sampler, time);
    }
}
