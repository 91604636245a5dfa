namespace EnergyGate.Core.Suites.LongBench;

/// <summary>
/// The LongBench code-completion tasks EnergyGate runs. Prompts and budgets are copied verbatim from
/// LongBench's <c>config/dataset2prompt.json</c> and <c>config/dataset2maxlen.json</c>; the LongBench-E
/// variants (<c>_e</c>) share them: upstream's pred.py loads <c>&lt;task&gt;_e</c> but looks both up under the base name.
/// </summary>
public static class LongBenchTasks
{
    private const string LccPrompt = "Please complete the code given below. \n{context}Next line of code:\n";
    private const string RepoBenchPrompt = "Please complete the code given below. \n{context}{input}Next line of code:\n";
    private const int CodeMaxNewTokens = 64;

    /// <summary>Long Code Completion: complete the next line of a long source file.</summary>
    public static LongBenchTask Lcc { get; } = new("lcc", LccPrompt, CodeMaxNewTokens);

    /// <summary>RepoBench-P: complete the next line given cross-file context and the in-file code (<c>input</c>).</summary>
    public static LongBenchTask RepoBenchP { get; } = new("repobench-p", RepoBenchPrompt, CodeMaxNewTokens);

    /// <summary>LongBench-E variant of <see cref="Lcc"/>, with records spread evenly over length buckets.</summary>
    public static LongBenchTask LccE { get; } = new("lcc_e", LccPrompt, CodeMaxNewTokens);

    /// <summary>LongBench-E variant of <see cref="RepoBenchP"/>.</summary>
    public static LongBenchTask RepoBenchPE { get; } = new("repobench-p_e", RepoBenchPrompt, CodeMaxNewTokens);

    /// <summary>Every supported task.</summary>
    public static IReadOnlyList<LongBenchTask> All { get; } = [Lcc, RepoBenchP, LccE, RepoBenchPE];

    /// <summary>Finds a task by name (case-insensitive).</summary>
    /// <exception cref="EnergyGateException">The name is unknown; the message lists the valid names.</exception>
    public static LongBenchTask Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new EnergyGateException(
                $"unknown LongBench task `{name}`; valid names: {string.Join(", ", All.Select(t => t.Name))}");
    }
}
