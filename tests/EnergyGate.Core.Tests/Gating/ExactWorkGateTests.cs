using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Core.Tests.TestSupport;
using EnergyGate.Core.Work;

namespace EnergyGate.Core.Tests.Gating;

/// <summary>
/// The exact work gate on one run per side. Samples are built the way RunExecutor records them: the
/// built-in tiny model's shape read from its config.json, token counts of four problems (prompts of
/// 40-70 tokens, 30-60 generated), and the energy fields at zero since work never reads them.
/// </summary>
public sealed class ExactWorkGateTests
{
    private const string Greedy = """{"MaxNewTokens":256,"Temperature":0,"TopK":0,"TopP":1,"Seed":0}""";
    private const string Sampled = """{"MaxNewTokens":256,"Temperature":0.8,"TopK":0,"TopP":1,"Seed":0}""";
    private static readonly int[] Prompts = [40, 52, 61, 70];
    private static readonly int[] Generated = [30, 45, 38, 60];

    [Fact]
    public void A_and_A_is_never_a_finding()
    {
        var shape = Shape(layers: 10);
        var result = Evaluate(Cell(shape, Prompts, Generated), Cell(shape, Prompts, Generated));

        Assert.DoesNotContain(result.Findings, f => f.Id is FindingIds.WorkIncreased or FindingIds.WorkDecreased);
        Assert.Contains(result.Cells[0].Metrics, m => m.Metric == MetricIds.DecodeFlops && m.Ratio.Estimate == 1);
    }

    [Fact]
    public void Ten_percent_more_layers_is_caught_with_the_exact_before_and_after()
    {
        var result = Evaluate(Cell(Shape(layers: 10), Prompts, Generated), Cell(Shape(layers: 11), Prompts, Generated));

        var finding = Assert.Single(result.Findings, f => f.Id == FindingIds.WorkIncreased && f.Metric == MetricIds.DecodeFlops);
        Assert.Equal(FindingLevel.Error, finding.Level);
        Assert.Contains("->", finding.Message, StringComparison.Ordinal);
        Assert.Equal(GateVerdict.Regression, result.Verdict);
        Assert.DoesNotContain(result.Findings, f => f.Metric == MetricIds.GeneratedTokens);
    }

    [Fact]
    public void A_prompt_that_adds_tokens_is_caught_in_prefill()
    {
        var shape = Shape(layers: 10);
        var result = Evaluate(Cell(shape, Prompts, Generated), Cell(shape, [.. Prompts.Select(p => p + 6)], Generated));

        Assert.Contains(result.Findings, f => f.Id == FindingIds.WorkIncreased && f.Metric == MetricIds.PrefillFlops);
    }

    [Fact]
    public void Suppression_switched_off_is_caught_as_more_tokens()
    {
        var shape = Shape(layers: 10);
        // Without stop words the model babbles on to max_new_tokens.
        var result = Evaluate(Cell(shape, Prompts, Generated), Cell(shape, Prompts, [256, 256, 256, 256]));

        Assert.Contains(result.Findings, f => f.Id == FindingIds.WorkIncreased && f.Metric == MetricIds.GeneratedTokens);
        Assert.Contains(result.Findings, f => f.Id == FindingIds.WorkIncreased && f.Metric == MetricIds.DecodeFlops);
    }

    [Fact]
    public void Work_is_compared_across_machine_classes()
    {
        var other = new EnvironmentFingerprint("other-box", "Intel Xeon", null, MeterKind.Estimated, new Dictionary<string, string>());
        var result = Gate.Evaluate(GateFixtures.Baseline(Cell(Shape(10), Prompts, Generated)),
            GateFixtures.Candidate(other, Cell(Shape(11), Prompts, Generated)), GatePolicy.Default, GateFixtures.Today);

        Assert.Equal(CellStatus.Incomparable, result.Cells[0].Status);
        Assert.Contains(result.Findings, f => f.Id == FindingIds.WorkIncreased);
        Assert.DoesNotContain(result.Cells[0].Metrics, m => m.Metric == MetricIds.JoulesPerProblem);
    }

    [Fact]
    public void Sampled_decoding_is_not_compared_exactly_and_a_change_within_tolerance_passes()
    {
        var shape = Shape(layers: 10);
        var sampled = Evaluate(Cell(shape, Prompts, Generated, Sampled), Cell(Shape(11), Prompts, Generated, Sampled));
        var tolerated = Gate.Evaluate(GateFixtures.Baseline(Cell(Shape(10), Prompts, Generated)), GateFixtures.Candidate(Cell(Shape(11), Prompts, Generated)),
            GatePolicy.Default with { WorkTolerance = 0.2 }, GateFixtures.Today);

        Assert.DoesNotContain(sampled.Findings, f => f.Id == FindingIds.WorkIncreased);
        Assert.DoesNotContain(tolerated.Findings, f => f.Id == FindingIds.WorkIncreased);
    }

    private static GateResult Evaluate(CellRecord baseline, CellRecord candidate) =>
        Gate.Evaluate(GateFixtures.Baseline(baseline), GateFixtures.Candidate(candidate), GatePolicy.Default, GateFixtures.Today);

    private static WorkShape Shape(int layers)
    {
        using var dir = new TempDir();
        TinyModelWriter.Write(dir.Path, new TinyModelSpec(Layers: layers, Hidden: 64, Heads: 4, Vocab: 512));
        return WorkShapeReader.Read(dir.Path)!;
    }

    private static CellRecord Cell(WorkShape shape, int[] prompts, int[] generated, string decoding = Greedy)
    {
        var samples = prompts.Select((p, i) => new SampleRecord
        {
            Cell = GateFixtures.Cell.ToString(), Repetition = 0, TaskId = $"HumanEval/{i}", SampleIndex = 0,
            PromptTokens = p, GeneratedTokens = generated[i], StopReason = "StopString", PrefillSeconds = 0, TtftSeconds = 0,
            DecodeSeconds = 0, PrefillJoules = 0, DecodeJoules = 0, EnergyKind = "Estimated", Domains = [], Completion = "",
        }.WithWork(shape)).ToList<JournalRecord>();
        var summary = Assert.Single(RunSummarizer.Summarize(samples, new Dictionary<string, IReadOnlyList<int>>()));
        return new CellRecord(GateFixtures.Cell,
            new UnderTest(new Dictionary<string, string> { [UnderTest.ModelSha256] = "aaaa", [UnderTest.Decoding] = decoding }),
            CellMeasurements.OfMetrics(summary.Metrics.ToDictionary(m => m.Key, m => (IReadOnlyList<double>)m.Value)));
    }
}
