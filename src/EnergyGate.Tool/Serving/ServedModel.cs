using EnergyGate.Core;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Batching;
using EnergyGate.Core.Models;
using EnergyGate.Core.Runtimes;

namespace EnergyGate.Tool.Serving;

/// <summary>The model a server runs: its session (of one or more slots), its tokenizer and how it batches, in words.</summary>
/// <param name="Name">The id clients send as <c>model</c>.</param>
/// <param name="Session">The batch session; a one-sequence runtime's session wrapped as one slot.</param>
/// <param name="Tokenizer">The model's tokenizer, safe to share between handlers and the generation thread.</param>
/// <param name="Options">Slots used and static or continuous batching.</param>
/// <param name="Batching">How requests share the model, for the startup line (e.g. "continuous batching, up to 8 sequences").</param>
internal sealed record ServedModel(string Name, IBatchDecoderSession Session, ITextTokenizer Tokenizer, BatchOptions Options, string Batching) : IDisposable
{
    /// <summary>
    /// Locates and loads <paramref name="model"/> on <paramref name="runtime"/>: a batch session of
    /// <paramref name="maxBatch"/> slots where the runtime batches on that provider, else its
    /// one-sequence session as one slot.
    /// </summary>
    /// <exception cref="EnergyGateException">The model or runtime cannot be loaded.</exception>
    public static async Task<ServedModel> OpenAsync(ModelSettings model, RuntimeSettings runtime, string cacheDir, int maxBatch, bool continuous, string? name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(runtime);
        var factory = RuntimeRegistry.Get(runtime.Runtime);
        var loaded = LoadedModel.Load(await ModelLocator.LocateAsync(model, cacheDir, ct), factory);
        var path = factory.PrepareModel(loaded.Model, runtime);
        var (session, batching) = Open(factory, path, runtime, maxBatch, continuous);
        var options = new BatchOptions(session.MaxBatchSize, continuous);
        return new ServedModel(name ?? model.Name, session, new SynchronizedTokenizer(loaded.Tokenizer), options, batching);
    }

    private static (IBatchDecoderSession Session, string Batching) Open(IDecoderSessionFactory factory, string path, RuntimeSettings runtime, int maxBatch, bool continuous)
    {
        string why;
        if (maxBatch <= 1)
        {
            why = "--max-batch 1";
        }
        else if (RuntimeDefinitions.Find(runtime.Runtime)?.BatchingRefusal(runtime.Provider) is { } refused)
        {
            why = refused;
        }
        else
        {
            try
            {
                var session = factory.OpenBatch(path, runtime, maxBatch);
                return (session, $"{(continuous ? "continuous" : "static")} batching, up to {session.MaxBatchSize} sequences");
            }
            // The runtime's definition says it batches but this build's package has no batch session yet (EG2061).
            catch (EnergyGateException ex) when (ex.Message.StartsWith("EG2061", StringComparison.Ordinal))
            {
                why = $"this build's `{runtime.Runtime}` package has no batch session yet";
            }
        }
        return (new SingleSlotBatchSession(factory.Open(path, runtime)), $"one sequence at a time: {why}");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Session.Dispose();
    }
}
