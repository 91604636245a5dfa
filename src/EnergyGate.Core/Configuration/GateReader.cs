using EnergyGate.Core.Configuration.Yaml;
using EnergyGate.Core.Gating;
using K = EnergyGate.Core.Configuration.ConfigKeys;

using static EnergyGate.Core.Configuration.NodeReader;

namespace EnergyGate.Core.Configuration;

/// <summary>
/// Reads the <c>gate:</c> section straight into a <see cref="GatePolicy"/>: every key maps onto one
/// property, and keys left out keep <see cref="GatePolicy.Default"/>'s value.
/// </summary>
internal sealed class GateReader(NodeReader r)
{
    private readonly GateOverridesReader overrides = new(r);

    public GatePolicy? Gate(YamlNode node, string path)
    {
        var errorsBefore = r.Errors.Count;
        var map = r.Mapping(node, path, K.GateSection);
        if (map is null)
        {
            return null;
        }
        var d = GatePolicy.Default;
        var policy = d with
        {
            GatedMetrics = Optional(map, K.Metrics, Metrics, path) ?? d.GatedMetrics,
            Warn = Optional(map, K.Warn, r.Ratio, path) ?? d.Warn,
            Fail = Optional(map, K.Fail, r.Ratio, path) ?? d.Fail,
            AbsoluteFloor = Optional(map, K.Floor, r.NonNegative, path) ?? d.AbsoluteFloor,
            Alpha = Optional(map, K.Alpha, r.Alpha, path) ?? d.Alpha,
            WorkTolerance = Optional(map, K.WorkTolerance, r.Ratio, path) ?? d.WorkTolerance,
            RunDrift = Optional(map, K.RunDrift, r.Ratio, path) ?? d.RunDrift,
            BaselineRuns = Optional(map, K.BaselineRuns, (n, p) => r.IntBetween(n, p, 1, 100), path) ?? d.BaselineRuns,
            FailOn = Optional(map, K.FailOn, (n, p) => r.OneOf(n, p, GateValues.FailOnNames), path) is { } failOn
                ? GateValues.ParseFailOn(failOn) : d.FailOn,
            Incomparable = Optional(map, K.Incomparable, (n, p) => r.OneOf(n, p, GateValues.IncomparableNames), path) is { } inc
                ? GateValues.ParseIncomparable(inc) : d.Incomparable,
            Comparability = Optional(map, K.Comparability, Comparability, path) ?? d.Comparability,
            Noise = Optional(map, K.Noise, Noise, path) ?? d.Noise,
            MetricOverrides = Optional(map, K.MetricOverrides, overrides.MetricOverrides, path) ?? d.MetricOverrides,
            CellOverrides = Optional(map, K.CellOverrides, overrides.CellOverrides, path) ?? d.CellOverrides,
            Acknowledgements = Optional(map, K.Acknowledgements, overrides.Acknowledgements, path) ?? d.Acknowledgements,
            Budgets = Optional(map, K.Budgets, new GateBudgetsReader(r).Budgets, path) ?? d.Budgets,
        };
        policy = map.TryGetValue(K.Accuracy, out var accuracy) ? Accuracy(accuracy, NodeReader.Join(path, K.Accuracy), policy) : policy;
        // Cross-field rules (fail >= warn in every layer) only mean something once each field is valid;
        // checking a policy patched with defaults would report problems the user did not write.
        if (r.Errors.Count == errorsBefore)
        {
            foreach (var message in policy.Validate())
            {
                r.Error(node, path, message);
            }
        }
        return policy;
    }

    /// <summary>The top-level <c>machine-class:</c> label, which names baseline files.</summary>
    public string? MachineClass(YamlNode node, string path)
    {
        // The label becomes part of baseline file names, so only characters safe in any file system.
        var text = r.Text(node, path, GateValues.MachineClassFormat);
        if (text is not null && !GateValues.IsMachineClass(text))
        {
            r.Expected(node, path, GateValues.MachineClassFormat);
            return null;
        }
        return text;
    }

    private List<string>? Metrics(YamlNode node, string path)
    {
        // An empty list is allowed on purpose: it gates accuracy only and still shows every metric.
        if (node is not YamlSequence list)
        {
            r.Expected(node, path, "a list of metric ids (use [] to gate none)");
            return null;
        }
        var metrics = new List<string>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = NodeReader.Index(path, i);
            if (overrides.MetricId(list.Items[i], itemPath, GateValues.KnownMetrics) is not { } id)
            {
                continue;
            }
            if (metrics.Contains(id))
            {
                r.Error(list.Items[i], itemPath, $"duplicate metric `{id}`");
                continue;
            }
            metrics.Add(id);
        }
        return metrics;
    }

    private GatePolicy Accuracy(YamlNode node, string path, GatePolicy policy)
    {
        var map = r.Mapping(node, path, K.AccuracySection);
        return map is null ? policy : policy with
        {
            GateAccuracy = Optional(map, K.Enabled, r.Bool, path) ?? policy.GateAccuracy,
            AccuracyTolerancePoints = Optional(map, K.TolerancePoints, (n, p) => r.Number(n, p, 0, 100), path) ?? policy.AccuracyTolerancePoints,
            AccuracyAlpha = Optional(map, K.Alpha, r.Alpha, path) ?? policy.AccuracyAlpha,
        };
    }

    // Shares of the warn threshold are plain numbers (0.5 = half of warn), not percentages of a percentage.
    private NoiseLimits? Noise(YamlNode node, string path)
    {
        var map = r.Mapping(node, path, K.NoiseSection);
        var d = GatePolicy.Default.Noise;
        return map is null ? null : new NoiseLimits
        {
            Enabled = Optional(map, K.Enabled, r.Bool, path) ?? d.Enabled,
            DriftOfWarn = Optional(map, K.DriftOfWarn, (n, p) => r.Number(n, p, 0.01, 100), path) ?? d.DriftOfWarn,
            SpreadOfWarn = Optional(map, K.SpreadOfWarn, (n, p) => r.Number(n, p, 0.01, 100), path) ?? d.SpreadOfWarn,
            MaxSteal = Optional(map, K.MaxSteal, r.Ratio, path) ?? d.MaxSteal,
            ExplainFactor = Optional(map, K.ExplainFactor, (n, p) => r.Number(n, p, 1, 100), path) ?? d.ExplainFactor,
        };
    }

    private ComparabilityRules? Comparability(YamlNode node, string path)
    {
        var map = r.Mapping(node, path, K.ComparabilitySection);
        var d = GatePolicy.Default.Comparability;
        return map is null ? null : new ComparabilityRules(
            Optional(map, K.MachineClass, r.Bool, path) ?? d.MachineClass,
            Optional(map, K.CpuModel, r.Bool, path) ?? d.CpuModel,
            Optional(map, K.GpuModel, r.Bool, path) ?? d.GpuModel,
            Optional(map, K.MeterKind, r.Bool, path) ?? d.MeterKind,
            Optional(map, K.StrictSettings, StrictSettings, path) ?? d.StrictSettings,
            Optional(map, K.CpuFamily, r.Bool, path) ?? d.CpuFamily,
            Optional(map, K.CpuIsa, r.Bool, path) ?? d.CpuIsa,
            Optional(map, K.CpuCores, r.Bool, path) ?? d.CpuCores);
    }

    private List<string>? StrictSettings(YamlNode node, string path)
    {
        // Under-test keys are an open set (a newer runner may record more), so any name is accepted.
        if (node is not YamlSequence list)
        {
            r.Expected(node, path, "a list of under-test setting names (use [] for none)");
            return null;
        }
        var names = new List<string>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (r.Text(list.Items[i], NodeReader.Index(path, i), "a setting name such as driver_version") is { } name)
            {
                names.Add(name);
            }
        }
        return names;
    }
}
