using EnergyGate.Core.Baselines;

namespace EnergyGate.Core.Tests.Baselines;

/// <summary>Every way a baseline file can be broken, and what the user is told.</summary>
public sealed class MalformedBaselineTests
{
    private static string Valid => BaselineJson.Serialize(SampleDocuments.Document());

    private static string ErrorFor(string json) =>
        Assert.Throws<BaselineFormatException>(() => BaselineJson.Parse(json, "baselines/h/m/onnx-cuda.measured.ci.json")).Message;

    [Fact]
    public void Truncated_json_names_the_file_and_line()
    {
        var lines = Valid.Split('\n');
        var message = ErrorFor(string.Join('\n', lines.Take(10)));
        Assert.StartsWith("baselines/h/m/onnx-cuda.measured.ci.json: line ", message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", message, StringComparison.Ordinal);
        Assert.Contains("truncated", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_conflict_markers_point_at_their_line()
    {
        var json = Valid.Replace("  \"commit\": \"3f2a1b9c\",", "<<<<<<< HEAD\n  \"commit\": \"3f2a1b9c\",", StringComparison.Ordinal);
        var message = ErrorFor(json);
        Assert.Contains("line 4, byte 1", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_schema_version_says_to_update_the_tool()
    {
        var message = ErrorFor(Valid.Replace("\"schema_version\": 2", "\"schema_version\": 3", StringComparison.Ordinal));
        Assert.Contains("schema version 3 is not supported; expected 1 or 2", message, StringComparison.Ordinal);
        Assert.Contains("dotnet tool update", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_older_schema_version_says_to_recreate_the_baseline()
    {
        var message = ErrorFor(Valid.Replace("\"schema_version\": 2", "\"schema_version\": 0", StringComparison.Ordinal));
        Assert.Contains("expected 1 or 2", message, StringComparison.Ordinal);
        Assert.Contains("baseline update", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_schema_version_says_it_is_not_a_baseline() =>
        Assert.Contains("no numeric \"schema_version\"", ErrorFor("{\"cells\": []}"), StringComparison.Ordinal);

    [Fact]
    public void A_top_level_array_is_rejected() =>
        Assert.Contains("expected a JSON object", ErrorFor("[1, 2]"), StringComparison.Ordinal);

    [Fact]
    public void A_string_where_numbers_belong_names_the_path_and_line()
    {
        var line = Array.FindIndex(Valid.Split('\n'), l => l.Contains("120.5,", StringComparison.Ordinal)) + 1;
        var message = ErrorFor(Valid.Replace("120.5,", "\"120.5\",", StringComparison.Ordinal));
        Assert.Contains("$.cells[0].measurements.metrics.joules_per_problem[0]", message, StringComparison.Ordinal);
        Assert.Contains("expected a number", message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Double", message, StringComparison.Ordinal);
        Assert.Contains($"line {line}, byte ", message, StringComparison.Ordinal);
        Assert.Contains("baseline update", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_member_is_named()
    {
        var message = ErrorFor(Valid.Replace("\"commit\": \"3f2a1b9c\",", "", StringComparison.Ordinal));
        Assert.Contains("required member 'commit' is missing", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_meter_kind_lists_the_valid_ones() =>
        Assert.Contains("($.fingerprint.meter_kind): not a valid baseline document: expected one of measured, integrated, attributed, estimated.",
            ErrorFor(Valid.Replace("\"measured\"", "\"guessed\"", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Null_where_a_string_belongs_is_rejected() =>
        Assert.Contains("($.fingerprint.cpu_model): not a valid baseline document: null is not allowed here.",
            ErrorFor(Valid.Replace("\"AMD EPYC 7R32\"", "null", StringComparison.Ordinal)), StringComparison.Ordinal);
}
