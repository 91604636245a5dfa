namespace EnergyGate.Core.Suites.LongBench;

/// <summary>One line of a LongBench v1 task file (e.g. <c>data/lcc.jsonl</c>), field for field.</summary>
/// <param name="Id">The record's <c>_id</c>, unique within its file.</param>
/// <param name="Input">The question or, for repobench-p, the code just before the line to complete; may be empty (lcc).</param>
/// <param name="Context">The long context: for the code tasks, source files.</param>
/// <param name="Answers">Reference answers (for the code tasks, the next line of code); at least one.</param>
/// <param name="Length">Upstream's length of the record (words, or characters for Chinese), used for LongBench-E buckets.</param>
/// <param name="Dataset">The task the record belongs to, as upstream spells it.</param>
/// <param name="Language">Natural or programming language, e.g. <c>python</c>, <c>java</c>.</param>
/// <param name="AllClasses">Label set for classification tasks; null for the others.</param>
public sealed record LongBenchRecord(
    string Id,
    string Input,
    string Context,
    IReadOnlyList<string> Answers,
    int Length,
    string Dataset,
    string Language,
    IReadOnlyList<string>? AllClasses);
