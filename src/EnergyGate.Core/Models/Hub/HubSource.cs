using System.Text.RegularExpressions;

namespace EnergyGate.Core.Models.Hub;

/// <summary>A model on the Hugging Face Hub: <c>hf:OWNER/NAME@REVISION</c>.</summary>
/// <param name="Repo">The repository id, <c>OWNER/NAME</c>.</param>
/// <param name="Revision">A 40-hex commit sha, a tag or a branch.</param>
public sealed partial record HubSource(string Repo, string Revision)
{
    /// <summary>The scheme that marks a hub source in <c>source:</c>.</summary>
    public const string Prefix = "hf:";

    /// <summary>True when <paramref name="source"/> is meant as a hub source (valid or not).</summary>
    public static bool IsHub(string? source) => source?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>True when the revision is already a commit sha, so the plan is pinned.</summary>
    public bool IsPinned => IsCommitSha(Revision);

    /// <summary>The source as written in a plan.</summary>
    public override string ToString() => $"{Prefix}{Repo}@{Revision}";

    /// <summary>True for a full 40-hex commit sha.</summary>
    public static bool IsCommitSha(string value) => value.Length == 40 && value.All(char.IsAsciiHexDigitLower);

    /// <summary>Parses <c>hf:OWNER/NAME@REVISION</c>; null with <paramref name="error"/> saying what is wrong.</summary>
    public static HubSource? TryParse(string source, out string? error)
    {
        error = null;
        var match = SourcePattern().Match(source);
        if (!match.Success)
        {
            error = $"expected `hf:OWNER/NAME@REVISION` (e.g. hf:Qwen/Qwen2.5-Coder-1.5B-Instruct@main, REVISION a commit sha, tag or branch), got `{source}`";
            return null;
        }
        var revision = match.Groups["rev"].Value;
        // A sha written in upper case would be taken for a branch name by the hub; say so rather than resolve it oddly.
        if (revision.Length == 40 && revision.All(char.IsAsciiHexDigit) && !IsCommitSha(revision))
        {
            error = $"commit sha `{revision}` must be lower-case hex";
            return null;
        }
        return new HubSource($"{match.Groups["owner"].Value}/{match.Groups["name"].Value}", revision);
    }

    /// <summary>Parses a source the configuration reader has already validated.</summary>
    /// <exception cref="EnergyGateException">The source is not a valid hub source.</exception>
    public static HubSource Parse(string source) =>
        TryParse(source, out var error) ?? throw new EnergyGateException($"model source: {error}");

    // Hub repository names: letters, digits, '-', '_', '.'; revisions may hold '/' (branch names like release/v1).
    [GeneratedRegex(@"^hf:(?<owner>[A-Za-z0-9][A-Za-z0-9._-]{0,95})/(?<name>[A-Za-z0-9][A-Za-z0-9._-]{0,95})@(?<rev>[A-Za-z0-9][A-Za-z0-9._/-]{0,199})$")]
    private static partial Regex SourcePattern();
}
