using EnergyGate.Core.Suites.Definitions;
using EnergyGate.Core.Suites.LongBench;

namespace EnergyGate.Core.Suites;

/// <summary>
/// Every suite the tool runs, in the order documentation and error messages list them. Adding a
/// suite is one <see cref="ISuiteDefinition"/> and one line here (plus the schema's name list).
/// </summary>
public static class SuiteDefinitions
{
    /// <summary>Every suite.</summary>
    public static IReadOnlyList<ISuiteDefinition> All { get; } =
    [
        new HumanEvalSuiteDefinition(),
        DatasetCodeSuite.HumanEvalPlus(),
        DatasetCodeSuite.Mbpp(),
        DatasetCodeSuite.MbppPlus(),
        new SmokeSuiteDefinition(),
        new LongBenchSuiteDefinition(LongBenchTasks.Lcc),
        new LongBenchSuiteDefinition(LongBenchTasks.RepoBenchP),
        new LongBenchSuiteDefinition(LongBenchTasks.LccE),
        new LongBenchSuiteDefinition(LongBenchTasks.RepoBenchPE),
        new SmokeLccSuiteDefinition(),
    ];

    /// <summary>Every suite name, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(d => d.Name)];

    /// <summary>The names of the suites that satisfy <paramref name="predicate"/>, in catalog order.</summary>
    public static IReadOnlyList<string> NamesWhere(Func<ISuiteDefinition, bool> predicate) => [.. All.Where(predicate).Select(d => d.Name)];

    /// <summary>The suite of that name (exact), or null.</summary>
    public static ISuiteDefinition? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    /// <summary>The suite of that name (case-insensitive, as on the command line).</summary>
    /// <exception cref="EnergyGateException">No such suite; the message lists the valid names.</exception>
    public static ISuiteDefinition Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new EnergyGateException($"unknown suite `{name}`; valid names: {string.Join(", ", Names)}");
    }
}
