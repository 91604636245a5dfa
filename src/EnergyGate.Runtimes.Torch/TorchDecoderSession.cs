using System.Runtime.InteropServices;
using EnergyGate.Core;
using EnergyGate.Core.Generation;
using TorchSharp;
using static TorchSharp.torch;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// <see cref="IDecoderSession"/> over TorchSharp: a GPT-2 or Llama-family decoder from a Hugging Face
/// folder (config.json + safetensors), with an in-place KV cache.
/// </summary>
/// <remarks>
/// Each step runs under <c>no_grad</c> inside a dispose scope, so every intermediate tensor is
/// released when the step ends (native memory stays flat over long runs); the decode step's input
/// id is written into a reused tensor and the logits into a reused array.
/// </remarks>
public sealed class TorchDecoderSession : IDecoderSession
{
    private readonly TransformerDecoder _model;
    private readonly float[] _logits;
    private readonly Tensor _decodeId;
    private int _length;

    private TorchDecoderSession(TransformerDecoder model, string description)
    {
        _model = model;
        Description = description;
        _logits = new float[model.Config.VocabSize];
        _decodeId = zeros([1], ScalarType.Int64, model.Device);
    }

    /// <summary>Opens the model in <paramref name="folder"/> on the configured device and dtype.</summary>
    /// <exception cref="EnergyGateException">EG2032 provider cannot start, EG2033 model folder, EG2034 unknown provider or dtype, EG2035 native load.</exception>
    public static TorchDecoderSession Open(string folder, TorchSessionOptions options)
    {
        var loaded = TorchModelLoader.Load(folder, options);
        return new TorchDecoderSession(loaded.Model, loaded.Description) { Provider = loaded.Provider, FallbackReason = loaded.FallbackReason };
    }

    /// <inheritdoc />
    public int VocabularySize => _model.Config.VocabSize;

    /// <inheritdoc />
    public int MaxSequenceLength => _model.Config.MaxPositions;

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The provider the session runs on (<c>cpu</c> after a fallback).</summary>
    public string Provider { get; private init; } = TorchProviders.Cpu;

    /// <summary>Why CUDA could not start, when the session fell back to the CPU; else null.</summary>
    public string? FallbackReason { get; private init; }

    /// <summary>The model's configuration as read from config.json.</summary>
    public DecoderConfig Config => _model.Config;

    /// <summary>Positions the KV cache holds without growing.</summary>
    public long CacheCapacity => _model.Cache.Capacity;

    /// <inheritdoc />
    public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> promptIds)
    {
        if (promptIds.IsEmpty)
        {
            throw new ArgumentException("The prompt has no tokens.", nameof(promptIds));
        }

        CheckRoom(promptIds.Length);
        var ids = new long[promptIds.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = CheckId(promptIds[i]);
        }

        Reset();
        _model.Reserve(ids.Length, 0);
        using (no_grad())
        using (NewDisposeScope())
        {
            var input = tensor(ids, [ids.Length], ScalarType.Int64).to(_model.Device);
            CopyLogits(_model.Forward(input, 0));
        }

        _length = ids.Length;
        return _logits;
    }

    /// <inheritdoc />
    public ReadOnlySpan<float> Decode(int tokenId)
    {
        if (_length == 0)
        {
            throw new InvalidOperationException("Decode needs a Prefill first (or again after Reset).");
        }

        CheckRoom(_length + 1);
        long id = CheckId(tokenId);
        _model.Reserve(_length + 1, _length);
        using (no_grad())
        using (NewDisposeScope())
        {
            if (_model.Device.type == DeviceType.CPU)
            {
                MemoryMarshal.Write(_decodeId.bytes, in id);
            }
            else
            {
                _decodeId.fill_(id);
            }

            CopyLogits(_model.Forward(_decodeId, _length));
        }

        _length++;
        return _logits;
    }

    /// <inheritdoc />
    public void Reset() => _length = 0;

    /// <inheritdoc />
    public void Dispose()
    {
        _decodeId.Dispose();
        _model.Dispose();
    }

    private void CopyLogits(Tensor logits) => HostLogits.Copy(logits, _logits);

    private int CheckId(int id) => (uint)id < (uint)VocabularySize ? id : throw new EnergyGateException(
        $"EG2003: token id {id} is outside the vocabulary of {Description} (0..{VocabularySize - 1}); the tokenizer does not match this model.");

    private void CheckRoom(int length)
    {
        if (length > MaxSequenceLength)
        {
            throw new EnergyGateException($"EG2004: {length} tokens exceed the {MaxSequenceLength}-token context of {Description}.");
        }
    }
}
