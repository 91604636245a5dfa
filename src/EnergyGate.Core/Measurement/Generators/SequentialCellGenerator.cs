using System.Runtime.CompilerServices;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Measurement.Generators;

/// <summary>One sequence at a time on one <see cref="IDecoderSession"/> (batch size 1), each sample measured on its own.</summary>
internal sealed class SequentialCellGenerator(IDecoderSession session, ITextTokenizer tokenizer, EnergySampler sampler, TimeProvider time) : ICellGenerator
{
    private readonly Generator _generator = new(time);

    public async IAsyncEnumerable<MeasuredSample> RunAsync(IReadOnlyList<SampleRequest> work, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var w in work)
        {
            ct.ThrowIfCancellationRequested();
            var (result, energy, ends) = SampleMeasurement.Measure(sampler, w.Hooks, hooks => _generator.Generate(session, tokenizer, w.PromptIds, w.Settings, hooks));
            yield return new MeasuredSample(w, result, energy, ends, null);
            await Task.CompletedTask;
        }
    }

    public void Dispose() => session.Dispose();
}
