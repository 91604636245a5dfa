namespace EnergyGate.Core.Models.Hub;

/// <summary>
/// One file of a hub repository at a commit, as the tree API lists it: LFS files carry the SHA-256 of
/// their content (<c>lfs.oid</c>); small files only their git blob id (SHA-1 of <c>"blob {size}\0" + content</c>).
/// </summary>
/// <param name="Path">Path inside the repository, '/'-separated.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sha256">The LFS SHA-256, hex, or null for a file kept in git itself.</param>
/// <param name="GitBlobSha1">The git blob id, hex, or null when the listing gave none.</param>
public sealed record HubFile(string Path, long Size, string? Sha256, string? GitBlobSha1)
{
    /// <summary>The content hash the weights fingerprint uses: the LFS SHA-256, else the git blob id.</summary>
    public string ContentId => Sha256 is not null ? $"sha256:{Sha256}" : $"git-sha1:{GitBlobSha1}";
}
