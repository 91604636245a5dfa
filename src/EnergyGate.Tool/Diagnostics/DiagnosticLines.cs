using System.Globalization;
using System.Text.RegularExpressions;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Gating;

namespace EnergyGate.Tool.Diagnostics;

/// <summary>
/// Formats findings and errors as lines, in any <see cref="DiagnosticsFormat"/>. The msbuild form
/// is a contract with EnergyGate.MSBuild's task: one diagnostic per line, the EG id always present.
/// The github form is a contract with the GitHub Action: one workflow command per line, file paths
/// relative to <paramref name="workspace"/> (default: $GITHUB_WORKSPACE, else the current folder).
/// </summary>
internal sealed partial class DiagnosticLines(DiagnosticsFormat format, ConfigPositions positions, string? workspace = null)
{
    /// <summary>A configuration file that does not load (its errors carry file:line:col).</summary>
    public const string ConfigurationErrorId = "EG2020";

    /// <summary>A usage or tool error that has no EG id of its own (bad option, unreadable file, internal error).</summary>
    public const string ToolErrorId = "EG2021";

    /// <summary>Where a diagnostic with no file position says it comes from.</summary>
    private const string Origin = "energygate";

    public static DiagnosticLines Text { get; } = new(DiagnosticsFormat.Text, ConfigPositions.None);

    public DiagnosticsFormat Format => format;

    /// <summary>One line for <paramref name="finding"/>.</summary>
    public string Finding(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var level = finding.Level.ToString().ToLowerInvariant();
        var subject = $"{finding.Cell}{(finding.Metric is null ? "" : " " + finding.Metric)}";
        // Core's messages are written to stand alone in the report, so most start with the cell;
        // the subject already names it.
        var cellPrefix = $"{finding.Cell}: ";
        var message = finding.Message.StartsWith(cellPrefix, StringComparison.Ordinal) ? finding.Message[cellPrefix.Length..] : finding.Message;
        if (format == DiagnosticsFormat.Text || finding.Level == FindingLevel.Notice)
        {
            // Notices (improvements, acknowledged regressions) are for the record, not the error list
            // (nor GitHub's annotations, which would fill a pull request's diff with good news).
            return string.Create(CultureInfo.InvariantCulture, $"{level} {finding.Id}: {subject}: {message}");
        }
        // A breached budget points at the limit that was broken, which is what to look at (or raise).
        var at = (finding.Id == FindingIds.BudgetExceeded && finding.Metric is { } metric ? positions.ForBudget(finding.Cell, metric) : null)
            ?? positions.ForCell(finding.Cell);
        return Line(at, level, finding.Id, $"{subject}: {message}");
    }

    /// <summary>The lines that report <paramref name="message"/>, the text <see cref="ExitCodes"/> made for <paramref name="exception"/>.</summary>
    public IEnumerable<string> Error(Exception exception, string message)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (format == DiagnosticsFormat.Text)
        {
            return [message];
        }
        if (exception is ConfigurationException configuration)
        {
            return configuration.Errors.Select(e => Line(
                e.Line > 0 ? new ConfigLocation(e.File, e.Line, e.Column) : null,
                "error", ConfigurationErrorId, e.Path.Length > 0 ? $"{e.Path}: {e.Message}" : e.Message, e.Line > 0 ? null : e.File));
        }
        return [UsageError(message)];
    }

    /// <summary>A usage or tool error with no position; its own EG id is kept when the message starts with one.</summary>
    public string UsageError(string message)
    {
        if (format == DiagnosticsFormat.Text)
        {
            return message;
        }
        var text = message.StartsWith(Origin + ": ", StringComparison.Ordinal) ? message[(Origin.Length + 2)..] : message;
        text = text.StartsWith("error: ", StringComparison.Ordinal) ? text["error: ".Length..] : text;
        var own = OwnId().Match(text);
        return own.Success
            ? Line(null, "error", own.Groups["id"].Value, own.Groups["text"].Value)
            : Line(null, "error", ToolErrorId, text);
    }

    private string Line(ConfigLocation? at, string level, string id, string text, string? file = null) =>
        format == DiagnosticsFormat.Github ? GitHubCommand.Format(at, level, id, text, file, workspace) : Canonical(at, level, id, text, file);

    private static string Canonical(ConfigLocation? at, string level, string id, string text, string? file = null)
    {
        var origin = at is not null
            ? string.Create(CultureInfo.InvariantCulture, $"{Path.GetFullPath(at.File)}({at.Line},{at.Column})")
            : file is not null ? Path.GetFullPath(file) : Origin;
        // One diagnostic per line: a reader splits on newlines.
        var oneLine = text.ReplaceLineEndings(" ");
        return $"{origin}: {level} {id}: {oneLine}";
    }

    [GeneratedRegex(@"^(?<id>EG\d{4}): (?<text>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex OwnId();
}
