using EnergyGate.Core;
using EnergyGate.Core.Generation.Batching;
using EnergyGate.Core.Runtimes;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>
/// <see cref="IBatchDecoderSession"/> over ONNX Runtime on the CPU provider. Prompts are prefilled
/// together, left-padded to the longest, with an attention mask that hides the padding and position
/// ids counted from each row's first real token; a decode step runs every occupied slot in one pass.
/// </summary>
/// <remarks>
/// <para>The KV cache of each layer is one batch tensor [rows, heads, columns, head_dim] in host
/// memory, rows in ascending slot order, each row's tokens in its last columns. A decode step binds
/// the tensors as past and writes the presents into the other of two reused buffers
/// (<see cref="HostKvBuffers"/>), so the session itself copies nothing per token; a join or a leave
/// rebuilds the tensors with one copy, trimming columns that became padding in every row.</para>
/// <para>The built-in graphs mask with <c>Where(allowed, scores, float.MinValue)</c>: a query row that
/// is all padding gets finite, uniform attention (not NaN), and real rows give masked columns a
/// probability of exactly 0. So a padded row computes what it would alone, and padding cannot leak.
/// After every prefill the cache's padding columns are zeroed as well, so a model whose padded rows do
/// produce NaN cannot carry it into later steps through 0 * NaN.</para>
/// </remarks>
public sealed partial class OnnxBatchDecoderSession : IBatchDecoderSession
{
    // Id fed at padding positions: any id the model embeds; its results are masked.
    private const int PadId = 0;

    private readonly InferenceSession _session;
    private readonly OnnxModelLayout _layout;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _run = new();
    private readonly HostKvBuffers _kv;
    private readonly BatchKvRows[] _geometry;
    private readonly BatchRows _rows;
    private readonly float[] _logits;
    private readonly IdBuffer _ids, _positions, _mask;
    private readonly OrtValue?[] _decodeIds, _decodePositions, _decodeLogits;
    private readonly OrtValue? _cacheBranchOff, _cacheBranchOn;
    private readonly int[] _order, _newSlots, _newLengths, _newSource;

    private OnnxBatchDecoderSession(InferenceSession session, OnnxModelLayout layout, int maxBatch, string description)
    {
        _session = session;
        _layout = layout;
        MaxBatchSize = maxBatch;
        Description = description;
        _binding = session.CreateIoBinding();
        _kv = new HostKvBuffers(layout.Slots, layout.Kv, layout.MaxSequenceLength, maxBatch);
        _geometry = [.. layout.Slots.Select(s => BatchKvRows.Of(s, layout.Kv))];
        _rows = new BatchRows(maxBatch);
        // Pinned: decode steps bind views of it as their logits output.
        _logits = GC.AllocateArray<float>(maxBatch * layout.VocabularySize, pinned: true);
        int cells = maxBatch * layout.MaxSequenceLength;
        _ids = new IdBuffer(layout.IdsType, cells);
        _positions = new IdBuffer(layout.PositionType, cells);
        _mask = new IdBuffer(layout.MaskType, cells);
        _decodeIds = new OrtValue?[maxBatch + 1];
        _decodePositions = new OrtValue?[maxBatch + 1];
        _decodeLogits = new OrtValue?[maxBatch + 1];
        _order = new int[maxBatch];
        _newSlots = new int[maxBatch];
        _newLengths = new int[maxBatch];
        _newSource = new int[maxBatch];
        if (layout.UseCacheBranch is not null)
        {
            _cacheBranchOff = Flag(false);
            _cacheBranchOn = Flag(true);
        }
    }

    /// <summary>
    /// Opens the decoder in <paramref name="modelPath"/> (a folder or an .onnx file) with
    /// <paramref name="maxBatchSize"/> slots on the CPU provider.
    /// </summary>
    /// <exception cref="EnergyGateException">
    /// EG2061: the provider is not the CPU, or the model cannot be batched (no attention_mask or
    /// position_ids input, or KV values of another type than float32/float16/bfloat16); EG2002: no usable model.
    /// </exception>
    public static OnnxBatchDecoderSession Open(string modelPath, OnnxSessionOptions options, int maxBatchSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        if (RuntimeDefinitions.Onnx.BatchingRefusal(OnnxProviders.Normalize(options.Provider)) is { } refusal)
        {
            throw new EnergyGateException($"EG2061: {refusal}: batching runs on cpu for onnx (KV caches are kept in host memory); set the provider to cpu or decoding.batch-size to 1.");
        }

        var folder = OnnxModelFolder.Resolve(modelPath);
        var opened = OnnxSessionFactory.Create(folder, options);
        try
        {
            var layout = OnnxModelLayout.Detect(opened.Session, folder);
            RefuseUnbatchable(layout, folder);
            Core.Models.TokenizerCoverage.Ensure(folder.Folder, layout.VocabularySize, layout.StaticLogits ? $"{folder.ModelPath} logits" : $"vocab_size in the config of {folder.Folder}");
            return new OnnxBatchDecoderSession(opened.Session, layout, maxBatchSize, $"onnx/{opened.Provider} {folder.DisplayName}");
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
    public int MaxBatchSize { get; }

    /// <inheritdoc/>
    /// <remarks>
    /// One prompt per pass: the batch session runs on the CPU provider, where a prompt's prefill
    /// already fills the cores and prompts together are padded to the longest (measured: 16 HumanEval
    /// prompts together on the 30 M built-in model cost 2.7x the prefill time per prompt of one at a time).
    /// </remarks>
    public int PrefillBatch => 1;

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public string Batching => "prompts prefilled together, left-padded to the longest with an attention mask and per-row position ids; "
        + "one forward pass per decode step for every occupied slot; KV caches in host memory, rebuilt with one copy when sequences join or leave";

    /// <summary>The KV cache layout detected from the model.</summary>
    public OnnxKvLayout KvLayout => _layout.Kv;

    /// <summary>Columns of the batch KV tensors now: the longest held sequence (shorter ones are left-padded).</summary>
    public int Columns => _rows.Columns;

    /// <inheritdoc />
    public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> slots, IReadOnlyList<int[]> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        BatchCallChecks.Prefill(this, slots, prompts, _rows.IsOccupied);
        if (slots.IsEmpty)
        {
            return [];
        }

        // Rows in ascending slot order, so the batch tensors keep that order after the merge.
        var order = _order.AsSpan(0, slots.Length);
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        int[] slotArray = slots.ToArray();
        order.Sort((a, b) => slotArray[a].CompareTo(slotArray[b]));
        int columns = prompts.Max(p => p.Length);
        for (int row = 0; row < order.Length; row++)
        {
            var prompt = prompts[order[row]];
            int pad = columns - prompt.Length;
            for (int c = 0; c < columns; c++)
            {
                int cell = (row * columns) + c;
                bool real = c >= pad;
                _ids[cell] = real ? prompt[c - pad] : PadId;
                _positions[cell] = real ? c - pad : 0;
                _mask[cell] = real ? 1 : 0;
            }
        }

        RunPrefill(order, slotArray, prompts, columns);
        return _logits.AsSpan(0, slots.Length * VocabularySize);
    }

    /// <inheritdoc />
    public ReadOnlySpan<float> Decode(ReadOnlySpan<int> slots, ReadOnlySpan<int> tokens)
    {
        BatchCallChecks.Decode(this, slots, tokens, [.. Enumerable.Range(0, _rows.Count).Where(r => !_rows.Gone(r)).Select(_rows.Slot)]);
        if (slots.IsEmpty)
        {
            return [];
        }

        if (_rows.HasLeaves)
        {
            Rebuild(null, 0, [], [], 0);
        }

        for (int row = 0; row < _rows.Count; row++)
        {
            BatchCallChecks.Room(this, _rows.Length(row) + 1, _rows.Slot(row));
        }

        RunDecode(tokens);
        return _logits.AsSpan(0, slots.Length * VocabularySize);
    }

    /// <inheritdoc />
    public void Release(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, MaxBatchSize);
        // The row leaves the tensors at the next call, together with any other leaves and joins.
        _rows.Leave(slot);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _kv.Dispose();
        foreach (var view in _decodeIds.Concat(_decodePositions).Concat(_decodeLogits))
        {
            view?.Dispose();
        }

        _cacheBranchOff?.Dispose();
        _cacheBranchOn?.Dispose();
        _binding.Dispose();
        _run.Dispose();
        _session.Dispose();
    }

    private static OrtValue Flag(bool value)
    {
        var data = new bool[1];
        data[0] = value;
        return OrtValue.CreateTensorValueFromMemory(data, [1L]);
    }

    private static void RefuseUnbatchable(OnnxModelLayout layout, OnnxModelFolder folder)
    {
        string? missing = layout.AttentionMask is null ? "attention_mask" : layout.PositionIds is null ? "position_ids" : null;
        if (missing is not null)
        {
            throw new EnergyGateException($"EG2061: {folder.ModelPath} has no '{missing}' input, so padded prompts cannot be batched "
                + "without changing their results (batching needs attention_mask to hide padding and position_ids to count each row from its first token); set decoding.batch-size to 1 for this model.");
        }

        if (layout.Slots.FirstOrDefault(s => !HostKvBuffers.Supports(s.Type)) is { } slot)
        {
            throw new EnergyGateException($"EG2061: {folder.ModelPath} keeps '{slot.Past}' as {slot.Type}; batching holds KV caches of float32, float16 or bfloat16 only; set decoding.batch-size to 1 for this model.");
        }
    }

}
