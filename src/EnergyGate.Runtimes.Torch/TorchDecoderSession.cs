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
    private static readonly object Settings = new();
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
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(folder))
        {
            throw new EnergyGateException($"EG2033: model folder '{folder}' does not exist.");
        }

        var requested = TorchProviders.Normalize(options.Provider);
        var dtype = TorchDTypes.Parse(options.DType);
        var config = HfConfigReader.Read(folder);
        Core.Models.TokenizerCoverage.Ensure(folder, config.VocabSize, $"{Path.Combine(folder, "config.json")} vocab_size");
        var weights = SafetensorsWeights.Open(folder);
        Device device;
        string? fallback = null;
        try
        {
            device = TorchProviders.DeviceFor(requested, options.DeviceId);
        }
        catch (EnergyGateException e) when (options.AllowCpuFallback && requested != TorchProviders.Cpu && e.Message.StartsWith("EG2032", StringComparison.Ordinal))
        {
            device = TorchProviders.DeviceFor(TorchProviders.Cpu, 0);
            fallback = e.Message;
        }

        ApplyProcessSettings(options.Threads);
        var provider = device.type == DeviceType.CUDA ? TorchProviders.Cuda : TorchProviders.Cpu;
        var name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        var description = $"torch/{provider} {name} ({TorchDTypes.Name(dtype)})" + (fallback is null ? "" : $" (CPU fallback: {fallback})");
        var model = TransformerDecoder.Create(config, weights, dtype, device, config.MaxPositions);
        return new TorchDecoderSession(model, description) { Provider = provider, FallbackReason = fallback };
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

    // The thread count is process-wide in libtorch; sessions that ask for one set it. With a fixed
    // count libtorch's CPU kernels reduce in a fixed order, so repeated runs give identical logits
    // (TorchSharp 0.107 does not implement use_deterministic_algorithms; no op used here needs it).
    private static void ApplyProcessSettings(int threads)
    {
        lock (Settings)
        {
            if (threads > 0)
            {
                set_num_threads(threads);
            }
        }
    }

    private void CopyLogits(Tensor logits)
    {
        var host = logits.dtype == ScalarType.Float32 ? logits : logits.to_type(ScalarType.Float32);
        if (host.device_type != DeviceType.CPU)
        {
            host = host.cpu();
        }

        MemoryMarshal.Cast<byte, float>(host.contiguous().bytes).CopyTo(_logits);
    }

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
