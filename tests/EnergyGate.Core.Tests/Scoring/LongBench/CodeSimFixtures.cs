using System.Text.Json;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Scoring.LongBench;

/// <summary>
/// tests/TestData/longbench/code_sim_fixtures.json, made by make_code_sim_fixtures.py with the real
/// fuzzywuzzy + python-Levenshtein + numpy running LongBench's own metric and eval code.
/// </summary>
internal static class CodeSimFixtures
{
    public static readonly string File = Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "longbench", "code_sim_fixtures.json");

    // Declared before Document: static initializers run in text order.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static FixtureDocument Document { get; } = Load();

    private static FixtureDocument Load()
    {
        using var stream = System.IO.File.OpenRead(File);
        return JsonSerializer.Deserialize<FixtureDocument>(stream, Options)!;
    }
}

internal sealed record FixtureDocument(
    List<SampleRow> Samples, List<RatioRow> Ratios, List<TaskRow> Tasks, List<AggregateRow> Aggregates, List<RoundingRow> Roundings);

internal sealed record SampleRow(string Pred, List<string> Answers, double Length, double Score);

internal sealed record RatioRow(string A, string B, int Ratio);

internal sealed record TaskRow(int Count, double TaskScore, Dictionary<string, double?> EScores);

internal sealed record AggregateRow(
    List<double> Scores, List<double> Lengths, double PythonSum, double NumpySum, double NumpyMean, double TaskScore, Dictionary<string, double?> EScores);

internal sealed record RoundingRow(double X, double Python, double Numpy);
