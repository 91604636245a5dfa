namespace EnergyGate.Core.Datasets;

/// <summary>A dataset file found in the cache, as <c>datasets list</c> and <c>doctor</c> show it.</summary>
/// <param name="Dataset">Which dataset the file is.</param>
/// <param name="Path">Full path of the file.</param>
/// <param name="SizeBytes">File size.</param>
/// <param name="ActualSha256">SHA-256 of the file as found, lower-case hex.</param>
public sealed record CachedDataset(DatasetDescriptor Dataset, string Path, long SizeBytes, string ActualSha256)
{
    /// <summary>Whether the file's checksum matches the descriptor's, i.e. it is safe to use.</summary>
    public bool Verified => string.Equals(ActualSha256, Dataset.Sha256, StringComparison.OrdinalIgnoreCase);
}
