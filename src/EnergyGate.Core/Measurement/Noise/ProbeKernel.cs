namespace EnergyGate.Core.Measurement.Noise;

/// <summary>
/// The fixed workload the noise probe times: the same arithmetic over the same 8 MiB buffer every
/// time, so its duration moves only with the machine (a neighbour on the other core, memory
/// bandwidth taken by another process, a lower clock, time stolen by the hypervisor), never with
/// the code under test. 8 MiB is larger than the L2 cache and most of a VM's L3 share, so part of
/// every pass goes to memory and a bandwidth neighbour shows, while the multiply-xor chain keeps a
/// core busy. About 30 ms on a quiet 2-core build VM (12 passes measured 16 ms there).
/// </summary>
public sealed class ProbeKernel
{
    /// <summary>Buffer size in 64-bit words (8 MiB).</summary>
    public const int Words = 1 << 20;

    /// <summary>Passes over the buffer per probe.</summary>
    public const int Passes = 24;

    private readonly long[] _buffer = new long[Words];

    /// <summary>Runs the workload once; returns a checksum so the work cannot be optimised away.</summary>
    public long Run()
    {
        // Refilled every time: the same input gives the same work, whatever earlier probes left.
        for (var i = 0; i < _buffer.Length; i++)
        {
            _buffer[i] = i;
        }
        var x = 0x2545F4914F6CDD1DL;
        for (var pass = 0; pass < Passes; pass++)
        {
            // A stride of 8 words (one cache line) visits every line once per sweep; eight sweeps
            // touch every word, so the prefetcher sees a stream but each line is fetched 8 times.
            for (var offset = 0; offset < 8; offset++)
            {
                for (var i = offset; i < _buffer.Length; i += 8)
                {
                    x = (x * 6364136223846793005L) + _buffer[i];
                    _buffer[i] = x ^ (x >>> 29);
                }
            }
        }
        return x;
    }
}
