using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>The forward passes and the KV tensors' rebuilds of <see cref="OnnxBatchDecoderSession"/>.</summary>
public sealed partial class OnnxBatchDecoderSession
{
    /// <summary>
    /// One pass over the joining prompts (ids, positions and mask already in the buffers, rows in
    /// <paramref name="order"/>) with an empty past. When no other sequence is held, the presents are
    /// written straight into the KV buffers; otherwise they are merged with the held rows in one copy.
    /// </summary>
    private void RunPrefill(ReadOnlySpan<int> order, int[] slots, IReadOnlyList<int[]> prompts, int columns)
    {
        int count = order.Length;
        bool direct = _rows.Live == 0;
        if (direct && _rows.Count > 0)
        {
            // Every held row has left: nothing to merge with.
            _kv.Reset();
            _rows.Replace([], []);
        }

        var joinedSlots = new int[count];
        var joinedLengths = new int[count];
        for (int row = 0; row < count; row++)
        {
            joinedSlots[row] = slots[order[row]];
            joinedLengths[row] = prompts[order[row]].Length;
        }

        var empty = new OrtValue[_layout.Slots.Count];
        using var ids = _ids.View(count, columns);
        using var positions = _positions.View(count, columns);
        using var mask = _mask.View(count, columns);
        try
        {
            BindInputs(ids, positions, mask, _cacheBranchOff);
            _binding.BindOutputToDevice(_layout.Logits, OrtMemoryInfo.DefaultInstance);
            for (int k = 0; k < empty.Length; k++)
            {
                var s = _layout.Slots[k];
                var shape = (long[])s.EmptyShape.Clone();
                // The batch axis is fourth from the end in both layouts.
                shape[^4] = count;
                empty[k] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, s.Type, shape);
                _binding.BindInput(s.Past, empty[k]);
                if (direct)
                {
                    _binding.BindOutput(s.Present, _kv.Present(k, columns, count));
                }
                else
                {
                    _binding.BindOutputToDevice(s.Present, OrtMemoryInfo.DefaultInstance);
                }
            }

            _session.RunWithBinding(_run, _binding);
            using var outputs = _binding.GetOutputValues();
            for (int row = 0; row < count; row++)
            {
                CopyLogits(outputs[0], (row * columns) + columns - 1, order[row], 1);
            }

            if (direct)
            {
                for (int k = 0; k < _geometry.Length; k++)
                {
                    var present = outputs[1 + k].GetTensorMutableRawData();
                    for (int row = 0; row < count; row++)
                    {
                        _geometry[k].ClearPadding(present, count, columns, row, joinedLengths[row]);
                    }
                }

                _kv.Advance();
                _rows.Replace(joinedSlots, joinedLengths);
            }
            else
            {
                Rebuild(outputs, 1, joinedSlots, joinedLengths, columns);
            }
        }
        finally
        {
            foreach (var value in empty)
            {
                value?.Dispose();
            }
        }
    }

    /// <summary>One pass that appends <paramref name="tokens"/>[row] to every row.</summary>
    private void RunDecode(ReadOnlySpan<int> tokens)
    {
        int count = _rows.Count, total = _rows.Columns + 1;
        for (int row = 0; row < count; row++)
        {
            _ids[row] = tokens[row];
            _positions[row] = _rows.Length(row);
            int pad = _rows.Pad(row);
            for (int c = 0; c < total; c++)
            {
                _mask[(row * total) + c] = c < pad ? 0 : 1;
            }
        }

        using var mask = _mask.View(count, total);
        BindInputs(_decodeIds[count] ??= _ids.View(count, 1), _decodePositions[count] ??= _positions.View(count, 1), mask, _cacheBranchOn);
        // float32 logits of a known vocabulary go straight into the returned buffer.
        bool logitsBound = _layout.LogitsType == TensorElementType.Float && _layout.StaticLogits;
        if (logitsBound)
        {
            _binding.BindOutput(_layout.Logits, _decodeLogits[count] ??= OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance, _logits.AsMemory(0, count * VocabularySize), [count, 1L, VocabularySize]));
        }
        else
        {
            _binding.BindOutputToDevice(_layout.Logits, OrtMemoryInfo.DefaultInstance);
        }

        for (int k = 0; k < _layout.Slots.Count; k++)
        {
            _binding.BindInput(_layout.Slots[k].Past, _kv.Past(k));
            _binding.BindOutput(_layout.Slots[k].Present, _kv.Present(k, total, count));
        }

        _session.RunWithBinding(_run, _binding);
        _kv.Advance();
        _rows.Advance();
        if (!logitsBound)
        {
            using var outputs = _binding.GetOutputValues();
            CopyLogits(outputs[0], 0, 0, count);
        }
    }

    private void BindInputs(OrtValue ids, OrtValue positions, OrtValue mask, OrtValue? cacheBranch)
    {
        _binding.ClearBoundInputs();
        _binding.ClearBoundOutputs();
        _binding.BindInput(_layout.InputIds, ids);
        _binding.BindInput(_layout.PositionIds!, positions);
        _binding.BindInput(_layout.AttentionMask!, mask);
        if (_layout.UseCacheBranch is not null)
        {
            _binding.BindInput(_layout.UseCacheBranch, cacheBranch!);
        }
    }

    /// <summary>
    /// Rebuilds the KV tensors with one copy: the held rows that did not leave, and the rows of
    /// <paramref name="joined"/> (presents from index <paramref name="joinedOffset"/>, [rows, .., joinedColumns, ..]),
    /// in ascending slot order. The new column count is the longest row, which trims columns that
    /// were padding in every remaining row.
    /// </summary>
    private void Rebuild(IReadOnlyList<OrtValue>? joined, int joinedOffset, ReadOnlySpan<int> joinedSlots, ReadOnlySpan<int> joinedLengths, int joinedColumns)
    {
        int count = 0, columns = 0;
        for (int old = 0, j = 0; old < _rows.Count || j < joinedSlots.Length;)
        {
            if (old < _rows.Count && _rows.Gone(old))
            {
                old++;
                continue;
            }

            bool takeOld = old < _rows.Count && (j >= joinedSlots.Length || _rows.Slot(old) < joinedSlots[j]);
            _newSlots[count] = takeOld ? _rows.Slot(old) : joinedSlots[j];
            _newLengths[count] = takeOld ? _rows.Length(old) : joinedLengths[j];
            // Non-negative: a held row; negative: ~(row of the joined tensors).
            _newSource[count] = takeOld ? old++ : ~j++;
            columns = Math.Max(columns, _newLengths[count]);
            count++;
        }

        if (count == 0)
        {
            _kv.Reset();
            _rows.Replace([], []);
            return;
        }

        for (int k = 0; k < _geometry.Length; k++)
        {
            var dst = _kv.Present(k, columns, count).GetTensorMutableRawData();
            var held = _rows.Count > 0 ? _kv.Past(k).GetTensorMutableRawData() : default;
            var fresh = joined is null ? default : joined[joinedOffset + k].GetTensorMutableRawData();
            for (int row = 0; row < count; row++)
            {
                int source = _newSource[row];
                if (source >= 0)
                {
                    _geometry[k].Copy(dst, count, columns, row, held, _rows.Count, _rows.Columns, source, _newLengths[row]);
                }
                else
                {
                    _geometry[k].Copy(dst, count, columns, row, fresh, joinedSlots.Length, joinedColumns, ~source, _newLengths[row]);
                }
            }
        }

        _kv.Advance();
        _rows.Replace(_newSlots.AsSpan(0, count), _newLengths.AsSpan(0, count));
    }

    /// <summary>Copies <paramref name="rows"/> vocabulary rows of <paramref name="logits"/> from position <paramref name="from"/> to <see cref="_logits"/> row <paramref name="to"/>.</summary>
    private void CopyLogits(OrtValue logits, int from, int to, int rows)
    {
        int vocab = VocabularySize;
        var target = _logits.AsSpan(to * vocab, rows * vocab);
        if (_layout.LogitsType == TensorElementType.Float16)
        {
            var half = logits.GetTensorDataAsSpan<Float16>().Slice(from * vocab, rows * vocab);
            for (int i = 0; i < target.Length; i++)
            {
                target[i] = (float)half[i];
            }
        }
        else
        {
            logits.GetTensorDataAsSpan<float>().Slice(from * vocab, rows * vocab).CopyTo(target);
        }
    }
}
