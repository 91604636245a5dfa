using EnergyGate.Core.Configuration.Yaml;
using EnergyGate.Core.Gating;
using K = EnergyGate.Core.Configuration.ConfigKeys;

using static EnergyGate.Core.Configuration.NodeReader;

namespace EnergyGate.Core.Configuration;

/// <summary>Reads the per-metric and per-cell parts of <c>gate:</c>: overrides and acknowledgements.</summary>
internal sealed class GateOverridesReader(NodeReader r)
{
    public Dictionary<string, ThresholdOverride>? MetricOverrides(YamlNode node, string path)
    {
        // Keys are metric ids, so the generic mapping check gives unknown ids a did-you-mean for free.
        var map = r.Mapping(node, path, GateValues.KnownMetrics);
        if (map is null)
        {
            return null;
        }
        var result = new Dictionary<string, ThresholdOverride>(StringComparer.Ordinal);
        foreach (var (metric, value) in map)
        {
            var metricPath = NodeReader.Join(path, metric);
            if (r.Mapping(value, metricPath, K.MetricOverride) is { } entry)
            {
                result[metric] = Thresholds(entry, metricPath);
            }
        }
        return result;
    }

    public List<CellOverride>? CellOverrides(YamlNode node, string path) =>
        Entries(node, path, "a list of cell overrides (use [] for none)", K.CellOverride, (item, map, itemPath) =>
        {
            var cell = r.Required(item, map, K.Cell, itemPath, CellPattern);
            var metric = Optional(map, K.Metric, (n, p) => MetricId(n, p, GateValues.KnownMetrics), itemPath);
            var thresholds = Thresholds(map, itemPath);
            return cell is null ? null : new CellOverride(cell, metric, thresholds);
        });

    public List<Acknowledgement>? Acknowledgements(YamlNode node, string path) =>
        Entries(node, path, "a list of acknowledgements (use [] for none)", K.Acknowledgement, (item, map, itemPath) =>
        {
            var cell = r.Required(item, map, K.Cell, itemPath, CellPattern);
            var metric = r.Required(item, map, K.Metric, itemPath, (n, p) => MetricId(n, p, GateValues.AcknowledgedMetricIds));
            var reason = r.Required(item, map, K.Reason, itemPath, Reason, "required: say why the regression is accepted (reports show it)");
            var expires = r.Required(item, map, K.Expires, itemPath, Date);
            return cell is null || metric is null || reason is null || expires is not { } date
                ? null : new Acknowledgement(cell, metric, reason, date);
        });

    /// <summary>One of <paramref name="allowed"/>, with a did-you-mean for a misspelt id.</summary>
    public string? MetricId(YamlNode node, string path, IReadOnlyList<string> allowed)
    {
        var id = r.Text(node, path, "a metric id");
        if (id is null || allowed.Contains(id, StringComparer.Ordinal))
        {
            return id;
        }
        var hint = DidYouMean.Suggest(id, allowed) is { } s ? $"did you mean `{s}`? " : "";
        r.Error(node, path, $"unknown metric {ValueFormats.Quote(id)}; {hint}expected one of: {string.Join(", ", allowed)}");
        return null;
    }

    private ThresholdOverride Thresholds(Dictionary<string, YamlNode> map, string path) => new(
        Optional(map, K.Warn, r.Ratio, path),
        Optional(map, K.Fail, r.Ratio, path),
        Optional(map, K.Floor, r.NonNegative, path));

    public string? CellPattern(YamlNode node, string path)
    {
        var text = r.Text(node, path, GateValues.CellPatternFormat);
        if (text is not null && !GateValues.IsCellPattern(text))
        {
            r.Expected(node, path, GateValues.CellPatternFormat);
            return null;
        }
        return text;
    }

    private string? Reason(YamlNode node, string path)
    {
        const string expected = "a non-empty reason, shown in every report that applies the acknowledgement";
        var text = r.Text(node, path, expected);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            r.Expected(node, path, expected);
            return null;
        }
        return text?.Trim();
    }

    private DateOnly? Date(YamlNode node, string path)
    {
        if (node is YamlScalar { IsNull: false } s && GateValues.TryParseDate(s.Value, out var date))
        {
            return date;
        }
        r.Expected(node, path, GateValues.Date);
        return null;
    }

    private List<T>? Entries<T>(YamlNode node, string path, string expected, IReadOnlyList<string> keys,
        Func<YamlNode, Dictionary<string, YamlNode>, string, T?> read)
        where T : class
    {
        if (node is not YamlSequence list)
        {
            r.Expected(node, path, expected);
            return null;
        }
        var result = new List<T>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = NodeReader.Index(path, i);
            if (r.Mapping(list.Items[i], itemPath, keys) is { } map && read(list.Items[i], map, itemPath) is { } entry)
            {
                result.Add(entry);
            }
        }
        return result;
    }
}
