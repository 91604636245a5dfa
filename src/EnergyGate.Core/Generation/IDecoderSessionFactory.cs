using EnergyGate.Core.Configuration;
using EnergyGate.Core.Runtimes;

namespace EnergyGate.Core.Generation;

/// <summary>
/// Opens decoder sessions for one runtime. The tool registers one per runtime package, so Core
/// never references a native inference library.
/// </summary>
public interface IDecoderSessionFactory
{
    /// <summary>The runtime name configured in <c>runtimes[*].runtime</c>, e.g. <c>onnx</c>.</summary>
    string Runtime { get; }

    /// <summary>Runtime version, for the machine fingerprint.</summary>
    string Version { get; }

    /// <summary>Loads the model (the path <see cref="PrepareModel"/> gave) on the configured provider; a provider that cannot start is an <see cref="EnergyGateException"/>.</summary>
    IDecoderSession Open(string modelDirectory, RuntimeSettings runtime);

    /// <summary>
    /// Loads the model (the path <see cref="PrepareModel"/> gave) as a session of <paramref name="maxBatchSize"/>
    /// slots that prefills and decodes several sequences per forward pass. Runtimes that batch say so in
    /// <see cref="RuntimeDefinition.BatchingProviders"/>; the configuration refuses a batch size above 1 elsewhere.
    /// </summary>
    /// <exception cref="EnergyGateException">The runtime does not batch, or as <see cref="Open"/>.</exception>
    Batching.IBatchDecoderSession OpenBatch(string modelDirectory, RuntimeSettings runtime, int maxBatchSize) =>
        throw new EnergyGateException($"EG2061: runtime `{Runtime}` decodes one sequence at a time; set decoding.batch-size to 1 for it.");

    /// <summary>
    /// The path <see cref="Open"/> receives for <paramref name="model"/> under this entry's settings,
    /// converting into the cache where the runtime needs another format (llama.cpp: a GGUF file of the
    /// configured quantization). Called once per model and entry, before anything is measured.
    /// </summary>
    string PrepareModel(ResolvedModel model, RuntimeSettings runtime) => model.Path;

    /// <summary>
    /// Tokenizer, context, weights hash and work shape of a model given as a single file this runtime
    /// reads (a GGUF file); null for a Hugging Face folder, which Core reads itself.
    /// </summary>
    ModelFacts? ReadModelFile(string path) => null;

    /// <summary>The work shape of the prepared model (weights at the bytes this entry stores them); null: none known.</summary>
    Work.WorkShape? ReadWorkShape(ResolvedModel model, string preparedPath, RuntimeSettings runtime) =>
        model.IsFile ? null : Work.WorkShapeReader.Read(model.Path, runtime.DType);
}
