using System.Text.Json.Serialization;

namespace EnergyGate.Core.Suites.Builder;

/// <summary>
/// One LongBench <c>lcc</c> sample, with the field names and order of the upstream JSONL so a built
/// suite reads exactly like the published one: the model sees <see cref="Context"/> (a file prefix)
/// and must produce the next code line, scored against <see cref="Answers"/>.
/// </summary>
/// <param name="Input">The question; always empty for lcc, whose task is implied by the context.</param>
/// <param name="Context">The source file up to the start of the answer line, with LF newlines.</param>
/// <param name="Answers">Exactly one item: the answer line with surrounding whitespace stripped.</param>
/// <param name="Length">Words in <see cref="Context"/> as LongBench counts them (<c>len(context.split())</c>).</param>
/// <param name="Dataset">Always <c>lcc</c>.</param>
/// <param name="Language"><c>python</c>, <c>csharp</c> or <c>java</c>.</param>
/// <param name="AllClasses">Always null; only LongBench's classification tasks fill it.</param>
/// <param name="Id">48 hex characters derived from the file's relative path and the answer's line number.</param>
public sealed record LccRecord(
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("context")] string Context,
    [property: JsonPropertyName("answers")] IReadOnlyList<string> Answers,
    [property: JsonPropertyName("length")] int Length,
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("all_classes")] IReadOnlyList<string>? AllClasses,
    [property: JsonPropertyName("_id")] string Id)
{
    /// <summary>The <c>dataset</c> value of every record built here.</summary>
    public const string DatasetName = "lcc";

    /// <summary>The same record as the LongBench loader reads it, so built suites run like official ones.</summary>
    public LongBench.LongBenchRecord ToLongBench() => new(Id, Input, Context, Answers, Length, Dataset, Language, AllClasses);
}
