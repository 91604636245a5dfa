namespace EnergyGate.Core.Baselines;

/// <summary>
/// Reads older baseline schemas as the current one. Schema 1 (one run per cell) is schema 2 without
/// <c>history</c>: a one-run history. Files are not rewritten; the next <c>baseline update</c> writes
/// schema 2 and keeps the schema 1 run as the first entry of the history.
/// </summary>
public static class BaselineMigration
{
    /// <summary>Schema versions <see cref="BaselineJson.Parse"/> reads.</summary>
    public static IReadOnlyList<int> ReadableVersions { get; } = [1, BaselineDocument.CurrentSchemaVersion];

    /// <summary>The document in the current schema; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="BaselineFormatException">A schema 1 file carries a <c>history</c>, which that schema does not have.</exception>
    public static BaselineDocument ToCurrent(BaselineDocument document, string source)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.SchemaVersion == BaselineDocument.CurrentSchemaVersion)
        {
            return document;
        }
        var withHistory = document.Cells.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.History is not null);
        if (withHistory.c is not null)
        {
            throw new BaselineFormatException(
                $"{source}: $.cells[{withHistory.i}].history is not part of schema version 1; set \"schema_version\": 2 or re-create the file with `dotnet energygate baseline update`.");
        }
        return document with { SchemaVersion = BaselineDocument.CurrentSchemaVersion };
    }
}
