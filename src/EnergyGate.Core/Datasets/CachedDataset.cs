namespace EnergyGate.Core.Datasets;

/// <summary>A dataset file found in the cache, as <c>datasets list</c> and <c>doctor</c> show it.</summary>
/// <param name="Dataset">Which dataset the file is.</param>
/// <param name="Path">Full path of the file.</param>
/// <param name="SizeBytes">File size.</param>
/// <param name="ActualSha256">SHA-256 of the file as found, lower-case hex.</param>
public sealed record CachedDataset(DatasetDescriptor Dataset, string Path, long SizeBytes, string ActualSha256)
{
    /// <summary>
    /// For a <see cref="DatasetDescriptor.TrustOnFirstUse"/> dataset, the checksum recorded when it was
    /// downloaded, or null when the record is missing; always null for a dataset with a pinned checksum.
    /// </summary>
    public string? RecordedSha256 { get; init; }

    /// <summary>The checksum the file must have: the pinned one, else the recorded one (null: none known).</summary>
    public string? ExpectedSha256 => Dataset.Sha256 ?? RecordedSha256;

    /// <summary>Whether the file's checksum matches the expected one, i.e. it is safe to use.</summary>
    public bool Verified => ExpectedSha256 is not null
        && string.Equals(ActualSha256, ExpectedSha256, StringComparison.OrdinalIgnoreCase);
}
