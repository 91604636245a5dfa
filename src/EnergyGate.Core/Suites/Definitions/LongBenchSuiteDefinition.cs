using EnergyGate.Core.Configuration;
using EnergyGate.Core.Suites.LongBench;

namespace EnergyGate.Core.Suites.Definitions;

/// <summary>A LongBench code task: records from the verified data.zip, a folder of task files, or one file.</summary>
/// <param name="task">The task; its name is the suite's.</param>
public sealed class LongBenchSuiteDefinition(LongBenchTask task)
    : UnderstandingSuite(task.Name, task, SuiteSources.Cache | SuiteSources.DataDir | SuiteSources.File)
{
    /// <inheritdoc/>
    protected override async Task<IReadOnlyList<LongBenchRecord>> RecordsAsync(SuiteSettings suite, SuiteLoadContext context, CancellationToken ct)
    {
        if (suite.File is { } file)
        {
            if (!File.Exists(file))
            {
                throw new EnergyGateException($"suite `{suite.Id}`: file '{file}' does not exist; build one with `dotnet energygate suite build lcc` or fix `file`.");
            }
            await using var stream = File.OpenRead(file);
            return await LongBenchLoader.LoadAsync(stream, file, ct);
        }
        return await LongBenchSuite.LoadAsync(Task.Name, suite.DataDir, context.Cache, ct);
    }
}
