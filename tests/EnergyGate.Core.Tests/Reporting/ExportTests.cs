using System.Text.Json;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Reporting.Exports;
using EnergyGate.Core.Statistics;
using static EnergyGate.Core.Tests.Gating.GateFixtures;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>
/// The github-action-benchmark and Bencher exports on a hand-made result: one cell with six
/// repetitions of energy (an interval), three of throughput (none) and four tasks; one whose energy
/// was not measured; one incomplete. Every number is chosen, none measured.
/// </summary>
public sealed class ExportTests
{
    private static readonly CellKey Full = new("humaneval", "tiny", "onnx", "cpu");
    private static readonly CellKey Served = new("humaneval", "tiny", "openai", "http");
    private static readonly CellKey Stopped = new("humaneval", "tiny", "torch", "cpu");

    internal static GateResult Result()
    {
        var full = new CellRecord(Full, UnderTest.Empty, new CellMeasurements(
            new Dictionary<string, IReadOnlyList<double>>
            {
                [MetricIds.TokensPerSecond] = [120, 100, 110],
                [MetricIds.JoulesPerProblem] = [15, 10, 12, 11, 14, 13],
            },
            new Dictionary<string, IReadOnlyList<bool>> { ["HumanEval/0"] = [true], ["HumanEval/1"] = [true], ["HumanEval/2"] = [false], ["HumanEval/3"] = [true] },
            new Dictionary<string, double>(),
            new Dictionary<string, MeterKind>()));
        var served = new CellRecord(Served, UnderTest.Empty, new CellMeasurements(
            new Dictionary<string, IReadOnlyList<double>>
            {
                [MetricIds.JoulesPerProblem] = [0, 0, 0, 0, 0, 0],
                [MetricIds.GeneratedTokens] = [50, 50, 50, 50, 50, 50],
            },
            new Dictionary<string, IReadOnlyList<bool>>(),
            new Dictionary<string, double>(),
            new Dictionary<string, MeterKind> { [MetricIds.JoulesPerProblem] = MeterKind.NotMeasured }));
        var stopped = Record(3, 100, 0.03, n: 2, cell: Stopped);
        var candidate = Candidate(Machine(), full, served, stopped) with { Incomplete = [new CellCompleteness(Stopped, 20, 4, 4, "run.jsonl")] };
        return Gate.Evaluate(BaselineSet.Empty, candidate, GatePolicy.Default, Today);
    }

    [Fact]
    public void Benchmark_action_smaller_is_better_file_is_exact()
    {
        const string expected = """
            [
              {
                "name": "humaneval/tiny/onnx/cpu joules_per_problem",
                "unit": "J",
                "value": 12.5,
                "range": "± 2.50",
                "extra": "median of 6 repetitions; 95% interval [10.00, 15.00]; Measured"
              },
              {
                "name": "humaneval/tiny/openai/http generated_tokens",
                "unit": "tokens",
                "value": 50,
                "range": "± 0",
                "extra": "median of 6 repetitions; 95% interval [50.00, 50.00]"
              }
            ]

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), BenchmarkActionExport.Render(Result(), MetricDirection.LowerIsBetter));
    }

    [Fact]
    public void Benchmark_action_bigger_is_better_file_has_throughput_and_pass_at_1_without_a_range_it_cannot_back()
    {
        const string expected = """
            [
              {
                "name": "humaneval/tiny/onnx/cpu tokens_per_second",
                "unit": "tokens/s",
                "value": 110,
                "extra": "median of 3 repetitions"
              },
              {
                "name": "humaneval/tiny/onnx/cpu pass_at_1",
                "unit": "share",
                "value": 0.75,
                "extra": "pass@1 over 4 tasks"
              }
            ]

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), BenchmarkActionExport.Render(Result(), MetricDirection.HigherIsBetter));
    }

    [Fact]
    public void Bencher_file_is_exact_bmf()
    {
        const string expected = """
            {
              "humaneval/tiny/onnx/cpu": {
                "joules-per-problem": {
                  "value": 12.5,
                  "lower_value": 10,
                  "upper_value": 15
                },
                "tokens-per-second": {
                  "value": 110
                },
                "pass-at-1": {
                  "value": 0.75
                }
              },
              "humaneval/tiny/openai/http": {
                "generated-tokens": {
                  "value": 50,
                  "lower_value": 50,
                  "upper_value": 50
                }
              }
            }

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), BencherExport.Render(Result()));
    }

    /// <summary>What github-action-benchmark's zod schema accepts: an array of objects with string name, unit, range and extra, numeric value.</summary>
    [Fact]
    public void Benchmark_action_files_round_trip_as_arrays_of_the_actions_entries()
    {
        foreach (var direction in new[] { MetricDirection.LowerIsBetter, MetricDirection.HigherIsBetter })
        {
            using var document = JsonDocument.Parse(BenchmarkActionExport.Render(Result(), direction));
            Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
            Assert.NotEqual(0, document.RootElement.GetArrayLength());
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                var names = entry.EnumerateObject().Select(p => p.Name).ToList();
                Assert.Subset(new HashSet<string>(["name", "unit", "value", "range", "extra"]), names.ToHashSet());
                Assert.Equal(JsonValueKind.String, entry.GetProperty("name").ValueKind);
                Assert.Equal(JsonValueKind.String, entry.GetProperty("unit").ValueKind);
                Assert.Equal(JsonValueKind.Number, entry.GetProperty("value").ValueKind);
                Assert.All(names.Where(n => n is "range" or "extra"), n => Assert.Equal(JsonValueKind.String, entry.GetProperty(n).ValueKind));
            }
            var entries = JsonSerializer.Deserialize<List<BenchmarkActionEntry>>(BenchmarkActionExport.Render(Result(), direction), JsonSerializerOptions.Web);
            Assert.Equal(BenchmarkActionExport.Entries(Result(), direction), entries);
        }
    }

    [Fact]
    public void Bencher_file_round_trips_as_nested_dictionaries()
    {
        var document = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, Dictionary<string, double>>>>(BencherExport.Render(Result()))!;
        Assert.Equal(["humaneval/tiny/onnx/cpu", "humaneval/tiny/openai/http"], document.Keys);
        Assert.Equal(new Dictionary<string, double> { ["value"] = 12.5, ["lower_value"] = 10, ["upper_value"] = 15 }, document["humaneval/tiny/onnx/cpu"]["joules-per-problem"]);
        Assert.Equal(new Dictionary<string, double> { ["value"] = 0.75 }, document["humaneval/tiny/onnx/cpu"]["pass-at-1"]);
        Assert.All(document.Values.SelectMany(m => m.Values), metric => Assert.Contains("value", metric.Keys));
    }

    [Theory]
    [InlineData("joules_per_problem", "joules-per-problem")]
    [InlineData("pass_at_1", "pass-at-1")]
    [InlineData("Decode J/token", "decode-j-token")]
    [InlineData("__odd__id__", "odd-id")]
    public void Metric_ids_become_bencher_slugs(string metric, string slug) => Assert.Equal(slug, BencherExport.Slug(metric));

    [Fact]
    public void A_slug_is_at_most_64_characters_and_never_ends_in_a_dash()
    {
        var slug = BencherExport.Slug(new string('a', 63) + "_b");
        Assert.Equal(new string('a', 63), slug);
        Assert.Equal(64, BencherExport.Slug(new string('x', 80)).Length);
    }

    [Theory]
    [InlineData("out/bench.json", "out/bench.bigger.json")]
    [InlineData("bench", "bench.bigger.json")]
    [InlineData("a.b/bench.txt", "a.b/bench.bigger.txt")]
    public void The_bigger_is_better_file_sits_beside_the_export(string path, string bigger) =>
        Assert.Equal(bigger, BenchmarkActionExport.BiggerPath(path));
}
