using EnergyGate.Core.Baselines;
using EnergyGate.Core.Configuration.Yaml;

namespace EnergyGate.Core.Configuration;

/// <summary>A spot in a configuration file, 1-based.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record ConfigLocation(string File, int Line, int Column);

/// <summary>
/// Where <c>energygate.yml</c> defined each model, suite, runtime and budget limit, so a finding about a cell can
/// point at the line an editor or an MSBuild error list jumps to. The loaded configuration keeps no
/// positions (it is resolved and layered), so this reads the file's tree again; only a file that
/// already loaded without errors is read, so nothing here reports problems.
/// </summary>
public sealed class ConfigPositions
{
    private readonly Dictionary<string, ConfigLocation> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConfigLocation> _suites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConfigLocation> _runtimes = new(StringComparer.Ordinal);

    // gate.budgets in file order: each budget's cell pattern and the position of each limit's key.
    private readonly List<(string Pattern, Dictionary<string, ConfigLocation> Limits)> _budgets = [];

    private ConfigPositions()
    {
    }

    /// <summary>No file: every lookup answers null.</summary>
    public static ConfigPositions None { get; } = new();

    /// <summary>Reads the entries' positions from YAML text that came from <paramref name="fileName"/>.</summary>
    public static ConfigPositions Parse(string yamlText, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        var positions = new ConfigPositions();
        if (YamlTreeBuilder.Build(yamlText, fileName, out _) is not YamlMapping root)
        {
            return positions;
        }
        foreach (var (key, value) in root.Entries)
        {
            switch ((key as YamlScalar)?.Value)
            {
                case ConfigKeys.Models:
                    Index(fileName, value, ConfigKeys.Name, positions._models);
                    break;
                case ConfigKeys.Suites:
                    Index(fileName, value, ConfigKeys.Name, positions._suites);
                    break;
                case ConfigKeys.Runtimes:
                    IndexRuntimes(fileName, value, positions._runtimes);
                    break;
                case ConfigKeys.Gate:
                    IndexBudgets(fileName, value, positions._budgets);
                    break;
            }
        }
        return positions;
    }

    /// <summary>
    /// The entry that defined <paramref name="cell"/>: its model when the file lists models (a cell's
    /// energy is mostly its model's), else its suite, else its runtime; null when the file defines none
    /// of them (defaults).
    /// </summary>
    public ConfigLocation? ForCell(CellKey cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return _models.GetValueOrDefault(cell.Model)
            ?? _suites.GetValueOrDefault(cell.Suite)
            // A suppression-study variant is named suite+strategy; it comes from the suite's entry.
            ?? _suites.GetValueOrDefault(cell.SuiteId)
            ?? _runtimes.GetValueOrDefault($"{cell.Runtime}/{cell.Provider}");
    }

    /// <summary>
    /// The limit of <paramref name="metric"/> in the first budget whose pattern matches <paramref name="cell"/>
    /// (the line to look at, or raise, when the budget is breached); null when no budget limits it.
    /// </summary>
    public ConfigLocation? ForBudget(CellKey cell, string metric)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return _budgets.Where(b => Gating.CellPattern.Matches(b.Pattern, cell)).Select(b => b.Limits.GetValueOrDefault(metric)).FirstOrDefault(l => l is not null);
    }

    private static void IndexBudgets(string fileName, YamlNode gate, List<(string, Dictionary<string, ConfigLocation>)> into)
    {
        if (gate is not YamlMapping section
            || section.Entries.FirstOrDefault(e => (e.Key as YamlScalar)?.Value == ConfigKeys.Budgets).Value is not YamlSequence budgets)
        {
            return;
        }
        foreach (var budget in budgets.Items.OfType<YamlMapping>())
        {
            var limits = new Dictionary<string, ConfigLocation>(StringComparer.Ordinal);
            foreach (var key in budget.Entries.Select(e => e.Key).OfType<YamlScalar>().Where(k => k.Value != ConfigKeys.Cell))
            {
                limits.TryAdd(key.Value, new ConfigLocation(fileName, key.Line, key.Column));
            }
            into.Add((Value(budget, ConfigKeys.Cell) ?? "*", limits));
        }
    }

    private static void Index(string fileName, YamlNode list, string nameKey, Dictionary<string, ConfigLocation> into)
    {
        if (list is not YamlSequence sequence)
        {
            return;
        }
        foreach (var item in sequence.Items.OfType<YamlMapping>())
        {
            var name = Value(item, nameKey);
            if (name is null)
            {
                continue;
            }
            into.TryAdd(name, new ConfigLocation(fileName, item.Line, item.Column));
        }
    }

    /// <summary>Runtime entries by the runtime part of their cells' keys: the entry's name, else its runtime.</summary>
    private static void IndexRuntimes(string fileName, YamlNode list, Dictionary<string, ConfigLocation> into)
    {
        if (list is not YamlSequence sequence)
        {
            return;
        }
        foreach (var item in sequence.Items.OfType<YamlMapping>())
        {
            if ((Value(item, ConfigKeys.Name) ?? Value(item, ConfigKeys.RuntimeName)) is { } label)
            {
                into.TryAdd($"{label}/{Value(item, ConfigKeys.Provider)}", new ConfigLocation(fileName, item.Line, item.Column));
            }
        }
    }

    private static string? Value(YamlMapping map, string key) =>
        map.Entries.FirstOrDefault(e => (e.Key as YamlScalar)?.Value == key).Value is YamlScalar scalar ? scalar.Value : null;
}
