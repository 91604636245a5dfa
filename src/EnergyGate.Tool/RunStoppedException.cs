namespace EnergyGate.Tool;

/// <summary>A measurement run stopped by Ctrl-C; its message says how to continue it.</summary>
internal sealed class RunStoppedException(string resultsPath, bool started, Exception inner)
    : OperationCanceledException(Describe(resultsPath, started), inner)
{
    // Every finished sample is already in the journal (appended at once), so resuming loses nothing.
    private static string Describe(string path, bool started) => started
        ? $"stopped; resume with --resume --results {path}"
        : "stopped before the results file was started; nothing to resume";
}
