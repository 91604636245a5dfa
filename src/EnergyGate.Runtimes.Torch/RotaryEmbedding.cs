using static TorchSharp.torch;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// Rotary position embedding as Hugging Face's Llama applies it (<c>rotate_half</c> over the two
/// halves of each head), with the config's theta and scaling: linear, dynamic NTK and llama3.
/// </summary>
/// <remarks>
/// cos/sin rows are computed in double precision and kept in the model's dtype (sin with its first
/// half negated, so rotate_half is a single roll), in a table that
/// grows with the longest sequence. Dynamic scaling beyond the trained context changes the base
/// with the sequence length, as transformers does: those rows are computed per step instead.
/// </remarks>
internal sealed class RotaryEmbedding : IDisposable
{
    private readonly RopeSettings _rope;
    private readonly int _headDim;
    private readonly ScalarType _dtype;
    private readonly Device _device;
    private readonly double[] _invFreq;
    private Tensor? _cos, _sin;
    private long _rows;

    public RotaryEmbedding(RopeSettings rope, int headDim, ScalarType dtype, Device device)
    {
        (_rope, _headDim, _dtype, _device) = (rope, headDim, dtype, device);
        _invFreq = InverseFrequencies(rope, headDim, rope.Theta);
    }

    /// <summary>Makes the table cover <paramref name="length"/> positions. Call outside a dispose scope.</summary>
    public void Reserve(long length)
    {
        if (length <= _rows)
        {
            return;
        }

        long rows = Math.Max(length, Math.Max(256, 2 * _rows));
        _cos?.Dispose();
        _sin?.Dispose();
        (_cos, _sin) = Table(_invFreq, 0, rows);
        _rows = rows;
    }

    /// <summary>Rotates <paramref name="x"/> ([1, heads, n, head dim]) for positions start..start+n-1.</summary>
    public Tensor Apply(Tensor x, long start)
    {
        long n = x.shape[2];
        Tensor cos, sin;
        if (_rope.Scaling == "dynamic" && start + n > _rope.OriginalMaxPositions)
        {
            (cos, sin) = Table(InverseFrequencies(_rope with { Scaling = "default" }, _headDim, ScaledBase(start + n)), start, n);
        }
        else
        {
            cos = _cos!.narrow(0, start, n);
            sin = _sin!.narrow(0, start, n);
        }

        return Rotate(x, cos, sin);
    }

    /// <summary>
    /// cos and sin for a batch, [batch, 1, length, head dim]: row r's positions are
    /// <paramref name="positions"/>[r * length ..] and its sequence is <paramref name="totals"/>[r] tokens
    /// long after this step (dynamic scaling changes the base with it, per row as one sequence would).
    /// <paramref name="index"/> holds the same positions on the device. Call inside a dispose scope, after
    /// <see cref="Reserve"/> covered every position.
    /// </summary>
    public (Tensor Cos, Tensor Sin) Rows(Tensor index, long[] positions, long[] totals, long length)
    {
        long batch = totals.Length;
        if (_rope.Scaling != "dynamic" || totals.All(t => t <= _rope.OriginalMaxPositions))
        {
            return (_cos!.index_select(0, index).view(batch, 1, length, _headDim), _sin!.index_select(0, index).view(batch, 1, length, _headDim));
        }

        var cos = new float[positions.Length * _headDim];
        var sin = new float[positions.Length * _headDim];
        for (int r = 0; r < batch; r++)
        {
            var invFreq = totals[r] > _rope.OriginalMaxPositions
                ? InverseFrequencies(_rope with { Scaling = "default" }, _headDim, ScaledBase(totals[r]))
                : _invFreq;
            Fill(cos, sin, invFreq, positions.AsSpan((int)(r * length), (int)length), r * length);
        }

        return (tensor(cos, [batch, 1, length, _headDim]).to(_dtype, _device), tensor(sin, [batch, 1, length, _headDim]).to(_dtype, _device));
    }

    /// <summary><paramref name="x"/> rotated by tables that broadcast against it.</summary>
    public Tensor Rotate(Tensor x, Tensor cos, Tensor sin) =>
        // rotate_half(x) * sin = roll(x, half) * sin with the sign folded into the table's first half.
        (x * cos).add_(x.roll(_headDim / 2, -1).mul_(sin));

    public void Dispose()
    {
        _cos?.Dispose();
        _sin?.Dispose();
    }

    private (Tensor Cos, Tensor Sin) Table(double[] invFreq, long start, long rows)
    {
        var cos = new float[rows * _headDim];
        var sin = new float[rows * _headDim];
        var positions = new long[rows];
        for (long p = 0; p < rows; p++)
        {
            positions[p] = start + p;
        }

        Fill(cos, sin, invFreq, positions, 0);
        using var c = tensor(cos, [rows, _headDim]);
        using var s = tensor(sin, [rows, _headDim]);
        return (c.to(_dtype, _device), s.to(_dtype, _device));
    }

    // transformers' dynamic NTK: the base grows with the sequence's length past the trained context.
    private double ScaledBase(double total) =>
        _rope.Theta * Math.Pow(_rope.Factor * total / _rope.OriginalMaxPositions - (_rope.Factor - 1), _headDim / (_headDim - 2.0));

    // Rows of cos/sin for positions, from row `first` on.
    private void Fill(float[] cos, float[] sin, double[] invFreq, ReadOnlySpan<long> positions, long first)
    {
        int half = _headDim / 2;
        for (int p = 0; p < positions.Length; p++)
        {
            for (int i = 0; i < half; i++)
            {
                double angle = positions[p] * invFreq[i];
                long at = (first + p) * _headDim + i;
                cos[at] = cos[at + half] = (float)Math.Cos(angle);
                sin[at + half] = (float)Math.Sin(angle);
                sin[at] = -sin[at + half];
            }
        }
    }

    internal static double[] InverseFrequencies(RopeSettings rope, int headDim, double theta)
    {
        var inv = new double[headDim / 2];
        for (int i = 0; i < inv.Length; i++)
        {
            inv[i] = 1.0 / Math.Pow(theta, 2.0 * i / headDim);
        }

        switch (rope.Scaling)
        {
            case "linear":
                for (int i = 0; i < inv.Length; i++)
                {
                    inv[i] /= rope.Factor;
                }

                break;
            case "llama3":
                Llama3(rope, inv);
                break;
        }

        return inv;
    }

    // transformers' _compute_llama3_parameters: long wavelengths are scaled by the factor, short
    // ones kept, and the band between them interpolated smoothly.
    private static void Llama3(RopeSettings rope, double[] inv)
    {
        double lowWavelen = rope.OriginalMaxPositions / rope.LowFreqFactor;
        double highWavelen = rope.OriginalMaxPositions / rope.HighFreqFactor;
        for (int i = 0; i < inv.Length; i++)
        {
            double wavelen = 2 * Math.PI / inv[i];
            if (wavelen > lowWavelen)
            {
                inv[i] /= rope.Factor;
            }
            else if (wavelen >= highWavelen)
            {
                double smooth = (rope.OriginalMaxPositions / wavelen - rope.LowFreqFactor) / (rope.HighFreqFactor - rope.LowFreqFactor);
                inv[i] = (1 - smooth) * inv[i] / rope.Factor + smooth * inv[i];
            }
        }
    }
}
