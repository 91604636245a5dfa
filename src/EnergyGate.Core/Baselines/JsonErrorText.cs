using System.Text.Json;
using System.Text.RegularExpressions;

namespace EnergyGate.Core.Baselines;

/// <summary>Rewrites System.Text.Json's messages (which name .NET types) in the file's own terms.</summary>
internal static partial class JsonErrorText
{
    /// <summary>"line L, byte B ($.path): ", 1-based as editors count; empty when the position is unknown.</summary>
    public static string Where(JsonException e) =>
        e.LineNumber is { } line
            ? $"line {line + 1}, byte {e.BytePositionInLine + 1}{(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" ({e.Path})")}: "
            : "";

    /// <summary>What is wrong, as one sentence ending in a period.</summary>
    public static string What(JsonException e)
    {
        var message = e.Message;
        var text = message switch
        {
            _ when Missing().Match(message) is { Success: true } m => $"required member {m.Groups[1].Value} is missing.",
            _ when message.Contains("doesn't allow null", StringComparison.Ordinal) => "null is not allowed here.",
            // STJ refuses what does not fit a finite double (1e999, "NaN") with the same message as a string.
            _ when message.Contains("converted to System.Double", StringComparison.Ordinal) => "expected a number, and a finite one (NaN, Infinity and numbers beyond a double's range such as 1e999 are not measurements).",
            _ when message.Contains("converted to System.Int32", StringComparison.Ordinal) => "expected a whole number.",
            _ when message.Contains("converted to System.Boolean", StringComparison.Ordinal) => "expected true or false.",
            _ when message.Contains("converted to System.String", StringComparison.Ordinal) => "expected a string.",
            _ when e.Path?.Contains("meter_kind", StringComparison.Ordinal) == true || e.Path?.Contains("energy_kinds", StringComparison.Ordinal) == true
                => "expected one of measured, integrated, attributed, estimated.",
            _ when message.Contains("could not be converted", StringComparison.Ordinal) => "the value has the wrong type.",
            _ => Trailer().Replace(message, "").Trim(),
        };
        return text.EndsWith('.') ? text : text + ".";
    }

    [GeneratedRegex(@"missing required properties including: ('[^']+'(?:, '[^']+')*)")]
    private static partial Regex Missing();

    // Both the serializer and the reader append their own position, which Where already says.
    [GeneratedRegex(@"\s*(Path: .*|LineNumber: .*)$")]
    private static partial Regex Trailer();
}
