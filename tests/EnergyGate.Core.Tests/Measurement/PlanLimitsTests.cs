using EnergyGate.Core.Configuration;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Tests.Configuration;

namespace EnergyGate.Core.Tests.Measurement;

/// <summary>Absurd plan sizes are refused before anything is allocated per repetition.</summary>
public sealed class PlanLimitsTests
{
    private static ResolvedSettings Settings(int repetitions, int warmup = 1) =>
        new(null, "/cache", "/results", [new SuiteSettings("smoke", null, [1], 1), new SuiteSettings("smoke-lcc", null, [1], 1)], new SandboxOptions())
        {
            Measurement = MeasurementSettings.Default with { Repetitions = repetitions, Warmup = warmup },
        };

    private static ResolvedSettings Resolve(EnergyGateConfig? file = null, Dictionary<string, string?>? env = null, CliOverrides? cli = null) =>
        SettingsResolver.Resolve(file, env ?? [], cli ?? CliOverrides.None, "/home/ci");

    [Fact]
    public void Repetitions_above_the_ceiling_are_a_usage_error_from_every_source()
    {
        var cli = Assert.Throws<ConfigurationException>(() => Resolve(cli: new CliOverrides { Repetitions = 1_000_000_000 }));
        Assert.Equal("command line: --repetitions: expected a positive integer of at most 1000, found 1000000000", Assert.Single(cli.Errors).ToString());

        var env = Assert.Throws<ConfigurationException>(() => Resolve(env: new() { ["ENERGYGATE_REPETITIONS"] = "1001" }));
        Assert.Equal("environment: ENERGYGATE_REPETITIONS: expected a positive integer of at most 1000, found \"1001\"", Assert.Single(env.Errors).ToString());

        Assert.Equal("energygate.yml:3:16: measurement.repetitions: expected a positive integer of at most 1000, found \"5000\"",
            ConfigText.SingleError("version: 1\nmeasurement:\n  repetitions: 5000\n"));
        Assert.Equal("energygate.yml:3:11: measurement.warmup: expected an integer from 0 to 1000, found \"1001\"",
            ConfigText.SingleError("version: 1\nmeasurement:\n  warmup: 1001\n"));
    }

    [Fact]
    public void The_largest_allowed_values_still_resolve()
    {
        Assert.Equal(1000, Resolve(cli: new CliOverrides { Repetitions = 1000 }).Measurement.Repetitions);
        Assert.Equal(0, ConfigText.Parse("version: 1\nmeasurement:\n  warmup: 0\n").Measurement!.Warmup);
    }

    [Fact]
    public void A_plan_built_from_settings_past_the_ceiling_is_refused_before_its_steps_are_allocated()
    {
        // Two billion steps would need tens of GB; the check comes first, so this returns at once.
        var ex = Assert.Throws<EnergyGateException>(() => RunPlan.Create(Settings(1_000_000_000)));

        Assert.Equal(
            "EG2050: the run plan is 2,000,000,002 generations (2 cells x (1000000000 repetitions + 1 warm-up), before counting tasks), "
            + "more than the limit of 10,000,000; lower `measurement.repetitions` (--repetitions), `measurement.warmup`, "
            + "a suite's `samples-per-task` or `limit`, or run fewer suites, models or runtimes.",
            ex.Message);
    }

    [Fact]
    public void Generations_count_every_sample_of_every_repetition_and_at_most_two_tasks_per_warm_up()
    {
        // HumanEval (164 tasks) with 200 samples per task, as for pass@100, and a 10-task suite.
        Assert.Equal(164L * 200 * 3 + 2 * 1 + 10 * 3 + 2 * 1, PlanLimits.CountSamples([(164, 200), (10, 1)], repetitions: 3, warmup: 1));
        Assert.Equal(long.MaxValue, PlanLimits.CountSamples([(int.MaxValue, int.MaxValue), (int.MaxValue, int.MaxValue)], 1000, 1000));
    }

    [Fact]
    public void A_plan_within_the_ceiling_passes_and_one_beyond_names_its_size()
    {
        PlanLimits.EnsureWithin(PlanLimits.MaxSamples, "at the limit");

        var ex = Assert.Throws<EnergyGateException>(() =>
            PlanLimits.EnsureWithin(PlanLimits.CountSamples([(164, 200)], 1000, 1), "164 tasks x 200 samples x 1000 repetitions"));
        Assert.StartsWith("EG2050: the run plan is 32,800,002 generations (164 tasks x 200 samples x 1000 repetitions), more than the limit of 10,000,000;",
            ex.Message, StringComparison.Ordinal);
    }
}
