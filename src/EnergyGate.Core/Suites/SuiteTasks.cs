using EnergyGate.Core.Configuration;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Suites;

/// <summary>
/// Turns a configured suite into the prompts a run generates for, and says how the suite decodes.
/// Understanding prompts depend on the model (LongBench truncates them to its context), so they are
/// built per model.
/// </summary>
public static class SuiteTasks
{
    /// <summary>Records the built-in understanding suite takes from the shipped corpus.</summary>
    public const int SmokeLccRecords = Definitions.SmokeLccSuiteDefinition.Records;

    /// <summary>The suite's tasks for a model with this tokenizer and context length, limited as configured.</summary>
    public static async Task<IReadOnlyList<IBenchmarkTask>> LoadAsync(
        SuiteSettings suite, DatasetCache cache, ITextTokenizer tokenizer, int modelContext, CancellationToken ct = default) =>
        await LoadAsync(suite, cache, tokenizer, modelContext, [], ct);

    /// <summary>
    /// As above; with <paramref name="promptLengths"/>, each code-generation problem appears once per
    /// length (id <c>TASK@LENGTH</c>), its prompt padded with real code context to about that many
    /// tokens, for the prefill-amplification sweep.
    /// </summary>
    public static async Task<IReadOnlyList<IBenchmarkTask>> LoadAsync(
        SuiteSettings suite, DatasetCache cache, ITextTokenizer tokenizer, int modelContext, IReadOnlyList<int> promptLengths, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(promptLengths);
        ArgumentNullException.ThrowIfNull(suite);
        var definition = SuiteDefinitions.Get(suite.Name);
        var tasks = await definition.LoadAsync(suite, new SuiteLoadContext(cache, tokenizer, modelContext), ct);
        // Only generation prompts can be padded with code context: an understanding prompt is already long.
        if (promptLengths.Count == 0 || definition.Kind != SuiteKind.Generation)
        {
            return tasks;
        }
        var tooLong = promptLengths.Where(l => l >= modelContext).ToList();
        if (tooLong.Count > 0)
        {
            throw new EnergyGateException($"--prompt-lengths: {string.Join(", ", tooLong)} do not fit the model's context of {modelContext} tokens (leave room for the generated tokens).");
        }
        var padding = Waste.Amplification.PromptLengthSweep.CorpusPadding();
        return [.. from length in promptLengths
                   from task in tasks.OfType<CodeProblem>()
                   select (IBenchmarkTask)(task with
                   {
                       TaskId = $"{task.TaskId}@{length}",
                       Prompt = Waste.Amplification.PromptLengthSweep.Build(task, tokenizer, length, padding).Text,
                   })];
    }

    /// <summary>
    /// Decoding for the suite: a suite with its own budget (LongBench's 64 new tokens) takes it; stop strings
    /// apply only under the <c>stop-words</c> suppression (the default for code generation).
    /// </summary>
    public static GenerationSettings Decoding(SuiteSettings suite, GenerationSettings configured) =>
        Decoding(suite, configured, PromptFormat.Raw);

    /// <summary>
    /// As above; under <see cref="PromptFormat.Chat"/> the Codex stop words (which would cut a chat answer at its
    /// first helper function) give way to EvalPlus's chat stop set, unless <c>decoding.stop</c> names other strings.
    /// </summary>
    public static GenerationSettings Decoding(SuiteSettings suite, GenerationSettings configured, PromptFormat format)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(configured);
        var definition = SuiteDefinitions.Get(suite.Name);
        var stopWords = (suite.Suppression ?? definition.DefaultSuppression) == SuppressionNames.StopWords;
        if (stopWords && format == PromptFormat.Chat && configured.StopStrings.SequenceEqual(GenerationSettings.HumanEvalStopStrings))
        {
            configured = configured with { StopStrings = GenerationSettings.ChatStopStrings };
        }
        var decoding = stopWords ? configured : configured with { StopStrings = [] };
        return definition.MaxNewTokens is { } budget ? decoding with { MaxNewTokens = budget } : decoding;
    }
}
