using System.Globalization;
using System.Text.RegularExpressions;
using EnergyGate.Core.Configuration.Yaml;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Suites;
using K = EnergyGate.Core.Configuration.ConfigKeys;

namespace EnergyGate.Core.Configuration;

/// <summary>
/// Reads <c>gate.budgets</c>: a list of mappings, each an optional <c>cell</c> pattern (default <c>*</c>)
/// and one limit per metric id. A limit is a bare number, which bounds the metric on the side where it
/// gets worse (energy and time at most, pass@1 and tokens/s at least), or a quoted comparison
/// <c>"&lt;= x"</c> / <c>"&gt;= x"</c> that says the side itself, even the unusual one.
/// </summary>
internal sealed partial class GateBudgetsReader(NodeReader r)
{
    private const string Example = "`decode_joules_per_token: 0.004` or `\"pass@1\": \">= 0.6\"`";

    public List<Budget>? Budgets(YamlNode node, string path)
    {
        if (node is not YamlSequence list)
        {
            r.Expected(node, path, $"a list of budgets, each a mapping such as {{cell: \"humaneval/*/*/*\", decode_joules_per_token: 0.004}} (use [] for none)");
            return null;
        }
        var budgets = new List<Budget>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (Budget(list.Items[i], NodeReader.Index(path, i)) is { } budget)
            {
                budgets.Add(budget);
            }
        }
        return budgets;
    }

    private Budget? Budget(YamlNode node, string path)
    {
        if (node is not YamlMapping map)
        {
            r.Expected(node, path, $"a budget: a mapping of an optional `cell` pattern and limits such as {Example}");
            return null;
        }
        var errorsBefore = r.Errors.Count;
        var pattern = "*";
        var limits = new List<(BudgetLimit Limit, YamlNode Key, string Path)>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        // Not NodeReader.Mapping: an unknown key here is almost always a metric id, so the message lists the metrics.
        foreach (var (keyNode, value) in map.Entries)
        {
            if (keyNode is not YamlScalar { IsNull: false } keyScalar)
            {
                r.Expected(keyNode, path, "a key name");
                continue;
            }
            var key = keyScalar.Value;
            var keyPath = NodeReader.Join(path, key);
            if (seen.TryGetValue(key, out var first))
            {
                r.Error(keyNode, keyPath, $"duplicate key `{key}` (first defined at {first.Line}:{first.Column})");
                continue;
            }
            seen[key] = keyNode;
            if (key == K.Cell)
            {
                pattern = new GateOverridesReader(r).CellPattern(value, keyPath) ?? pattern;
            }
            else if (!BudgetMetrics.IsKnown(key))
            {
                var hint = DidYouMean.Suggest(key, K.Budget) is { } s ? $"did you mean `{s}`? " : "";
                r.Error(keyNode, keyPath, $"unknown metric {ValueFormats.Quote(key)}; {hint}a budget takes `{K.Cell}` and limits on: {string.Join(", ", BudgetMetrics.Ids)}");
            }
            else if (Limit(key, value, keyPath) is { } limit)
            {
                limits.Add((limit, keyNode, keyPath));
            }
        }
        if (seen.Keys.All(k => k == K.Cell))
        {
            r.Error(node, path, $"a budget needs at least one limit, e.g. {Example}");
        }
        foreach (var (limit, key, keyPath) in limits)
        {
            CheckSuiteKind(pattern, limit.Metric, key, keyPath);
        }
        return r.Errors.Count == errorsBefore ? new Budget(pattern, [.. limits.Select(l => l.Limit)]) : null;
    }

    private BudgetLimit? Limit(string metric, YamlNode node, string path)
    {
        var natural = BudgetMetrics.NaturalBound(metric);
        var expected = Expected(metric, natural);
        if (node is YamlScalar { IsNull: false } s)
        {
            if (s.IsPlain && ValueFormats.TryParseNumber(s.Value, out var bare) && double.IsFinite(bare))
            {
                return InRange(metric, natural, bare, node, path, expected);
            }
            if (Comparison().Match(s.Value) is { Success: true } m
                && ValueFormats.TryParseNumber(m.Groups["value"].Value, out var value) && double.IsFinite(value))
            {
                return InRange(metric, m.Groups["op"].Value == "<=" ? BudgetBound.AtMost : BudgetBound.AtLeast, value, node, path, expected);
            }
            var trimmed = s.Value.Trim();
            if (ValueFormats.TryParseNumber(trimmed, out _))
            {
                // A quoted number: which side did the user mean? The bare number says "the usual one".
                r.Error(node, path, $"expected {expected}, found {node.Describe()}; drop the quotes, or say the side: \"<= {trimmed}\" or \">= {trimmed}\"");
                return null;
            }
            if (trimmed.Length > 0 && "<>=≤≥".Contains(trimmed[0], StringComparison.Ordinal))
            {
                r.Error(node, path, $"expected {expected}, found {node.Describe()}; a budget includes its limit: write \"<= x\" or \">= x\" with a plain number x");
                return null;
            }
        }
        r.Expected(node, path, expected);
        return null;
    }

    private BudgetLimit? InRange(string metric, BudgetBound bound, double value, YamlNode node, string path, string expected)
    {
        var max = BudgetMetrics.Maximum(metric);
        if (value <= max)
        {
            return new BudgetLimit(metric, bound, value);
        }
        var fix = max == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{metric} is a share from 0 to 1: write {value / 100} for {value}%")
            : string.Create(CultureInfo.InvariantCulture, $"{metric} is a score from 0 to {max}");
        r.Error(node, path, $"expected {expected}, found {node.Describe()}; {fix}");
        return null;
    }

    /// <summary>
    /// A limit the file itself proves can never be checked is an error here, not a finding at every run:
    /// a pattern naming an understanding suite never has pass@1 and a code-generation suite never has code_sim.
    /// </summary>
    private void CheckSuiteKind(string pattern, string metric, YamlNode key, string path)
    {
        var suite = pattern.Split('/')[0];
        // A suppression-study variant (suite+strategy) is its suite's kind.
        if (suite == "*" || SuiteDefinitions.Find(suite.Split('+')[0]) is not { } definition)
        {
            return;
        }
        if (metric == BudgetMetrics.PassAt1 && definition.Kind == SuiteKind.Understanding)
        {
            r.Error(key, path, $"`{suite}` is an understanding suite, scored by code similarity, so its cells have no pass@1; limit `{BudgetMetrics.CodeSim}` (0 to 100) instead");
        }
        else if (metric == BudgetMetrics.CodeSim && definition.Kind == SuiteKind.Generation)
        {
            r.Error(key, path, $"`{suite}` is a code-generation suite, scored by running its tests, so its cells have no code_sim; limit `{BudgetMetrics.PassAt1}` (0 to 1) instead");
        }
    }

    /// <summary>e.g. "a limit: a number (at most, as lower is better for decode_joules_per_token) or a quoted comparison such as "&lt;= 0.004"".</summary>
    private static string Expected(string metric, BudgetBound natural)
    {
        var (side, better, op) = natural == BudgetBound.AtMost ? ("at most", "lower", "<=") : ("at least", "higher", ">=");
        return $"a limit for {metric}: a plain number of 0 or more ({side}, as {better} is better) or a quoted comparison such as \"{op} 0.5\" or \"{(op == "<=" ? ">=" : "<=")} 0.5\"";
    }

    // The same expression is in docs/energygate.schema.json ($defs.budgetLimit); keep them in step. No exponent,
    // no sign: limits are plain decimals, and a comparison with an exponent reads badly in a review.
    [GeneratedRegex(@"^\s*(?<op><=|>=)\s*(?<value>[0-9]+(\.[0-9]+)?)\s*\z")]
    private static partial Regex Comparison();
}
