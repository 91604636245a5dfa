using EnergyGate.Core;
using EnergyGate.Core.Generation;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>
/// <see cref="IDecoderSession"/> over ONNX Runtime. Each step binds the previous step's present KV
/// values as this step's past inputs (on the provider's device, no copies), reads only the last
/// position's logits into a reused buffer, and reuses the id/position/mask buffers.
/// </summary>
/// <remarks>
/// On the CPU provider the decode loop allocates nothing per token: present KV values are written
/// into reused native buffers (<see cref="HostKvBuffers"/>) and a decode step's float32 logits
/// straight into the buffer <see cref="Decode"/> returns, both bound as preallocated outputs. A
/// decode step after a decode step rebinds only the mask (a view per length, made once), the past
/// and the present values; everything else stays bound from the step before.
/// </remarks>
public sealed class OnnxDecoderSession : IDecoderSession
{
    private readonly InferenceSession _session;
    private readonly OnnxModelLayout _layout;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _run = new();
    private readonly OrtMemoryInfo _kvMemory;
    private readonly float[] _logits;
    private readonly IdBuffer _ids, _positions, _mask;
    private readonly OrtValue[] _emptyPast;
    private readonly OrtValue? _cacheBranchOff, _cacheBranchOn;
    private readonly HostKvBuffers? _hostKv;
    private readonly OrtValue? _decodeLogits;
    private readonly OrtValue _decodeIds;
    private readonly OrtValue? _decodePositions;
    private readonly OrtValue?[] _maskViews;
    private IDisposableReadOnlyCollection<OrtValue>? _outputs;
    private int _length;
    private bool _decodeBound;

    private OnnxDecoderSession(InferenceSession session, OnnxModelLayout layout, string provider, int deviceId, string description)
    {
        _session = session;
        _layout = layout;
        Provider = provider;
        Description = description;
        _binding = session.CreateIoBinding();
        _kvMemory = provider == OnnxProviders.Cpu ? OrtMemoryInfo.DefaultInstance
            : new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, deviceId, OrtMemType.Default);
        bool host = provider == OnnxProviders.Cpu;
        // Pinned: a decode step's logits are bound as an output over this array for the session's life.
        _logits = GC.AllocateArray<float>(layout.VocabularySize, pinned: true);
        _ids = new IdBuffer(layout.IdsType, layout.MaxSequenceLength);
        _positions = new IdBuffer(layout.PositionType, layout.MaxSequenceLength);
        _mask = new IdBuffer(layout.MaskType, layout.MaxSequenceLength);
        _mask.Fill(1, layout.MaxSequenceLength);
        _maskViews = new OrtValue?[layout.AttentionMask is null ? 0 : layout.MaxSequenceLength + 1];
        _decodeIds = _ids.View(1);
        _decodePositions = layout.PositionIds is null ? null : _positions.View(1);
        if (host && layout.Slots.All(s => HostKvBuffers.Supports(s.Type)))
        {
            _hostKv = new HostKvBuffers(layout.Slots, layout.Kv, layout.MaxSequenceLength);
        }

        if (host && layout.LogitsType == TensorElementType.Float && layout.StaticLogits)
        {
            _decodeLogits = OrtValue.CreateTensorValueFromMemory(_logits, [1L, 1L, layout.VocabularySize]);
        }
        _emptyPast = layout.Slots.Select(s => OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, s.Type, s.EmptyShape)).ToArray();
        if (layout.UseCacheBranch is not null)
        {
            _cacheBranchOff = Flag(false);
            _cacheBranchOn = Flag(true);
        }
    }

    /// <summary>Opens the decoder in <paramref name="modelPath"/> (a folder or an .onnx file) with <paramref name="options"/>.</summary>
    /// <exception cref="EnergyGateException">EG2001: the provider cannot start (and CPU fallback is off); EG2002: no usable model, or one that loads but fails a short test run.</exception>
    public static OnnxDecoderSession Open(string modelPath, OnnxSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = OnnxModelFolder.Resolve(modelPath);
        var opened = OnnxSessionFactory.Create(folder, options);
        try
        {
            var layout = OnnxModelLayout.Detect(opened.Session, folder);
            Core.Models.TokenizerCoverage.Ensure(folder.Folder, layout.VocabularySize, layout.StaticLogits ? $"{folder.ModelPath} logits" : $"vocab_size in the config of {folder.Folder}");
            var description = $"onnx/{opened.Provider} {folder.DisplayName}"
                + (opened.FallbackReason is null ? "" : $" (CPU fallback: {opened.FallbackReason})");
            var session = new OnnxDecoderSession(opened.Session, layout, opened.Provider, options.DeviceId, description)
            {
                RequestedProvider = opened.Requested,
                FallbackReason = opened.FallbackReason,
            };
            try
            {
                session.WarmUp();
            }
            catch (OnnxRuntimeException e)
            {
                // A graph that loads but cannot run (a wrong shape, an index past a table) fails here, at open,
                // before anything is measured: say which model and that it is the model, not the run.
                session.Dispose();
                throw new EnergyGateException($"EG2002: ONNX Runtime loaded {folder.ModelPath} but cannot run it "
                    + $"(an {WarmUpPromptLength}-token test prompt and one decode step at open): {e.Message} "
                    + "Check that the file is a decoder exported with its KV cache and that its config.json matches the graph (context length, vocabulary).", e);
            }
            catch
            {
                // The session owns the InferenceSession now; disposing it twice is harmless.
                session.Dispose();
                throw;
            }

            return session;
        }
        catch
        {
            opened.Session.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int VocabularySize => _layout.VocabularySize;

    /// <inheritdoc />
    public int MaxSequenceLength => _layout.MaxSequenceLength;

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The provider the session runs on (<c>cpu</c> after a fallback).</summary>
    public string Provider { get; }

    /// <summary>The provider that was asked for.</summary>
    public string RequestedProvider { get; private init; } = OnnxProviders.Cpu;

    /// <summary>Why the requested provider could not start, when the session fell back to the CPU; else null.</summary>
    public string? FallbackReason { get; private init; }

    /// <summary>The KV cache layout detected from the model.</summary>
    public OnnxKvLayout KvLayout => _layout.Kv;

    /// <summary>Tokens in the sequence so far (prompt plus decoded).</summary>
    public int Length => _length;

    /// <inheritdoc />
    public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> promptIds)
    {
        if (promptIds.IsEmpty)
        {
            throw new ArgumentException("The prompt has no tokens.", nameof(promptIds));
        }

        CheckRoom(promptIds.Length);
        for (int i = 0; i < promptIds.Length; i++)
        {
            _ids[i] = CheckId(promptIds[i]);
            _positions[i] = i;
        }

        Reset();
        Step(promptIds.Length, _emptyPast, 0);
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
        _ids[0] = CheckId(tokenId);
        _positions[0] = _length;
        // The previous step's outputs after the logits are this step's past, in slot order.
        Step(1, _outputs, 1);
        return _logits;
    }

    /// <summary>Prompt length of the warm-up run <see cref="Open"/> makes before it returns.</summary>
    internal const int WarmUpPromptLength = 8;

    /// <summary>
    /// One short prefill and one decode step, then <see cref="Reset"/>: the first real generate would
    /// otherwise pay for compiling this class's code paths (the tool runs without tiered compilation)
    /// and ONNX Runtime's first run of each input shape (memory planning, arena growth, waking the
    /// thread pool). Measured on the shared tiny GPT-2: first prefill of a process 24.4 ms against
    /// 0.97 ms warm without it (benchmarks/README.md, onnx-cold).
    /// </summary>
    private void WarmUp()
    {
        if (_layout.MaxSequenceLength < 2)
        {
            return;
        }

        var prompt = new int[Math.Min(WarmUpPromptLength, _layout.MaxSequenceLength - 1)];
        Prefill(prompt);
        Decode(0);
        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        _outputs?.Dispose();
        _outputs = null;
        _hostKv?.Reset();
        _length = 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Reset();
        foreach (var v in _emptyPast)
        {
            v.Dispose();
        }

        _cacheBranchOff?.Dispose();
        _cacheBranchOn?.Dispose();
        _hostKv?.Dispose();
        _decodeLogits?.Dispose();
        _decodeIds.Dispose();
        _decodePositions?.Dispose();
        foreach (var v in _maskViews)
        {
            v?.Dispose();
        }

        _binding.Dispose();
        _run.Dispose();
        if (!ReferenceEquals(_kvMemory, OrtMemoryInfo.DefaultInstance))
        {
            _kvMemory.Dispose();
        }

        _session.Dispose();
    }

    private static OrtValue Flag(bool value)
    {
        var data = new bool[1];
        data[0] = value;
        return OrtValue.CreateTensorValueFromMemory(data, [1L]);
    }

    private void Step(int newTokens, IReadOnlyList<OrtValue>? past, int pastOffset)
    {
        int total = _length + newTokens;
        bool decode = newTokens == 1 && _length > 0;
        bool logitsBound = decode && _decodeLogits is not null;
        if (decode && _hostKv is not null && _decodeBound)
        {
            BindDecodeChanges(total);
        }
        else
        {
            BindAll(newTokens, total, decode, logitsBound, past, pastOffset);
        }

        _session.RunWithBinding(_run, _binding);
        if (_hostKv is not null)
        {
            _hostKv.Advance();
            if (!logitsBound)
            {
                using var outputs = _binding.GetOutputValues();
                CopyLastLogits(outputs[0]);
            }
        }
        else
        {
            var outputs = _binding.GetOutputValues();
            if (!logitsBound)
            {
                CopyLastLogits(outputs[0]);
            }

            // Only now are the old past values no longer needed.
            _outputs?.Dispose();
            _outputs = outputs;
        }

        _length = total;
    }

    /// <summary>
    /// Binds every input and output by name. A decode step on the host KV path that follows another
    /// one binds only what changed (<see cref="BindDecodeChanges"/>): ids, positions, logits and the
    /// cache flag are then the same values over the same buffers, so they stay bound.
    /// </summary>
    private void BindAll(int newTokens, int total, bool decode, bool logitsBound, IReadOnlyList<OrtValue>? past, int pastOffset)
    {
        using var ids = decode ? null : _ids.View(newTokens);
        using var positions = decode || _layout.PositionIds is null ? null : _positions.View(newTokens);
        // Set again below once everything is bound: a bind that throws half-way leaves nothing to keep.
        _decodeBound = false;
        _binding.ClearBoundInputs();
        _binding.ClearBoundOutputs();
        _binding.BindInput(_layout.InputIds, ids ?? _decodeIds);
        if (_layout.PositionIds is not null)
        {
            _binding.BindInput(_layout.PositionIds, positions ?? _decodePositions!);
        }

        if (_layout.AttentionMask is not null)
        {
            _binding.BindInput(_layout.AttentionMask, MaskView(total));
        }

        if (_layout.UseCacheBranch is not null)
        {
            _binding.BindInput(_layout.UseCacheBranch, _length == 0 ? _cacheBranchOff! : _cacheBranchOn!);
        }

        if (logitsBound)
        {
            _binding.BindOutput(_layout.Logits, _decodeLogits!);
        }
        else
        {
            _binding.BindOutputToDevice(_layout.Logits, OrtMemoryInfo.DefaultInstance);
        }

        for (int slot = 0; slot < _layout.Slots.Count; slot++)
        {
            var s = _layout.Slots[slot];
            if (_hostKv is not null)
            {
                _binding.BindInput(s.Past, _length == 0 ? _emptyPast[slot] : _hostKv.Past(slot));
                _binding.BindOutput(s.Present, _hostKv.Present(slot, total));
            }
            else
            {
                _binding.BindInput(s.Past, _length == 0 ? _emptyPast[slot] : past![pastOffset + slot]);
                _binding.BindOutputToDevice(s.Present, _kvMemory);
            }
        }

        // The ids view of a prefill goes away with this call, so only a decode step leaves a binding to keep.
        _decodeBound = decode && _hostKv is not null;
    }

    /// <summary>
    /// A decode step after a decode step: ONNX Runtime replaces a name's binding when it is bound again,
    /// so only the mask (one longer), the past and the present values are rebound.
    /// </summary>
    private void BindDecodeChanges(int total)
    {
        if (_layout.AttentionMask is not null)
        {
            _binding.BindInput(_layout.AttentionMask, MaskView(total));
        }

        for (int slot = 0; slot < _layout.Slots.Count; slot++)
        {
            var s = _layout.Slots[slot];
            _binding.BindInput(s.Past, _hostKv!.Past(slot));
            _binding.BindOutput(s.Present, _hostKv.Present(slot, total));
        }
    }

    /// <summary>The all-ones mask for <paramref name="length"/> tokens, made once per length and kept (it never changes).</summary>
    private OrtValue MaskView(int length) => _maskViews[length] ??= _mask.View(length);

    private void CopyLastLogits(OrtValue logits)
    {
        int vocab = _logits.Length;
        if (_layout.LogitsType == TensorElementType.Float16)
        {
            var half = logits.GetTensorDataAsSpan<Float16>()[^vocab..];
            for (int i = 0; i < vocab; i++)
            {
                _logits[i] = (float)half[i];
            }
        }
        else
        {
            logits.GetTensorDataAsSpan<float>()[^vocab..].CopyTo(_logits);
        }
    }

    private int CheckId(int id) => (uint)id < (uint)_layout.VocabularySize ? id : throw new EnergyGateException(
        $"EG2003: token id {id} is outside the vocabulary of {Description} (0..{_layout.VocabularySize - 1}); the tokenizer does not match this model.");

    private void CheckRoom(int length)
    {
        if (length > _layout.MaxSequenceLength)
        {
            throw new EnergyGateException($"EG2004: {length} tokens exceed the {_layout.MaxSequenceLength}-token context of {Description}.");
        }
    }
}
