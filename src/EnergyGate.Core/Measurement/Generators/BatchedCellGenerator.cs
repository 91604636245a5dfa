using System.Runtime.CompilerServices;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Batching;

namespace EnergyGate.Core.Measurement.Generators;

/// <summary>
/// A pass's samples through a <see cref="BatchScheduler"/>: prefilled together, decoded together,
/// each leaving when done. The meter is read at each prefill's end and whenever a sequence leaves,
/// and each sequence gets its shares of the steps it took part in (<see cref="SharedAttribution"/>).
/// </summary>
internal sealed class BatchedCellGenerator(IBatchDecoderSession session, ITextTokenizer tokenizer, BatchOptions options, EnergySampler sampler, TimeProvider time) : ICellGenerator
{
    public async IAsyncEnumerable<MeasuredSample> RunAsync(IReadOnlyList<SampleRequest> work, [EnumeratorCancellation] CancellationToken ct)
    {
        var ends = new List<int>[work.Count];
        var scheduler = new BatchScheduler(session, tokenizer, options, time)
        {
            // A reading at each boundary the attribution needs most: where prompts end and sequences leave.
            OnStep = (_, phase) =>
            {
                if (phase == InferencePhase.Prefill)
                {
                    sampler.SampleNow();
                }
            },
        };
        var requests = work.Select((w, i) =>
        {
            var released = 0;
            var textEnds = ends[i] = [];
            return new BatchRequest(i, w.PromptIds, w.Settings, w.Hooks with
            {
                OnToken = token =>
                {
                    released += token.Text.Length;
                    textEnds.Add(released);
                },
            });
        }).ToList();
        sampler.Clear();
        sampler.SampleNow();
        foreach (var request in requests)
        {
            scheduler.Admit(request);
        }
        while (scheduler.HasWork)
        {
            ct.ThrowIfCancellationRequested();
            var left = scheduler.Step();
            if (left.Count == 0)
            {
                continue;
            }
            sampler.SampleNow();
            var samples = sampler.Snapshot();
            foreach (var done in left)
            {
                var i = (int)done.Request.Id;
                var energy = SharedAttribution.Attribute(samples, done.Result.Timeline, done.Shares);
                yield return new MeasuredSample(work[i], done.Result, energy, ends[i], Occupancy(done.Shares));
            }
            await Task.CompletedTask;
        }
    }

    /// <summary>Mean sequences per decode step it took part in (its prefill's companions when it never decoded).</summary>
    private static double Occupancy(IReadOnlyList<StepShare> shares)
    {
        var decode = shares.Where(s => s.Phase == InferencePhase.Decode).ToList();
        return decode.Count > 0 ? decode.Average(s => s.Step.TotalWeight) : 1;
    }

    public void Dispose() => session.Dispose();
}
