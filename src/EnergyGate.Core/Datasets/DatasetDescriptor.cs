namespace EnergyGate.Core.Datasets;

/// <summary>A downloadable dataset file and the checksum that pins its exact content.</summary>
/// <param name="Name">Short name used on the command line and as the cache folder, e.g. <c>humaneval</c>.</param>
/// <param name="FileName">File name in the cache and in a <c>--data-dir</c> folder.</param>
/// <param name="Url">Where <c>datasets pull</c> downloads it from.</param>
/// <param name="Sha256">
/// Expected SHA-256 of the file, lower-case hex; null when upstream publishes none, in which case the
/// checksum is recorded on the first download and verified against that record afterwards
/// (see <see cref="TrustOnFirstUse"/>).
/// </param>
/// <param name="Licence">The licence the data is published under.</param>
public sealed record DatasetDescriptor(string Name, string FileName, Uri Url, string? Sha256, string Licence)
{
    /// <summary>
    /// True when no checksum is pinned here: <c>datasets pull</c> records the downloaded file's SHA-256
    /// beside it and every later use checks the file against that record. Derived from a null
    /// <see cref="Sha256"/> so the two can never disagree.
    /// </summary>
    public bool TrustOnFirstUse => Sha256 is null;

    /// <summary>
    /// A copy that downloads from a mirror: <paramref name="baseUrl"/> replaces the scheme and host
    /// and the original path is kept under it, so a mirror reproduces the upstream layout.
    /// </summary>
    /// <param name="baseUrl">E.g. <c>http://mirror.local/github</c>; a trailing slash is optional.</param>
    public DatasetDescriptor WithBaseUrl(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return this with { Url = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + Url.PathAndQuery) };
    }
}
