using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Reporting;

/// <summary>
/// Hub models whose revision was a branch or tag: the run resolved it to a commit, but the plan names
/// something that moves, so a later run may measure other weights under the same name. The report says
/// so and names the commit to pin.
/// </summary>
public static class PinningSection
{
    /// <summary>Fingerprint key holding an unpinned model's source as written (absent for pinned and non-hub models).</summary>
    public static string UnpinnedKey(string model) => $"model.{model}.hf_unpinned";

    /// <summary>One unpinned hub model.</summary>
    /// <param name="Model">The model's name.</param>
    /// <param name="Source">The source as the plan wrote it, e.g. <c>hf:acme/coder@main</c>.</param>
    /// <param name="Commit">The commit the revision resolved to in this run.</param>
    /// <param name="PinAs">The source to write instead.</param>
    public sealed record UnpinnedModel(string Model, string Source, string Commit, string PinAs);

    /// <summary>The candidate's unpinned hub models, by name.</summary>
    public static IReadOnlyList<UnpinnedModel> Unpinned(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var facts = result.Candidate.Fingerprint.Details;
        const string Prefix = "model.", Suffix = ".hf_unpinned";
        return [.. facts.Keys.Where(k => k.StartsWith(Prefix, StringComparison.Ordinal) && k.EndsWith(Suffix, StringComparison.Ordinal))
            .Select(k => k[Prefix.Length..^Suffix.Length])
            .Where(name => facts.ContainsKey($"model.{name}.hf_commit"))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var source = facts[UnpinnedKey(name)];
                var commit = facts[$"model.{name}.hf_commit"];
                var at = source.LastIndexOf('@');
                return new UnpinnedModel(name, source, commit, (at < 0 ? source : source[..at]) + "@" + commit);
            })];
    }

    /// <summary>A quoted note per unpinned model; empty when every hub model is pinned.</summary>
    public static string Markdown(GateResult result) => string.Concat(Unpinned(result).Select(m =>
        $"> **The plan is not pinned:** model `{m.Model}` comes from `{m.Source}`, a branch or tag that resolved to commit `{m.Commit}` in this run; " +
        $"pin it as `{m.PinAs}` so later runs measure the same weights.\n\n"));
}
