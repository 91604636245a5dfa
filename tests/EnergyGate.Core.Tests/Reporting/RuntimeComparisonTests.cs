using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Reporting;
using static EnergyGate.Core.Tests.Gating.GateFixtures;

namespace EnergyGate.Core.Tests.Reporting;

public sealed class RuntimeComparisonTests
{
    private static readonly CellKey Onnx = Cell with { Provider = "cpu" };
    private static readonly CellKey Torch = Cell with { Runtime = "torch", Provider = "cpu" };

    [Fact]
    public void Runtimes_of_one_suite_and_model_are_compared_with_the_first_and_an_interval()
    {
        var result = Gate.Evaluate(Baseline(), Candidate(
            Record(1, 40, 0.02, cell: Onnx, outcomes: Outcomes(10, 5)),
            Record(2, 100, 0.02, cell: Torch, outcomes: Outcomes(10, 5))), GatePolicy.Default, Today);

        var markdown = MarkdownReport.Render(result);

        Assert.Contains("### Runtimes side by side", markdown, StringComparison.Ordinal);
        var torchRow = markdown.Split('\n').Single(l => l.StartsWith("| torch/cpu |", StringComparison.Ordinal));
        // 100 J against 40 J per problem: 2.5x, and the interval of two 2 %-noise samples brackets it tightly.
        var ratio = torchRow.Split('|')[^2].Trim();
        Assert.Matches(@"^2\.[45]\dx \[2\.\d\d, 2\.\d\d\]$", ratio);
        Assert.Contains("| 50.0% |", torchRow, StringComparison.Ordinal);
        Assert.Contains("| onnx/cpu |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1.00x |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void No_section_when_every_suite_and_model_ran_on_one_runtime()
    {
        var result = Gate.Evaluate(Baseline(), Candidate(
            Record(1, 40, 0.02, cell: Onnx),
            Record(2, 100, 0.02, cell: Onnx with { Model = "other" })), GatePolicy.Default, Today);

        Assert.DoesNotContain("Runtimes side by side", MarkdownReport.Render(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_repetitions_for_an_interval_say_so()
    {
        var result = Gate.Evaluate(Baseline(), Candidate(
            Record(1, 40, 0.02, n: 3, cell: Onnx),
            Record(2, 100, 0.02, n: 3, cell: Torch)), GatePolicy.Default, Today);

        var torchRow = MarkdownReport.Render(result).Split('\n').Single(l => l.StartsWith("| torch/cpu |", StringComparison.Ordinal));

        Assert.Matches(@"\| 2\.\d\dx \(too few repetitions for an interval\) \|$", torchRow);
    }

    [Fact]
    public void A_named_runtime_entry_is_its_own_row_next_to_the_plain_runtime()
    {
        var result = Gate.Evaluate(Baseline(), Candidate(
            Record(1, 40, 0.02, cell: Torch),
            Record(2, 20, 0.02, cell: Torch with { Runtime = "torch-bf16" })), GatePolicy.Default, Today);

        var rows = MarkdownReport.Render(result).Split('\n').Where(l => l.StartsWith("| torch", StringComparison.Ordinal)).ToList();

        Assert.Equal(["| torch-bf16/cpu |", "| torch/cpu |"], rows.Select(r => r[..(r.IndexOf(" |", 2, StringComparison.Ordinal) + 2)]).Order(StringComparer.Ordinal));
        // 40 J against the named entry's 20 J per problem: the plain runtime's row reads about 2x.
        Assert.Matches(@"\| (1\.9\d|2\.0\d)x \[\d\.\d\d, \d\.\d\d\] \|$", rows.Single(r => r.StartsWith("| torch/cpu |", StringComparison.Ordinal)));
    }
}
