using System.Globalization;
using System.Numerics;

namespace EnergyGate.Core.Scoring.LongBench;

/// <summary>
/// The float arithmetic LongBench's eval.py gets from Python and numpy, reproduced exactly so that
/// reported scores agree to the last digit: the plain score and the LongBench-E scores are rounded
/// and summed by different code.
/// </summary>
public static class PythonFloats
{
    /// <summary>
    /// Python's <c>round(x, digits)</c> on a float: the exact binary value correctly rounded to
    /// <paramref name="digits"/> decimals, half to even only on exact ties. Scaling by 10^digits first
    /// would not do: 48.185 is stored just above 48.185, and Python gives 48.19.
    /// </summary>
    public static double Round(double value, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        if (!double.IsFinite(value) || value == 0)
        {
            return value;
        }
        var bits = BitConverter.DoubleToInt64Bits(value);
        var biased = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFF;
        if (biased == 0)
        {
            biased = 1; // subnormal
        }
        else
        {
            mantissa |= 1L << 52;
        }
        var exponent = biased - 1075; // |value| = mantissa * 2^exponent
        if (exponent >= 0)
        {
            return value; // an integer already
        }
        var denominator = BigInteger.One << -exponent;
        var quotient = BigInteger.DivRem(mantissa * BigInteger.Pow(10, digits), denominator, out var remainder);
        var half = (remainder * 2).CompareTo(denominator);
        if (half > 0 || (half == 0 && !quotient.IsEven))
        {
            quotient += 1;
        }
        // Parsing the decimal is correctly rounded, as Python's strtod of its digit string is.
        var rounded = double.Parse(
            string.Create(CultureInfo.InvariantCulture, $"{quotient}E-{digits}"), NumberStyles.Float, CultureInfo.InvariantCulture);
        return value < 0 ? -rounded : rounded;
    }

    /// <summary>
    /// <c>round(np.float64(x), digits)</c>, which numpy implements as <c>rint(x * 10^d) / 10^d</c>;
    /// scorer_e rounds the np.float64 that np.mean returns, so LongBench-E uses this one.
    /// </summary>
    public static double NumpyRound(double value, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        var scale = Math.Pow(10, digits);
        return Math.Round(value * scale, MidpointRounding.ToEven) / scale;
    }

    /// <summary>
    /// <c>np.sum</c> of a float64 vector: the identity 0.0 plus numpy's pairwise sum (8 accumulators
    /// within blocks of at most 128, blocks split in halves that are multiples of 8).
    /// </summary>
    public static double NumpySum(ReadOnlySpan<double> values) => 0.0 + Pairwise(values);

    /// <summary><c>np.mean</c>: <see cref="NumpySum"/> divided by the count; NaN when empty, as numpy's is.</summary>
    public static double NumpyMean(ReadOnlySpan<double> values) =>
        values.IsEmpty ? double.NaN : NumpySum(values) / values.Length;

    private const int BlockSize = 128;

    /// <summary>numpy's <c>pairwise_sum_DOUBLE</c> (umath/loops_utils.h.src), step for step.</summary>
    private static double Pairwise(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        if (n < 8)
        {
            var sum = 0.0;
            foreach (var x in a)
            {
                sum += x;
            }
            return sum;
        }
        if (n <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            var i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                for (var j = 0; j < 8; j++)
                {
                    r[j] += a[i + j];
                }
            }
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
            {
                res += a[i];
            }
            return res;
        }
        var n2 = n / 2;
        n2 -= n2 % 8;
        return Pairwise(a[..n2]) + Pairwise(a[n2..]);
    }
}
