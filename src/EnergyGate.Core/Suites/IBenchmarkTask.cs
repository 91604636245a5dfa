namespace EnergyGate.Core.Suites;

/// <summary>
/// One prompt a run generates a completion for. The run protocol needs only this; how the
/// completion is scored depends on the concrete task type (code executed in the sandbox, or a
/// next line compared by similarity).
/// </summary>
public interface IBenchmarkTask
{
    /// <summary>Stable id within its suite.</summary>
    string TaskId { get; }

    /// <summary>The text given to the model (already truncated to fit the model, where the suite does that).</summary>
    string Prompt { get; }

    /// <summary>Text that identifies the task's content for the suite hash (prompt plus what it is scored against).</summary>
    string ContentForHash { get; }
}
