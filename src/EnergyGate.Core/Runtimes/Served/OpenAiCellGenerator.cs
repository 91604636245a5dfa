using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Batching;
using EnergyGate.Core.Measurement.Generators;

namespace EnergyGate.Core.Runtimes.Served;

/// <summary>
/// A pass's samples as streamed requests to an OpenAI-compatible server, up to
/// <see cref="OpenAiSettings.Concurrency"/> in flight. The meter is read when a request is sent, at its
/// first chunk and at its end; each finished sample gets its equal shares of the intervals it was in
/// flight (<see cref="ServedTimeline"/>, <see cref="SharedAttribution"/>). Domains that measure this
/// process's own CPU time are left out: the client's work is not the server's.
/// </summary>
internal sealed class OpenAiCellGenerator(HttpClient http, ServedRequest requests, int concurrency, EnergySampler sampler, TimeProvider time) : ICellGenerator
{
    private readonly Lock _gate = new();
    private readonly List<ServedEvent> _events = [];
    private readonly HashSet<int> _answered = [];

    public async IAsyncEnumerable<MeasuredSample> RunAsync(IReadOnlyList<SampleRequest> work, [EnumeratorCancellation] CancellationToken ct)
    {
        lock (_gate)
        {
            _events.Clear();
            _answered.Clear();
        }
        sampler.Clear();
        sampler.SampleNow();
        var finished = Channel.CreateUnbounded<(int Index, GenerationResult Result, IReadOnlyList<int> TextEnds)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => SendAllAsync(work, finished.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var (index, result, ends) in finished.Reader.ReadAllAsync(ct))
            {
                // A reading after the request's end: its last interval is covered without interpolating past the data.
                sampler.SampleNow();
                var samples = sampler.Snapshot();
                List<ServedEvent> events;
                lock (_gate)
                {
                    events = [.. _events];
                }
                var shares = ServedTimeline.Shares(events).GetValueOrDefault(index) is { Count: > 0 } found
                    ? found
                    : [new StepShare(new SharedStep(result.Timeline.End, result.Timeline.End, 1), InferencePhase.Decode, 1, 0)];
                var energy = SharedAttribution.Attribute(samples, result.Timeline, shares);
                yield return new MeasuredSample(work[index], result, ServerDomains(samples, energy), ends, Occupancy(shares));
            }
        }
        finally
        {
            await stop.CancelAsync();
            // The producer's failure (an HTTP error) surfaces here, after the channel ended.
            await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Each request once a slot is free; the first failure completes the channel at once, so the reader stops the rest.</summary>
    private async Task SendAllAsync(IReadOnlyList<SampleRequest> work, ChannelWriter<(int, GenerationResult, IReadOnlyList<int>)> writer, CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(concurrency);
        var running = new List<Task>();
        try
        {
            for (var i = 0; i < work.Count; i++)
            {
                await slots.WaitAsync(ct);
                var index = i;
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        var (result, ends) = await requests.RunAsync(work[index], (kind, tokens) => Record(index, kind, tokens), ct);
                        await writer.WriteAsync((index, result, ends), ct);
                    }
                    catch (Exception e)
                    {
                        writer.TryComplete(e);
                        throw;
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, ct));
            }
            await Task.WhenAll(running);
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
            throw;
        }
    }

    private long Record(int request, ServedEventKind kind, int tokens)
    {
        bool boundary;
        long tick;
        lock (_gate)
        {
            tick = time.GetTimestamp();
            _events.Add(new ServedEvent(tick, request, kind, tokens));
            boundary = kind != ServedEventKind.Chunk || _answered.Add(request);
        }
        // Where a prefill starts and ends and a request leaves: the boundaries the attribution leans on most.
        if (boundary)
        {
            sampler.SampleNow();
        }
        return tick;
    }

    /// <summary>The domains that can see the server: this process's CPU time cannot.</summary>
    private static IReadOnlyList<DomainPhaseEnergy> ServerDomains(EnergySamples samples, IReadOnlyList<DomainPhaseEnergy> energy) =>
        [.. energy.Where((_, d) => !samples.Domains[d].ChargesThisProcess)];

    /// <summary>Mean requests in flight over the intervals after its first chunk (before it, when it never got one).</summary>
    private static double Occupancy(IReadOnlyList<StepShare> shares)
    {
        var decode = shares.Where(s => s.Phase == InferencePhase.Decode).ToList();
        return (decode.Count > 0 ? decode : shares).Average(s => s.Step.TotalWeight);
    }

    public void Dispose() => http.Dispose();
}
