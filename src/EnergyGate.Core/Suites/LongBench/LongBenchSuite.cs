using EnergyGate.Core.Datasets;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Suites.LongBench;

/// <summary>LongBench tasks as a suite: records from the verified cache or a folder, and problems ready to run.</summary>
public static class LongBenchSuite
{
    /// <summary>
    /// Loads a task's records: from <paramref name="dataDir"/> when given (trusted as is), else from the
    /// cached <c>data.zip</c> after verifying it against the checksum recorded when it was pulled.
    /// </summary>
    /// <param name="task">A name from <see cref="LongBenchTasks"/>, e.g. <c>lcc</c> or <c>repobench-p_e</c>.</param>
    /// <param name="dataDir">A folder of task files (<c>--data-dir</c>), or null for the cache.</param>
    /// <param name="cache">The dataset cache.</param>
    /// <param name="cancellationToken">Cancels verification and reading.</param>
    /// <exception cref="EnergyGateException">Unknown task, missing or unverifiable data, or a malformed record; the message says what to do.</exception>
    public static async Task<IReadOnlyList<LongBenchRecord>> LoadAsync(
        string task, string? dataDir, DatasetCache cache, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var found = LongBenchTasks.Find(task);
        if (dataDir is not null)
        {
            return await LongBenchLoader.LoadFromFolderAsync(dataDir, found, cancellationToken);
        }
        var zip = await cache.ResolveAsync(KnownDatasets.LongBench, dataDir: null, cancellationToken);
        return await LongBenchLoader.LoadFromZipAsync(zip, found, cancellationToken);
    }

    /// <summary>Builds the record's prompt for <paramref name="task"/> and middle-truncates it to fit.</summary>
    /// <param name="record">The record.</param>
    /// <param name="task">The task it came from (decides the prompt template).</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="maxPromptTokens">The model's context minus <see cref="LongBenchTask.MaxNewTokens"/>.</param>
    /// <param name="bosId">See <see cref="LongBenchPrompt.Truncate"/>.</param>
    public static UnderstandingProblem ToProblem(
        LongBenchRecord record, LongBenchTask task, ITextTokenizer tokenizer, int maxPromptTokens, int? bosId = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var prompt = LongBenchPrompt.Truncate(LongBenchPrompt.Build(record, task), tokenizer, maxPromptTokens, bosId);
        return new UnderstandingProblem(record.Id, prompt, record.Answers, record.Length, record.Dataset);
    }

    /// <summary><see cref="ToProblem"/> for each record, in order.</summary>
    public static IReadOnlyList<UnderstandingProblem> ToProblems(
        IEnumerable<LongBenchRecord> records, LongBenchTask task, ITextTokenizer tokenizer, int maxPromptTokens, int? bosId = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        return [.. records.Select(r => ToProblem(r, task, tokenizer, maxPromptTokens, bosId))];
    }
}
