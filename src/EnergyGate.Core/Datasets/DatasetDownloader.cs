using System.Globalization;
using System.Security.Cryptography;

namespace EnergyGate.Core.Datasets;

/// <summary>
/// Downloads a dataset into a <see cref="DatasetCache"/> folder. The body streams to a temporary file
/// beside the target while its SHA-256 is computed; only a complete, verified file is moved into place,
/// so the cache never holds a partial or wrong file under the real name. A dataset without a pinned
/// checksum (<see cref="DatasetDescriptor.TrustOnFirstUse"/>) gets the downloaded file's checksum
/// recorded beside it instead; a pull is the explicit act of trusting upstream, so it replaces any earlier record.
/// </summary>
/// <param name="http">The client to use; the caller owns it and sets timeouts and proxies.</param>
public sealed class DatasetDownloader(HttpClient http)
{
    private const int BufferSize = 1 << 16;

    /// <summary>
    /// Downloads <paramref name="dataset"/>, verifies it (or records its checksum when none is pinned),
    /// and returns its path in the cache.
    /// </summary>
    /// <param name="dataset">What to fetch; use <see cref="DatasetDescriptor.WithBaseUrl"/> for a mirror.</param>
    /// <param name="cacheDir">The cache root.</param>
    /// <param name="progress">Receives progress after each chunk; may be null.</param>
    /// <param name="cancellationToken">Cancels the download; nothing is left behind.</param>
    /// <exception cref="EnergyGateException">
    /// The server failed or could not be reached, the body was cut short, or the checksum differs; the
    /// message names the URL and, for a bad body, the expected and actual values.
    /// </exception>
    public async Task<string> PullAsync(
        DatasetDescriptor dataset,
        string cacheDir,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var target = new DatasetCache(cacheDir).PathFor(dataset);
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        RemoveStalePartials(folder, dataset.FileName);
        // Same folder as the target, so the final File.Move is a rename and atomic.
        var temp = Path.Combine(folder, $".{dataset.FileName}.{Guid.NewGuid():N}.partial");
        try
        {
            var actualSha = await DownloadAsync(dataset.Url, temp, progress, cancellationToken);
            if (dataset.Sha256 is { } pinned && !string.Equals(actualSha, pinned, StringComparison.OrdinalIgnoreCase))
            {
                throw new EnergyGateException(
                    $"downloaded {dataset.Url} but its sha256 is {actualSha}, expected {pinned}; nothing was cached (a bad mirror or a changed upstream file)");
            }
            if (dataset.TrustOnFirstUse)
            {
                // Record first, then move the file in: a crash in between leaves the new record beside
                // the old file or none, which fails verification and asks for a re-pull.
                await WriteRecordAsync(new DatasetCache(cacheDir).RecordedSha256PathFor(dataset), dataset.FileName, actualSha, cancellationToken);
            }
            File.Move(temp, target, overwrite: true);
            return target;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes <c>&lt;hex&gt;  &lt;file&gt;</c> (sha256sum format) atomically: temp file, then rename.</summary>
    private static async Task WriteRecordAsync(string recordPath, string fileName, string sha, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(recordPath)!;
        // Named like the data file's partials, so RemoveStalePartials also sweeps a killed pull's record.
        var temp = Path.Combine(folder, $".{fileName}.sha256.{Guid.NewGuid():N}.partial");
        try
        {
            await File.WriteAllTextAsync(temp, $"{sha}  {fileName}\n", cancellationToken);
            File.Move(temp, recordPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<string> DownloadAsync(
        Uri url, string temp, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new EnergyGateException(
                    $"downloading {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            var total = response.Content.Headers.ContentLength;
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var file = new FileStream(
                temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[BufferSize];
            long received = 0;
            progress?.Report(new DownloadProgress(0, total));
            while (true)
            {
                var n = await ReadBodyAsync(body, buffer, url, received, total, cancellationToken);
                if (n == 0)
                {
                    break;
                }
                hash.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                received += n;
                progress?.Report(new DownloadProgress(received, total));
            }
            if (total is { } expected && received != expected)
            {
                throw Truncated(url, received, expected);
            }
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch (HttpRequestException ex)
        {
            throw new EnergyGateException($"downloading {url} failed: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EnergyGateException($"downloading {url} failed: timed out after {http.Timeout.TotalSeconds:0} s", ex);
        }
    }

    private static async Task<int> ReadBodyAsync(
        Stream body, byte[] buffer, Uri url, long received, long? total, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken);
        }
        // A connection closed before Content-Length bytes surfaces here; disk errors do not, so they keep their own message.
        catch (IOException ex) when (total is { } expected)
        {
            throw Truncated(url, received, expected, ex);
        }
        catch (IOException ex)
        {
            throw new EnergyGateException($"downloading {url} failed after {received} bytes: {ex.Message}", ex);
        }
    }

    private static EnergyGateException Truncated(Uri url, long received, long expected, Exception? inner = null)
    {
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"downloading {url} failed: the body ended after {received} bytes, expected {expected} (Content-Length); nothing was cached");
        return inner is null ? new EnergyGateException(message) : new EnergyGateException(message, inner);
    }

    /// <summary>
    /// A pull killed mid-way (kill -9) leaves its hidden partial file behind; the next pull of the
    /// same dataset removes such leftovers so the cache does not grow with them.
    /// </summary>
    private static void RemoveStalePartials(string folder, string fileName)
    {
        foreach (var stale in Directory.EnumerateFiles(folder, $".{fileName}.*.partial"))
        {
            try
            {
                File.Delete(stale);
            }
            catch (IOException)
            {
                // Another pull may be writing it right now; leave it.
            }
        }
    }
}
