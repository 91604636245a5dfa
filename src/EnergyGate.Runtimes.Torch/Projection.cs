using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// A linear layer (<c>x W^T + b</c>) whose weight is stored in the layout libtorch's CPU kernels run
/// fastest: split by output columns into chunks of [in, out / chunks], multiplied with one batched
/// matmul (<c>bmm</c>) over all chunks.
/// </summary>
/// <remarks>
/// Why (measured on the 2-core build VM, 2 threads, weights of the <c>torch</c> benchmark's 30 M-parameter
/// model, 8 layers, too large for the cache): a decode step is a row vector times each weight, and libtorch hands <c>linear</c> with one row to MKL's
/// single-threaded GEMV over the [out, in] weight, which streamed ~12 GB/s (~105 steps/s). The same
/// product over a contiguous [in, out] weight ran at ~158 steps/s, and batching it over column chunks
/// lets MKL's batched GEMM use every intra-op thread: ~200 steps/s with 16 chunks. Narrow chunks help
/// further: the whole GPT-2 decode went from 161 (at most 16 chunks) to 217 tokens/s (at most 64, each
/// at least 32 columns wide); chunks narrower than 16 columns doubled prefill time. Prefill's GEMMs
/// are as fast or faster this way than through <c>linear</c>. Chunks of exactly one head width also leave q/k/v in [heads, n, head dim]
/// order with no transpose. Elsewhere the weight stays [out, in] for <c>linear</c>, and
/// <see cref="ApplyChunks"/> returns the same shapes through views: cuBLAS has no such problem, and
/// on the CPU bfloat16 <c>linear</c> goes to oneDNN, which beat <c>bmm</c> (64-token prefill 15 vs 19
/// ms). float16 has no fast CPU kernel either way here (no AVX512-FP16); <c>bmm</c> is the less slow.
/// </remarks>
internal sealed class Projection : IDisposable
{
    private const int MaxChunks = 64;
    private const int MinChunkWidth = 32;
    private readonly Tensor _weight;
    private readonly Tensor? _bias;
    private readonly bool _batched;

    /// <param name="weight">[out, in], not owned (the caller disposes it).</param>
    /// <param name="bias">[out] or null, not owned.</param>
    /// <param name="chunks">Output chunks; 0 picks up to 64 of at least 32 columns each.</param>
    public Projection(Tensor weight, Tensor? bias, int chunks = 0)
    {
        long outFeatures = weight.shape[0], inFeatures = weight.shape[1];
        Chunks = chunks > 0 ? chunks : PickChunks(outFeatures);
        if (outFeatures % Chunks != 0)
        {
            throw new ArgumentException($"{outFeatures} output features do not split into {Chunks} chunks.", nameof(chunks));
        }

        Width = outFeatures / Chunks;
        OutFeatures = outFeatures;
        _batched = weight.device_type == DeviceType.CPU && weight.dtype != ScalarType.BFloat16;
        if (_batched)
        {
            using var view = weight.reshape(Chunks, Width, inFeatures).transpose(1, 2);
            _weight = view.contiguous();
            _bias = bias?.view(Chunks, 1, Width);
        }
        else
        {
            _weight = weight.alias();
            _bias = bias?.alias();
        }
    }

    /// <summary>How many column chunks the output has.</summary>
    public int Chunks { get; }

    /// <summary>Columns per chunk.</summary>
    public long Width { get; }

    /// <summary>Output features.</summary>
    public long OutFeatures { get; }

    /// <summary><paramref name="x"/> ([n, in]) projected, as [chunks, n, width] (contiguous on the CPU).</summary>
    public Tensor ApplyChunks(Tensor x)
    {
        long n = x.shape[0];
        if (!_batched)
        {
            return F.linear(x, _weight, _bias).view(n, Chunks, Width).transpose(0, 1);
        }

        var product = bmm(x.unsqueeze(0).expand(Chunks, n, x.shape[1]), _weight);
        return _bias is null ? product : product.add_(_bias);
    }

    /// <summary><paramref name="x"/> ([n, in]) projected, as [n, out].</summary>
    public Tensor Apply(Tensor x)
    {
        long n = x.shape[0];
        if (!_batched)
        {
            return F.linear(x, _weight, _bias);
        }

        // One row: [chunks, 1, width] is already [1, out] in memory; more rows need one interleaving copy.
        var chunks = ApplyChunks(x);
        return n == 1 ? chunks.view(1, OutFeatures) : chunks.transpose(0, 1).reshape(n, OutFeatures);
    }

    public void Dispose()
    {
        _weight.Dispose();
        _bias?.Dispose();
    }

    private static int PickChunks(long outFeatures)
    {
        for (int chunks = MaxChunks; chunks > 1; chunks /= 2)
        {
            if (outFeatures % chunks == 0 && outFeatures / chunks >= MinChunkWidth)
            {
                return chunks;
            }
        }

        return 1;
    }
}
