namespace EnergyGate.Core.Suites.LongBench;

/// <summary>A LongBench task: the file it reads, its prompt and its generation budget.</summary>
/// <param name="Name">Task name as in LongBench, e.g. <c>lcc</c> or <c>repobench-p_e</c>; the file is <c>&lt;Name&gt;.jsonl</c>.</param>
/// <param name="PromptTemplate">
/// The template from LongBench's <c>config/dataset2prompt.json</c>, with <c>{context}</c> and
/// <c>{input}</c> placeholders filled from the record.
/// </param>
/// <param name="MaxNewTokens">The generation budget from <c>config/dataset2maxlen.json</c>.</param>
public sealed record LongBenchTask(string Name, string PromptTemplate, int MaxNewTokens)
{
    /// <summary>The task's file name, in <c>data.zip</c> (under <c>data/</c>) and in a <c>--data-dir</c> folder.</summary>
    public string FileName => Name + ".jsonl";
}
