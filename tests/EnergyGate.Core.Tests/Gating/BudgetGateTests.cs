using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Reporting;
using static EnergyGate.Core.Tests.Gating.GateFixtures;

namespace EnergyGate.Core.Tests.Gating;

/// <summary>
/// Absolute budgets (<c>gate.budgets</c>, EG1015) on synthetic candidates: every repetition of a cell
/// carries the same figure, so each median is known exactly and nothing here is measured.
/// </summary>
public sealed class BudgetGateTests
{
    private static readonly CellKey OnnxCpu = new("humaneval", "tiny-coder", "onnx", "cpu");
    private static readonly CellKey OnnxCuda = new("humaneval", "tiny-coder", "onnx", "cuda");
    private static readonly CellKey TorchCpu = new("humaneval", "tiny-coder", "torch", "cpu");

    /// <summary>A cell whose decode J/token is <paramref name="perToken"/> in each of 5 repetitions (median exactly that).</summary>
    private static CellRecord Steady(CellKey cell, double perToken, IReadOnlyDictionary<string, IReadOnlyList<bool>>? outcomes = null)
    {
        var metrics = new Dictionary<string, IReadOnlyList<double>>
        {
            [MetricIds.DecodeJoulesPerToken] = [perToken * 0.9, perToken, perToken, perToken * 1.1, perToken],
            [MetricIds.JoulesPerProblem] = [.. Enumerable.Repeat(perToken * 250, 5)],
            [MetricIds.TokensPerSecond] = [.. Enumerable.Repeat(40.0, 5)],
        };
        return new CellRecord(cell, new UnderTest(new Dictionary<string, string> { [UnderTest.ModelSha256] = "aaaa" }),
            new CellMeasurements(metrics, outcomes ?? new Dictionary<string, IReadOnlyList<bool>>(), new Dictionary<string, double>(), new Dictionary<string, MeterKind>()));
    }

    private static GatePolicy Budgets(params Budget[] budgets) => GatePolicy.Default with { Budgets = budgets };

    private static Budget AtMost(string cell, string metric, double value) => new(cell, [new BudgetLimit(metric, BudgetBound.AtMost, value)]);

    private static GateResult Evaluate(GatePolicy policy, BaselineSet baseline, params CellRecord[] cells) =>
        Gate.Evaluate(baseline, Candidate(cells), policy, Today);

    [Fact]
    public void A_breach_without_a_baseline_fails_with_EG1015_and_exit_code_1()
    {
        var policy = Budgets(AtMost("*", MetricIds.DecodeJoulesPerToken, 0.004));

        var result = Evaluate(policy, BaselineSet.Empty, Steady(OnnxCpu, 0.005));

        var breach = Assert.Single(result.Findings, f => f.Id == FindingIds.BudgetExceeded);
        Assert.Equal((FindingLevel.Error, OnnxCpu, MetricIds.DecodeJoulesPerToken), (breach.Level, breach.Cell, breach.Metric));
        Assert.Equal($"{OnnxCpu}: decode_joules_per_token 0.005 J/token exceeds its budget <= 0.004 J/token (gate.budgets[0])", breach.Message);
        Assert.Contains(result.Findings, f => f.Id == FindingIds.NoBaseline);
        Assert.Equal(GateVerdict.Regression, result.Verdict);
        Assert.Equal(GateExitCode.Regression, Gate.ExitCodeFor(result.Verdict, policy));
        Assert.Equal("Budget breached in 1 of 1 cell", VerdictLine.For(result));
        var check = Assert.Single(result.Budgets);
        Assert.Equal(new BudgetCheck(0, "*", OnnxCpu, policy.Budgets[0].Limits[0], 0.005, BudgetStatus.Breached), check);
    }

    [Fact]
    public void Within_budget_there_is_no_finding_but_the_table_has_the_median()
    {
        var result = Evaluate(Budgets(AtMost("*", MetricIds.DecodeJoulesPerToken, 0.005)), BaselineSet.Empty, Steady(OnnxCpu, 0.005));

        Assert.DoesNotContain(result.Findings, f => f.Id is FindingIds.BudgetExceeded or FindingIds.MetricMissing);
        Assert.Equal(GateVerdict.Warning, result.Verdict);   // only the missing baseline (EG1005)
        var check = Assert.Single(result.Budgets);
        Assert.Equal((BudgetStatus.Within, 0.005), (check.Status, check.Measured));   // the limit itself is within
    }

    [Fact]
    public void A_breach_fails_a_cell_whose_comparison_with_its_baseline_found_nothing()
    {
        var policy = Budgets(AtMost("humaneval/*/onnx/cpu", MetricIds.JoulesPerProblem, 1.0));

        var result = Evaluate(policy, Baseline(Steady(OnnxCpu, 0.005)), Steady(OnnxCpu, 0.005));

        Assert.Equal(CellStatus.Compared, result.Cells[0].Status);
        Assert.DoesNotContain(result.Findings, f => f.Id is FindingIds.Regression or FindingIds.Warning);
        Assert.Equal(FindingIds.BudgetExceeded, Assert.Single(result.Findings).Id);
        Assert.Equal(GateVerdict.Regression, result.Verdict);
    }

    [Fact]
    public void An_incomparable_cell_is_still_held_to_its_budget()
    {
        var baseline = Baseline(Machine(gpu: "NVIDIA T4"), Steady(OnnxCpu, 0.005));

        var result = Evaluate(Budgets(AtMost("*", MetricIds.DecodeJoulesPerToken, 0.001)), baseline, Steady(OnnxCpu, 0.005));

        Assert.Equal(CellStatus.Incomparable, result.Cells[0].Status);
        Assert.Contains(result.Findings, f => f.Id == FindingIds.BudgetExceeded);
        Assert.Equal(GateVerdict.Regression, result.Verdict);
    }

    [Fact]
    public void Pass_at_1_is_held_at_least_its_limit_over_the_cells_tasks()
    {
        // 3 of 10 tasks solved: pass@1 0.3.
        var cell = Steady(OnnxCpu, 0.005, Outcomes(10, 3));
        var atLeast = (double limit) => Budgets(new Budget("*", [new BudgetLimit(BudgetMetrics.PassAt1, BudgetMetrics.NaturalBound(BudgetMetrics.PassAt1), limit)]));

        var short_ = Evaluate(atLeast(0.5), BaselineSet.Empty, cell);
        var enough = Evaluate(atLeast(0.3), BaselineSet.Empty, cell);

        Assert.Equal(BudgetBound.AtLeast, BudgetMetrics.NaturalBound(BudgetMetrics.PassAt1));
        var breach = Assert.Single(short_.Findings, f => f.Id == FindingIds.BudgetExceeded);
        Assert.Equal($"{OnnxCpu}: pass@1 0.3 falls short of its budget >= 0.5 (gate.budgets[0])", breach.Message);
        Assert.Equal(GateVerdict.Regression, short_.Verdict);
        Assert.Equal((BudgetStatus.Within, 0.3), (Assert.Single(enough.Budgets).Status, Assert.Single(enough.Budgets).Measured));
        Assert.NotEqual(GateVerdict.Regression, enough.Verdict);
    }

    [Fact]
    public void A_bare_number_bounds_the_worse_side_and_an_explicit_comparison_the_side_it_names()
    {
        Assert.Equal(BudgetBound.AtMost, BudgetMetrics.NaturalBound(MetricIds.DecodeJoules));
        Assert.Equal(BudgetBound.AtLeast, BudgetMetrics.NaturalBound(MetricIds.TokensPerSecond));
        Assert.Equal(BudgetBound.AtLeast, BudgetMetrics.NaturalBound(BudgetMetrics.CodeSim));

        // "at least 0.006 J/token": unusual (a floor on energy) but written out, so honoured.
        var floor = Budgets(new Budget("*", [new BudgetLimit(MetricIds.DecodeJoulesPerToken, BudgetBound.AtLeast, 0.006)]));
        var result = Evaluate(floor, BaselineSet.Empty, Steady(OnnxCpu, 0.005));

        Assert.Equal(BudgetStatus.Breached, Assert.Single(result.Budgets).Status);
        Assert.Equal(GateVerdict.Regression, result.Verdict);
    }

    [Fact]
    public void A_pattern_holds_every_cell_it_matches_and_only_those()
    {
        var policy = Budgets(
            new Budget("humaneval/*/onnx/*", [new BudgetLimit(MetricIds.DecodeJoulesPerToken, BudgetBound.AtMost, 0.004), new BudgetLimit(MetricIds.TokensPerSecond, BudgetBound.AtLeast, 30)]),
            AtMost("lcc/*/*/*", MetricIds.DecodeJoulesPerToken, 0.001));

        var result = Evaluate(policy, BaselineSet.Empty, Steady(TorchCpu, 0.009), Steady(OnnxCuda, 0.002), Steady(OnnxCpu, 0.005));

        Assert.Equal(
            [
                (0, OnnxCpu.ToString(), MetricIds.DecodeJoulesPerToken, BudgetStatus.Breached),
                (0, OnnxCuda.ToString(), MetricIds.DecodeJoulesPerToken, BudgetStatus.Within),
                (0, OnnxCpu.ToString(), MetricIds.TokensPerSecond, BudgetStatus.Within),
                (0, OnnxCuda.ToString(), MetricIds.TokensPerSecond, BudgetStatus.Within),
                (1, "-", MetricIds.DecodeJoulesPerToken, BudgetStatus.NoMatchingCell),
            ],
            result.Budgets.Select(b => (b.Budget, b.Cell?.ToString() ?? "-", b.Limit.Metric, b.Status)));
        Assert.Equal(OnnxCpu, Assert.Single(result.Findings, f => f.Id == FindingIds.BudgetExceeded).Cell);   // torch/cpu (0.009) is not matched
        Assert.Equal("Budget breached in 1 of 3 cells", VerdictLine.For(result));
    }

    [Fact]
    public void A_figure_the_cell_lacks_is_a_warning_that_the_budget_was_not_checked()
    {
        var result = Evaluate(Budgets(new Budget("*", [new BudgetLimit(BudgetMetrics.PassAt1, BudgetBound.AtLeast, 0.5)])), Baseline(Steady(OnnxCpu, 0.005)), Steady(OnnxCpu, 0.005));

        var finding = Assert.Single(result.Findings);
        Assert.Equal((FindingIds.MetricMissing, FindingLevel.Warning, BudgetMetrics.PassAt1), (finding.Id, finding.Level, finding.Metric));
        Assert.Equal($"{OnnxCpu}: budget pass@1 >= 0.5 (gate.budgets[0]) not checked: pass@1 comes from scored code-generation samples (an understanding suite has code_sim instead)", finding.Message);
        Assert.Equal((BudgetStatus.NotMeasured, (double?)null), (result.Budgets[0].Status, result.Budgets[0].Measured));
        Assert.Equal(GateVerdict.Warning, result.Verdict);
    }

    [Fact]
    public void An_incomplete_cell_is_not_held_to_a_partial_median()
    {
        var candidate = Candidate(Steady(OnnxCpu, 0.009)) with { Incomplete = [new CellCompleteness(OnnxCpu, 40, 12, 12, "run.jsonl")] };

        var result = Gate.Evaluate(BaselineSet.Empty, candidate, Budgets(AtMost("*", MetricIds.DecodeJoulesPerToken, 0.004)), Today);

        Assert.DoesNotContain(result.Findings, f => f.Id == FindingIds.BudgetExceeded);
        Assert.Equal(BudgetStatus.Incomplete, Assert.Single(result.Budgets).Status);
        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
    }

    [Fact]
    public void Fail_on_never_reports_the_breach_but_exits_0_and_acknowledgements_do_not_cover_it()
    {
        var policy = Budgets(AtMost("*", MetricIds.DecodeJoulesPerToken, 0.004)) with
        {
            FailOn = FailOn.Never,
            Acknowledgements = [new Acknowledgement("*", "*", "accepted elsewhere", Today.AddDays(30))],
        };

        var result = Evaluate(policy, BaselineSet.Empty, Steady(OnnxCpu, 0.005));

        Assert.Contains(result.Findings, f => f.Id == FindingIds.BudgetExceeded);
        Assert.DoesNotContain(result.Findings, f => f.Id == FindingIds.Acknowledged);
        Assert.Equal(GateVerdict.Regression, result.Verdict);
        Assert.Equal(GateExitCode.Pass, Gate.ExitCodeFor(result.Verdict, policy));
    }

    [Fact]
    public void A_policy_with_an_unusable_budget_is_refused()
    {
        Assert.Equal(["budgets[0] has no limit"], Budgets(new Budget("*", [])).Validate());
        Assert.Equal(["budgets[0]: 'pass@5' is not a metric a budget can limit"], Budgets(AtMost("*", "pass@5", 1)).Validate());
        Assert.Equal(["budgets[0]: the limit of pass@1 must be from 0 to 1 (found 60)"], Budgets(AtMost("*", BudgetMetrics.PassAt1, 60)).Validate());
        Assert.Throws<ArgumentException>(() => Evaluate(Budgets(AtMost("*", MetricIds.DecodeJoules, double.NaN)), BaselineSet.Empty, Steady(OnnxCpu, 0.005)));
    }
}
