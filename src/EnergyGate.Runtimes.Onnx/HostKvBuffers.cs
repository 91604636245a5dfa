using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>
/// The KV cache of a CPU session in two reused native buffers per slot: each step's present values
/// are written by ONNX Runtime straight into one buffer (a preallocated output, so the run allocates
/// nothing for them) and read as the next step's past from there, while that step writes the other.
/// </summary>
/// <remarks>
/// A [.., length, ..] tensor is the first elements of its buffer, so a buffer serves every length up
/// to its capacity. Buffers grow (doubling, up to the context) only when they are about to be
/// written, when their old content is no longer needed, so memory follows the sequence's length as
/// ONNX Runtime's own allocation would. A batch session keeps [rows, .., length, ..] tensors the
/// same way: the batch axis is outside the length axis, so any row count and length fits a buffer of
/// enough bytes.
/// </remarks>
internal sealed class HostKvBuffers : IDisposable
{
    private readonly IReadOnlyList<KvSlot> _slots;
    private readonly int _maxLength;
    private readonly int _maxBatch;
    private readonly long[] _bytesPerPosition;
    private readonly int[] _lengthAxis;
    private readonly IntPtr[,] _buffers;
    private readonly long[,] _capacity;
    private readonly OrtValue?[] _past;
    private readonly OrtValue?[] _present;
    private int _next;

    public HostKvBuffers(IReadOnlyList<KvSlot> slots, OnnxKvLayout layout, int maxLength, int maxBatch = 1)
    {
        _slots = slots;
        _maxLength = maxLength;
        _maxBatch = maxBatch;
        _bytesPerPosition = new long[slots.Count];
        _lengthAxis = new int[slots.Count];
        _buffers = new IntPtr[slots.Count, 2];
        _capacity = new long[slots.Count, 2];
        _past = new OrtValue?[slots.Count];
        _present = new OrtValue?[slots.Count];
        for (int slot = 0; slot < slots.Count; slot++)
        {
            // [batch, heads, past, head_dim], or [2, batch, heads, past, head_dim] when stacked.
            _lengthAxis[slot] = layout == OnnxKvLayout.StackedKeyValue ? 3 : 2;
            long elements = 1;
            var shape = slots[slot].EmptyShape;
            for (int axis = 0; axis < shape.Length; axis++)
            {
                elements *= axis == _lengthAxis[slot] ? 1 : shape[axis];
            }

            _bytesPerPosition[slot] = elements * ElementSize(slots[slot].Type);
        }
    }

    /// <summary>True for the element types the buffers can hold (float32, float16, bfloat16).</summary>
    public static bool Supports(TensorElementType type) => type is TensorElementType.Float or TensorElementType.Float16 or TensorElementType.BFloat16;

    /// <summary>The previous step's present value of <paramref name="slot"/>, to bind as this step's past.</summary>
    public OrtValue Past(int slot) => _past[slot] ?? throw new InvalidOperationException("No past values: run a first step.");

    /// <summary>
    /// An output over a buffer for <paramref name="length"/> positions of <paramref name="batch"/> rows
    /// of <paramref name="slot"/>; the buffer not holding the past.
    /// </summary>
    public OrtValue Present(int slot, int length, int batch = 1)
    {
        _present[slot]?.Dispose();
        long bytes = _bytesPerPosition[slot] * length * batch;
        if (_capacity[slot, _next] < bytes)
        {
            long grown = Math.Max(bytes, Math.Min(2 * _capacity[slot, _next], _bytesPerPosition[slot] * _maxLength * _maxBatch));
            Marshal.FreeHGlobal(_buffers[slot, _next]);
            _buffers[slot, _next] = IntPtr.Zero;
            _capacity[slot, _next] = 0;
            _buffers[slot, _next] = Marshal.AllocHGlobal((nint)(grown + Alignment));
            _capacity[slot, _next] = grown;
        }

        var shape = (long[])_slots[slot].EmptyShape.Clone();
        shape[_lengthAxis[slot]] = length;
        // The batch axis is two before the length axis in both layouts.
        shape[_lengthAxis[slot] - 2] = batch;
        var value = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, _slots[slot].Type, shape, Aligned(_buffers[slot, _next]), bytes);
        _present[slot] = value;
        return value;
    }

    /// <summary>After a successful run: the presents become the past, and the old past's buffer is written next.</summary>
    public void Advance()
    {
        for (int slot = 0; slot < _past.Length; slot++)
        {
            _past[slot]?.Dispose();
            _past[slot] = _present[slot];
            _present[slot] = null;
        }

        _next = 1 - _next;
    }

    /// <summary>Forgets the sequence; the buffers stay for the next one.</summary>
    public void Reset()
    {
        for (int slot = 0; slot < _past.Length; slot++)
        {
            _past[slot]?.Dispose();
            _past[slot] = null;
            _present[slot]?.Dispose();
            _present[slot] = null;
        }
    }

    public void Dispose()
    {
        Reset();
        for (int slot = 0; slot < _slots.Count; slot++)
        {
            for (int i = 0; i < 2; i++)
            {
                Marshal.FreeHGlobal(_buffers[slot, i]);
                _buffers[slot, i] = IntPtr.Zero;
                _capacity[slot, i] = 0;
            }
        }
    }

    // ONNX Runtime's CPU allocator aligns the tensors it makes to 64 bytes; do the same.
    private const int Alignment = 64;

    private static nint Aligned(nint raw) => (raw + Alignment - 1) & ~(nint)(Alignment - 1);

    private static int ElementSize(TensorElementType type) => type switch
    {
        TensorElementType.Float => 4,
        TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
        _ => throw new NotSupportedException($"KV values of type {type} are not supported."),
    };
}
