using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>
/// A reused host buffer of token ids, positions or mask values in the element type the model wants
/// (int32 or int64), handed to ONNX Runtime as views of its first elements without copying.
/// </summary>
internal sealed class IdBuffer
{
    private readonly long[]? _int64;
    private readonly int[]? _int32;

    public IdBuffer(TensorElementType type, int capacity)
    {
        switch (type)
        {
            case TensorElementType.Int64: _int64 = new long[capacity]; break;
            case TensorElementType.Int32: _int32 = new int[capacity]; break;
            default: throw new NotSupportedException($"Id inputs of type {type} are not supported (int32 or int64 only).");
        }
    }

    public int this[int index]
    {
        set
        {
            if (_int64 is not null)
            {
                _int64[index] = value;
            }
            else
            {
                _int32![index] = value;
            }
        }
    }

    public void Fill(int value, int count)
    {
        for (int i = 0; i < count; i++)
        {
            this[i] = value;
        }
    }

    /// <summary>A [1, count] tensor over the first <paramref name="count"/> elements; dispose after the run.</summary>
    public OrtValue View(int count) => View(1, count);

    /// <summary>A [rows, columns] tensor over the first rows * columns elements, row-major; dispose after the run.</summary>
    public OrtValue View(int rows, int columns)
    {
        long[] shape = [rows, columns];
        int count = rows * columns;
        return _int64 is not null
            ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _int64.AsMemory(0, count), shape)
            : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _int32.AsMemory(0, count), shape);
    }
}
