using EnergyGate.Core.Measurement;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Tests.Scoring;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Tests.Waste.Babbling;

/// <summary>The oracle's short limits with the real sandbox (timeouts 1.5 s there, see <see cref="SandboxFixture"/>).</summary>
public sealed class OracleTimeLimitsTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly CodeProblem AddOne = new(
        "Test/oracle",
        "def add_one(x):\n    \"\"\"Return x + 1.\"\"\"\n",
        "add_one",
        "    return x + 1\n",
        "def check(candidate):\n    assert candidate(1) == 2\n");

    // A factor this small leaves the floor whatever the canonical solution took: exact limits without timing anything.
    private static readonly OracleTimeLimit FloorOnly = new(1e-9, TimeSpan.FromSeconds(0.3));

    [Fact]
    public void A_passing_canonical_solution_is_timed_once_per_problem()
    {
        var limits = new OracleTimeLimits(FloorOnly);
        Assert.Equal(TimeSpan.FromSeconds(0.3), limits.For(AddOne, sandbox.Executor));
        Assert.Equal(TimeSpan.FromSeconds(0.3), limits.For(AddOne, sandbox.Executor));
        Assert.Equal(1, limits.ReferenceRuns);
    }

    [Theory]
    [InlineData("    return x\n")]   // fails its own tests
    [InlineData("")]                 // none given
    public void A_canonical_solution_that_does_not_pass_leaves_the_sample_limit(string canonical)
    {
        var limits = new OracleTimeLimits(FloorOnly);
        Assert.Equal(sandbox.Executor.Options.Timeout, limits.For(AddOne with { CanonicalSolution = canonical }, sandbox.Executor));
    }

    [Fact]
    public async Task Preparing_times_every_problem_once_so_checks_run_no_canonical_solution()
    {
        var limits = new OracleTimeLimits(FloorOnly);
        var other = AddOne with { TaskId = "Test/oracle-2" };
        await limits.PrepareAsync([AddOne, other, AddOne], sandbox.Executor);
        Assert.Equal(2, limits.ReferenceRuns);

        Assert.Equal(TimeSpan.FromSeconds(0.3), limits.For(other, sandbox.Executor));
        Assert.Equal(2, limits.ReferenceRuns);
    }

    [Fact]
    public async Task A_runs_waste_services_time_only_the_problems_of_test_oracle_cells()
    {
        CellInputs Cell(SuppressionStrategy strategy, CodeProblem problem) =>
            new([problem], "/m", new EnergyGate.Core.Tests.Generation.Fakes.ByteTokenizer(), null!, new EnergyGate.Core.Generation.GenerationSettings()) { Suppression = strategy };
        var oracleCell = Cell(SuppressionStrategy.TestOracle, AddOne);
        var syntaxCell = Cell(SuppressionStrategy.Syntax, AddOne with { TaskId = "Test/syntax-only" });

        var waste = await WasteServices.PrepareAsync(null, sandbox.Executor, FloorOnly, [oracleCell, syntaxCell]);
        Assert.Equal(1, waste.OracleLimits.ReferenceRuns);
        Assert.Equal(FloorOnly, waste.OracleLimits.Policy);

        var noSandbox = await WasteServices.PrepareAsync(null, null, FloorOnly, [oracleCell]);
        Assert.Equal(0, noSandbox.OracleLimits.ReferenceRuns);
    }

    [Fact]
    public void No_short_limit_runs_no_canonical_solution()
    {
        var limits = new OracleTimeLimits(OracleTimeLimit.Off);
        Assert.Equal(sandbox.Executor.Options.Timeout, limits.For(AddOne, sandbox.Executor));
        Assert.Equal(0, limits.ReferenceRuns);
    }

    [Fact]
    public void A_check_that_runs_out_of_its_short_limit_is_not_passing_yet()
    {
        var oracle = new TestOracleCriterion(AddOne, sandbox.Executor, limits: new OracleTimeLimits(FloorOnly));
        // An unfinished loop, as a partial completion has it: it would run until killed.
        Assert.Null(oracle.UsefulEnd("    while True:\n        pass\n"));
        Assert.Equal(1, oracle.TimedOut);
        Assert.Equal(AddOne.CanonicalSolution.Length, oracle.UsefulEnd(AddOne.CanonicalSolution));
        Assert.Equal(1, oracle.TimedOut);
        Assert.Equal(2, oracle.SandboxRuns);
    }

    [Fact]
    public async Task A_limit_shorter_than_the_configured_one_is_kept()
    {
        var result = await sandbox.Executor.ExecuteWithLimitAsync(HumanEvalProgram.Build(AddOne, "    while True:\n        pass\n"), TimeSpan.FromSeconds(0.2));
        Assert.Equal(SampleOutcome.TimedOut, result.Outcome);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sandbox.Executor.ExecuteWithLimitAsync("pass\n", TimeSpan.Zero));
    }

    [Fact]
    public void Every_worker_is_started_and_warm_before_the_first_sample()
    {
        // Between samples every supervisor is idle; the fixture asked for two.
        Assert.Equal(2, sandbox.Executor.IdleWorkers);
    }
}
