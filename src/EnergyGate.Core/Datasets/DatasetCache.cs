using System.Security.Cryptography;

namespace EnergyGate.Core.Datasets;

/// <summary>
/// The on-disk dataset cache: <c>&lt;cacheDir&gt;/datasets/&lt;name&gt;/&lt;file&gt;</c>. Files get there
/// only through <see cref="DatasetDownloader"/>, which moves them in after verifying them. A
/// <see cref="DatasetDescriptor.TrustOnFirstUse"/> dataset also has <c>&lt;file&gt;.sha256</c> beside it:
/// the checksum recorded at download, in <c>sha256sum</c> format.
/// </summary>
/// <param name="cacheDir">The cache root, e.g. <c>ResolvedSettings.CacheDir</c>.</param>
public sealed class DatasetCache(string cacheDir)
{
    /// <summary>The cache root this instance reads.</summary>
    public string CacheDir { get; } = cacheDir ?? throw new ArgumentNullException(nameof(cacheDir));

    /// <summary>Where the dataset's file lives in this cache, whether or not it is there.</summary>
    public string PathFor(DatasetDescriptor dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Path.Combine(CacheDir, "datasets", dataset.Name, dataset.FileName);
    }

    /// <summary>Where the checksum recorded at download lives for a trust-on-first-use dataset.</summary>
    public string RecordedSha256PathFor(DatasetDescriptor dataset) => PathFor(dataset) + ".sha256";

    /// <summary>
    /// The checksum recorded when the dataset was downloaded, or null when there is no record or it
    /// does not hold a SHA-256 (either way the file cannot be verified and must be pulled again).
    /// </summary>
    public async Task<string?> ReadRecordedSha256Async(DatasetDescriptor dataset, CancellationToken cancellationToken = default)
    {
        var path = RecordedSha256PathFor(dataset);
        if (!File.Exists(path))
        {
            return null;
        }
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        // sha256sum format: "<hex>  <file name>"; only the hash matters.
        var hash = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return hash is { Length: 64 } && hash.All(char.IsAsciiHexDigit) ? hash.ToLowerInvariant() : null;
    }

    /// <summary>Every known dataset present in the cache, with its checksum checked.</summary>
    public async Task<IReadOnlyList<CachedDataset>> ListAsync(CancellationToken cancellationToken = default)
    {
        var found = new List<CachedDataset>();
        foreach (var dataset in KnownDatasets.All)
        {
            var path = PathFor(dataset);
            if (File.Exists(path))
            {
                var sha = await Sha256Async(path, cancellationToken);
                found.Add(new CachedDataset(dataset, path, new FileInfo(path).Length, sha)
                {
                    RecordedSha256 = dataset.TrustOnFirstUse ? await ReadRecordedSha256Async(dataset, cancellationToken) : null,
                });
            }
        }
        return found;
    }

    /// <summary>
    /// The file to read for <paramref name="dataset"/>: from <paramref name="dataDir"/> when one is given
    /// (trusted as is, so local variants work), else from the cache after verifying its checksum (the
    /// pinned one, or for a trust-on-first-use dataset the one recorded at download).
    /// </summary>
    /// <param name="dataset">The dataset wanted.</param>
    /// <param name="dataDir">A folder holding the dataset's file (<c>--data-dir</c>), or null for the cache.</param>
    /// <param name="cancellationToken">Cancels the checksum computation.</param>
    /// <exception cref="EnergyGateException">The file is missing or fails verification; the message says what to run.</exception>
    public async Task<string> ResolveAsync(
        DatasetDescriptor dataset, string? dataDir, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var pull = $"`dotnet energygate datasets pull {dataset.Name}`";
        if (dataDir is not null)
        {
            // No fallback to the cache: an explicit folder that lacks the file is a mistake to report.
            var explicitPath = Path.Combine(dataDir, dataset.FileName);
            return File.Exists(explicitPath)
                ? explicitPath
                : throw new EnergyGateException(
                    $"--data-dir {dataDir} does not contain {dataset.FileName}; pass the folder that holds it, or omit --data-dir and run {pull}");
        }
        var cached = PathFor(dataset);
        if (!File.Exists(cached))
        {
            throw new EnergyGateException(
                $"dataset `{dataset.Name}` is not in the cache ({cached}); run {pull} or pass --data-dir with a folder containing {dataset.FileName}");
        }
        var expected = dataset.Sha256 ?? await ReadRecordedSha256Async(dataset, cancellationToken);
        if (expected is null)
        {
            // Fail closed: without a record the file may be a half-finished or tampered copy.
            throw new EnergyGateException(
                $"{cached}: no recorded sha256 ({RecordedSha256PathFor(dataset)} is missing or invalid), so the file cannot be verified; run {pull} to download it again");
        }
        var actual = await Sha256Async(cached, cancellationToken);
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            var origin = dataset.TrustOnFirstUse ? "recorded when it was downloaded" : "expected";
            throw new EnergyGateException(
                $"{cached}: sha256 is {actual}, {origin} {expected}; the file changed, run {pull} to download it again");
        }
        return cached;
    }

    internal static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }
}
