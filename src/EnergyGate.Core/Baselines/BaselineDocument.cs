using System.Text.Json.Serialization;

namespace EnergyGate.Core.Baselines;

/// <summary>
/// The versioned JSON file under <c>baselines/</c> (schema: docs/baseline.schema.json). A store file
/// holds one cell; the type allows several so a whole run can be read or written as one document.
/// </summary>
/// <param name="SchemaVersion">Always <see cref="CurrentSchemaVersion"/> for documents this version writes, and for older files once read (<see cref="BaselineMigration"/>).</param>
/// <param name="ToolVersion">EnergyGate version that measured.</param>
/// <param name="Commit">Commit measured.</param>
/// <param name="CreatedAt">When the run finished.</param>
/// <param name="Fingerprint">Machine and meters.</param>
/// <param name="Cells">Per cell: settings under test and raw measurements.</param>
public sealed record BaselineDocument(
    int SchemaVersion,
    string ToolVersion,
    string Commit,
    DateTimeOffset CreatedAt,
    EnvironmentFingerprint Fingerprint,
    IReadOnlyList<CellRecord> Cells)
{
    /// <summary>The schema version this code reads and writes.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>A baseline document holding a candidate run (what <c>baseline update</c> writes).</summary>
    public static BaselineDocument FromCandidate(CandidateSet candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return new(CurrentSchemaVersion, candidate.Run.ToolVersion, candidate.Run.Commit, candidate.Run.CreatedAt, candidate.Fingerprint, candidate.Cells);
    }

    /// <summary>The run information of this document.</summary>
    [JsonIgnore]
    public RunInfo Run => new(ToolVersion, Commit, CreatedAt);
}
