using EnergyGate.Core.Configuration;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Suites.Builder;
using EnergyGate.Core.Suites.LongBench;

namespace EnergyGate.Core.Suites;

/// <summary>
/// Turns a configured suite into the prompts a run generates for, and says how the suite decodes.
/// Understanding prompts depend on the model (LongBench truncates them to its context), so they are
/// built per model.
/// </summary>
public static class SuiteTasks
{
    /// <summary>Records the built-in understanding suite takes from the shipped corpus.</summary>
    public const int SmokeLccRecords = 8;

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
        var tasks = await LoadUnsweptAsync(suite, cache, tokenizer, modelContext, ct);
        if (promptLengths.Count == 0 || SuiteNames.IsUnderstanding(suite.Name))
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

    private static async Task<IReadOnlyList<IBenchmarkTask>> LoadUnsweptAsync(
        SuiteSettings suite, DatasetCache cache, ITextTokenizer tokenizer, int modelContext, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(suite);
        IReadOnlyList<IBenchmarkTask> tasks;
        if (!SuiteNames.IsUnderstanding(suite.Name))
        {
            tasks = await SuiteCatalog.LoadAsync(suite.Name, suite.DataDir, cache, ct);
        }
        else
        {
            var task = suite.Name == SuiteNames.SmokeLcc ? LongBenchTasks.Lcc : LongBenchTasks.Find(suite.Name);
            var records = await RecordsAsync(suite, task, cache, ct);
            // LongBench's pred.py: the prompt may use the model's context minus the tokens to generate.
            var maxPrompt = Math.Max(1, modelContext - task.MaxNewTokens);
            tasks = LongBenchSuite.ToProblems(suite.Limit is { } n ? records.Take(n) : records, task, tokenizer, maxPrompt);
        }
        return suite.Limit is { } limit ? [.. tasks.Take(limit)] : tasks;
    }

    /// <summary>
    /// Decoding for the suite: understanding suites take LongBench's 64 new tokens; stop strings
    /// apply only under the <c>stop-words</c> suppression (the default for code generation).
    /// </summary>
    public static GenerationSettings Decoding(SuiteSettings suite, GenerationSettings configured)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(configured);
        var stopWords = (suite.Suppression ?? SuppressionNames.DefaultFor(suite.Name)) == SuppressionNames.StopWords;
        var decoding = stopWords ? configured : configured with { StopStrings = [] };
        if (!SuiteNames.IsUnderstanding(suite.Name))
        {
            return decoding;
        }
        var task = suite.Name == SuiteNames.SmokeLcc ? LongBenchTasks.Lcc : LongBenchTasks.Find(suite.Name);
        return decoding with { MaxNewTokens = task.MaxNewTokens };
    }

    private static async Task<IReadOnlyList<LongBenchRecord>> RecordsAsync(SuiteSettings suite, LongBenchTask task, DatasetCache cache, CancellationToken ct)
    {
        if (suite.Name == SuiteNames.SmokeLcc)
        {
            return [.. BuiltinCorpus.BuildLcc(SmokeLccRecords, seed: 1).Records.Select(r => r.ToLongBench())];
        }
        if (suite.File is { } file)
        {
            if (!File.Exists(file))
            {
                throw new EnergyGateException($"suite `{suite.Name}`: file '{file}' does not exist; build one with `dotnet energygate suite build lcc` or fix `file`.");
            }
            await using var stream = File.OpenRead(file);
            return await LongBenchLoader.LoadAsync(stream, file, ct);
        }
        return await LongBenchSuite.LoadAsync(task.Name, suite.DataDir, cache, ct);
    }
}
