using System.Text.Json;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Reporting;
using static EnergyGate.Core.Tests.Gating.GateFixtures;

namespace EnergyGate.Core.Tests.Reporting;

public sealed class BatchSweepTests
{
    private static readonly CellKey Onnx = Cell with { Provider = "cpu" };

    /// <summary>A cell at one batch size: J/problem falls with the batch, tokens/s per sequence too, the batch's rises.</summary>
    private static CellRecord At(string runtime, int seed, double joules, double perSequence, double? batch)
    {
        var record = Record(seed, joules, 0.01, cell: Onnx with { Runtime = runtime });
        var metrics = new Dictionary<string, IReadOnlyList<double>>(record.Measurements.Metrics)
        {
            [MetricIds.TokensPerSecond] = [.. Enumerable.Repeat(perSequence, 10)],
            [MetricIds.TtftSeconds] = [.. Enumerable.Repeat(0.01, 10)],
        };
        if (batch is { } b)
        {
            metrics[MetricIds.BatchTokensPerSecond] = [.. Enumerable.Repeat(b, 10)];
        }
        return record with { Measurements = record.Measurements with { Metrics = metrics } };
    }

    internal static GateResult Sweep() => Gate.Evaluate(Baseline(), Candidate(
        At("onnx", 1, 100, 1000, null),
        At("onnx+cb4", 2, 40, 700, 2600),
        At("onnx+cb16", 3, 25, 300, 4500)), GatePolicy.Default, Today);

    [Fact]
    public void Batch_sizes_of_one_runtime_are_a_table_in_order_with_the_ratio_to_the_smallest_and_a_chart()
    {
        var markdown = MarkdownReport.Render(Sweep());

        Assert.Contains("### Batch sizes side by side", markdown, StringComparison.Ordinal);
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| 1 |", StringComparison.Ordinal) || l.StartsWith("| 4 (", StringComparison.Ordinal) || l.StartsWith("| 16 (", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("| 1 |", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("| 4 (continuous) |", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("| 16 (continuous) |", rows[2], StringComparison.Ordinal);
        Assert.EndsWith("| 1.00x |", rows[0], StringComparison.Ordinal);
        // 25 J against 100 J per problem at the same tokens: a quarter of batch 1's J/token.
        Assert.Matches(@"\| 0\.2\dx \|$", rows[2]);
        Assert.Contains(" 4500 tokens/s", rows[2], StringComparison.Ordinal);
        Assert.Contains("```mermaid\nxychart-beta\n", markdown, StringComparison.Ordinal);
        Assert.Contains("x-axis [\"1\", \"4\", \"16\"]", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_report_draws_a_bar_per_batch_size_and_the_json_lists_the_rows()
    {
        var result = Sweep();
        var html = HtmlReport.Render(result);
        Assert.Contains("Decode J/token by batch size", html, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(html, ">batch [^<]+</text>"));

        using var json = JsonDocument.Parse(JsonReport.Render(result));
        var batching = json.RootElement.GetProperty("batching").EnumerateArray().Single();
        Assert.Equal("onnx", batching.GetProperty("runtime").GetString());
        Assert.Equal([1, 4, 16], batching.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("batch_size").GetInt32()));
        Assert.Equal(4500, batching.GetProperty("rows")[2].GetProperty("batch_tokens_per_second").GetDouble());
    }

    [Fact]
    public void No_section_without_two_batch_sizes_of_one_runtime()
    {
        var result = Gate.Evaluate(Baseline(), Candidate(At("onnx+cb4", 2, 40, 700, 2600), At("torch", 1, 100, 1000, null)), GatePolicy.Default, Today);
        Assert.DoesNotContain("Batch sizes side by side", MarkdownReport.Render(result), StringComparison.Ordinal);
        Assert.Empty(BatchSweep.Groups(result));
    }

    [Theory]
    [InlineData("onnx", "onnx", 1, false)]
    [InlineData("onnx+cb4", "onnx", 4, true)]
    [InlineData("torch-bf16+b16", "torch-bf16", 16, false)]
    [InlineData("my+runtime", "my+runtime", 1, false)]
    [InlineData("x+b1", "x+b1", 1, false)]
    public void A_runtime_part_splits_into_its_label_and_batch(string part, string runtime, int size, bool continuous)
    {
        var (label, batch) = RunCell.SplitBatch(part);
        Assert.Equal(runtime, label);
        Assert.Equal(size, batch.BatchSize);
        Assert.Equal(continuous, batch.Continuous);
    }
}
