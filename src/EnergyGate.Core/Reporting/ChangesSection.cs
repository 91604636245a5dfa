using System.Text;
using System.Text.Json;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Reporting;

/// <summary>One difference between the baseline side and this run, and the cells it was found in.</summary>
/// <param name="Label">What changed, e.g. "Model weights (sha256)" or "decoding.max-new-tokens".</param>
/// <param name="Old">The baseline's value; null when it had none.</param>
/// <param name="New">This run's value; null when it has none.</param>
/// <param name="Cells">The cells with this difference, in the result's order.</param>
public sealed record SideChange(string Label, string? Old, string? New, IReadOnlyList<CellKey> Cells);

/// <summary>
/// What changed between the two sides, right under the verdict: a reviewer reading "+12 % energy" needs
/// to know at once whether the weights, the runtime or a decoding setting changed too, or whether only
/// the code under test did. Built from what the gate found per cell (settings under test, machine
/// differences that relaxed rules let through or that made a cell incomparable) and the machine facts
/// the environment block compares; the per-cell details at the bottom keep the full values.
/// </summary>
public static class ChangesSection
{
    /// <summary>The line when the two sides differ in nothing recorded.</summary>
    public const string NothingChanged = "Nothing changed between baseline and this run but the code under test";

    /// <summary>The heading of the list, in the Markdown report and on the console.</summary>
    public const string Heading = "What changed (baseline -> this run)";

    /// <summary>Most differences listed on the first screen; the rest are counted (each cell's details list them all).</summary>
    public const int MaxListed = 12;

    // Settings under test in the order a reviewer weighs them; other keys follow in the gate's order.
    private static readonly string[] SettingOrder =
    [
        UnderTest.ModelSha256, UnderTest.RuntimeVersion, UnderTest.DriverVersion, UnderTest.Decoding,
        UnderTest.PromptTemplateSha256, "suite_sha256", UnderTest.Suppression,
    ];

    // Values that are hashes: 12 hex digits tell two apart at a glance, as a short git commit does.
    private static readonly HashSet<string> HashKeys = [UnderTest.ModelSha256, UnderTest.PromptTemplateSha256, "suite_sha256"];

    // The environment block's name of a fact the gate already compares under another name.
    private static readonly Dictionary<string, string> FactAliases = new(StringComparer.Ordinal) { ["gpu_driver"] = UnderTest.DriverVersion };

    /// <summary>
    /// Every difference, grouped across cells; null when no cell had a baseline to differ from
    /// (all new, or all incomplete), an empty list when the sides differ in nothing recorded.
    /// </summary>
    public static IReadOnlyList<SideChange>? For(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var cells = result.Cells.Where(c => c.Baseline is not null && c.Status is CellStatus.Compared or CellStatus.Incomparable).ToList();
        if (cells.Count == 0)
        {
            return null;
        }
        var changes = new List<(string Label, string? Old, string? New, int Rank, CellKey Cell)>();
        foreach (var cell in cells)
        {
            var found = cell.Mismatches.Concat(cell.Changes).DistinctBy(c => c.Key).ToList();
            var keys = found.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            // Facts only the environment block compares (memory, microcode, OS...) count as changes too.
            found.AddRange(EnvironmentDifferences.Facts(cell.Baseline!.Fingerprint, result.Candidate.Fingerprint)
                .Where(f => !keys.Contains(f.Key) && !keys.Contains(FactAliases.GetValueOrDefault(f.Key, f.Key)))
                .Select(f => new SettingChange(f.Key, f.Old, f.New)));
            foreach (var change in found)
            {
                var rank = Array.IndexOf(SettingOrder, change.Key) is >= 0 and var index ? index : SettingOrder.Length;
                changes.AddRange(Expand(change, cell.Cell).Select(e => (e.Label, e.Old, e.New, rank, cell.Cell)));
            }
        }
        return [.. changes.GroupBy(c => (c.Label, c.Old, c.New))
            .OrderBy(g => g.Min(c => c.Rank))
            .Select(g => new SideChange(g.Key.Label, g.Key.Old, g.Key.New, [.. g.Select(c => c.Cell).Distinct()]))];
    }

    /// <summary>The Markdown under the verdict: a bullet list, the <see cref="NothingChanged"/> line, or nothing without baselines.</summary>
    public static string Markdown(GateResult result)
    {
        if (For(result) is not { } changes)
        {
            return "";
        }
        if (changes.Count == 0)
        {
            return NothingChanged + ".\n\n";
        }
        var total = Considered(result);
        var text = new StringBuilder("**").Append(Heading).Append("**\n\n");
        foreach (var c in changes.Take(MaxListed))
        {
            text.Append(Format.Inv($"- {c.Label}: {MarkdownCode.Inline(c.Old ?? "(none)")} -> {MarkdownCode.Inline(c.New ?? "(none)")}{Where(c, total)}\n"));
        }
        if (changes.Count > MaxListed)
        {
            text.Append("- ").Append(More(changes.Count)).Append('\n');
        }
        return text.Append('\n').ToString();
    }

    /// <summary>The same as plain lines for the console: the heading and indented items, or the one line.</summary>
    public static IReadOnlyList<string> TextLines(GateResult result)
    {
        if (For(result) is not { } changes)
        {
            return [];
        }
        if (changes.Count == 0)
        {
            return [NothingChanged];
        }
        var total = Considered(result);
        var lines = changes.Take(MaxListed).Select(c => $"  {c.Label}: {c.Old ?? "(none)"} -> {c.New ?? "(none)"}{Where(c, total)}");
        return [Heading + ":", .. lines, .. changes.Count > MaxListed ? ["  " + More(changes.Count)] : Array.Empty<string>()];
    }

    // A run of many models can differ in dozens of hashes: the first screen names a few and counts the rest.
    private static string More(int count) => Format.Inv($"and {count - MaxListed} more differences; the report's details list them");

    private static int Considered(GateResult result) =>
        result.Cells.Count(c => c.Baseline is not null && c.Status is CellStatus.Compared or CellStatus.Incomparable);

    // Nothing when every compared cell shares the change; the cells themselves when a few do.
    private static string Where(SideChange change, int total) => change.Cells.Count switch
    {
        _ when change.Cells.Count == total => "",
        <= 3 => $" ({string.Join(", ", change.Cells)})",
        var n => Format.Inv($" (in {n} of {total} cells)"),
    };

    /// <summary>A change as the reader should see it: hashes shortened, JSON settings split into the fields that differ.</summary>
    private static IEnumerable<(string Label, string? Old, string? New)> Expand(SettingChange change, CellKey cell)
    {
        if (Fields(change.Old) is { } old && Fields(change.New) is { } @new)
        {
            // decoding is one JSON string; "decoding.max-new-tokens 256 -> 512" says which knob moved.
            foreach (var name in old.Keys.Concat(@new.Keys.Where(k => !old.ContainsKey(k))))
            {
                var (before, after) = (old.GetValueOrDefault(name), @new.GetValueOrDefault(name));
                if (before != after)
                {
                    yield return ($"{change.Key}.{JsonNamingPolicy.KebabCaseLower.ConvertName(name)}", before, after);
                }
            }
            yield break;
        }
        yield return change.Key switch
        {
            UnderTest.ModelSha256 => ("Model weights (sha256)", Short(change.Old), Short(change.New)),
            UnderTest.PromptTemplateSha256 => ("Prompt template (sha256)", Short(change.Old), Short(change.New)),
            "suite_sha256" => ("Suite data (sha256)", Short(change.Old), Short(change.New)),
            UnderTest.RuntimeVersion => ($"Runtime {cell.Runtime}", change.Old, change.New),
            UnderTest.DriverVersion => ("GPU driver", change.Old, change.New),
            UnderTest.Suppression => ("Babbling suppression", change.Old, change.New),
            _ => (change.Key, change.Old, change.New),
        };
    }

    private static string? Short(string? hash) => hash is { Length: > 12 } ? hash[..12] : hash;

    // A JSON object's top-level fields as raw JSON text; null for anything else (most settings are plain text).
    private static Dictionary<string, string>? Fields(string? value)
    {
        if (value is null || !value.TrimStart().StartsWith('{'))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().DistinctBy(p => p.Name).ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
