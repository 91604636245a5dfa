using EnergyGate.Core.Baselines;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Tests.Configuration;

/// <summary>The <c>gate:</c> section, <c>baselines:</c> and <c>machine-class:</c> resolve onto the settings the gate reads.</summary>
public sealed class GateSectionTests
{
    private static ResolvedSettings Resolve(string yaml, CliOverrides? cli = null, Dictionary<string, string?>? env = null) =>
        SettingsResolver.Resolve(ConfigText.Parse(yaml), env ?? [], cli ?? CliOverrides.None, "/home/u");

    [Fact]
    public void Without_a_gate_section_the_policy_is_the_default_and_baselines_sit_next_to_the_file()
    {
        var settings = Resolve("version: 1\n");
        Assert.Same(GatePolicy.Default, settings.Gate);
        Assert.Equal(ConfigText.InRepo("baselines"), settings.BaselinesDir);
        Assert.Null(settings.MachineClass);
    }

    [Fact]
    public void An_empty_gate_section_equals_the_default_policy()
    {
        // Record equality holds because unset keys keep the default's very instances.
        Assert.Equal(GatePolicy.Default, Resolve("version: 1\ngate: {}\n").Gate);
    }

    [Fact]
    public void The_cpu_facts_of_the_machine_class_can_be_relaxed_one_by_one()
    {
        var rules = Resolve("version: 1\ngate:\n  comparability:\n    cpu-family: false\n    cpu-isa: false\n").Gate.Comparability;
        Assert.Equal((false, false, true, true), (rules.CpuFamily, rules.CpuIsa, rules.CpuCores, rules.MachineClass));
        Assert.Equal((true, true, true), (GatePolicy.Default.Comparability.CpuFamily, GatePolicy.Default.Comparability.CpuIsa, GatePolicy.Default.Comparability.CpuCores));
    }

    [Fact]
    public void A_full_gate_section_maps_one_to_one_onto_the_policy()
    {
        var gate = Resolve("""
            version: 1
            gate:
              metrics: [joules_per_problem, decode_joules_per_token]
              warn: 3%
              fail: 0.08
              floor: 0.5
              alpha: 0.02
              accuracy:
                enabled: false
                tolerance-points: 2.5
                alpha: 0.1
              fail-on: inconclusive
              incomparable: compare-anyway
              comparability:
                machine-class: false
                cpu-model: true
                gpu-model: false
                meter-kind: true
                strict-settings: [driver_version]
              metric-overrides:
                prefill_joules: { warn: 20%, fail: 40%, floor: 0.05 }
              cell-overrides:
                - cell: "humaneval/*/onnx/cpu"
                  metric: decode_joules
                  fail: 15%
                - cell: "*/*/*/cuda"
                  warn: 6.5%
              acknowledgements:
                - cell: "humaneval/Qwen%2FQwen2.5-Coder-1.5B/onnx/cuda"
                  metric: '*'
                  reason: "longer prompt template, #123"
                  expires: 2025-09-30
            """).Gate;

        Assert.Equal([MetricIds.JoulesPerProblem, MetricIds.DecodeJoulesPerToken], gate.GatedMetrics);
        Assert.Equal((0.03, 0.08, 0.5, 0.02), (gate.Warn, gate.Fail, gate.AbsoluteFloor, gate.Alpha));
        Assert.Equal((false, 2.5, 0.1), (gate.GateAccuracy, gate.AccuracyTolerancePoints, gate.AccuracyAlpha));
        Assert.Equal((FailOn.Inconclusive, IncomparableHandling.CompareAnyway), (gate.FailOn, gate.Incomparable));
        Assert.Equal((false, true, false, true), (gate.Comparability.MachineClass, gate.Comparability.CpuModel,
            gate.Comparability.GpuModel, gate.Comparability.MeterKind));
        Assert.Equal([UnderTest.DriverVersion], gate.Comparability.StrictSettings);
        Assert.Equal(new ThresholdOverride(0.2, 0.4, 0.05), Assert.Single(gate.MetricOverrides, o => o.Key == MetricIds.PrefillJoules).Value);
        Assert.Equal(
            [
                new CellOverride("humaneval/*/onnx/cpu", MetricIds.DecodeJoules, new ThresholdOverride(Fail: 0.15)),
                new CellOverride("*/*/*/cuda", null, new ThresholdOverride(Warn: 0.065)),
            ],
            gate.CellOverrides);
        Assert.Equal(new Acknowledgement("humaneval/Qwen%2FQwen2.5-Coder-1.5B/onnx/cuda", "*", "longer prompt template, #123", new DateOnly(2025, 9, 30)),
            Assert.Single(gate.Acknowledgements));
        // The acknowledged cell pattern names the real cell once the model's '/' is decoded.
        Assert.True(gate.Acknowledgements[0].Matches(new CellKey("humaneval", "Qwen/Qwen2.5-Coder-1.5B", "onnx", "cuda"), MetricIds.DecodeJoules));
    }

    [Theory]
    [InlineData("5%", 0.05)]
    [InlineData("'5%'", 0.05)]
    [InlineData("0.05", 0.05)]
    [InlineData("0", 0.0)]
    [InlineData("0%", 0.0)]
    [InlineData("150%", 1.5)]
    [InlineData("2.5e-2", 0.025)]
    public void Relative_thresholds_accept_percentages_and_fractions(string written, double expected) =>
        Assert.Equal(expected, Resolve($"version: 1\ngate:\n  warn: {written}\n  fail: 200%\n").Gate.Warn, 12);

    [Fact]
    public void Fail_on_comes_from_the_option_then_the_environment_then_the_file()
    {
        const string yaml = "version: 1\ngate:\n  fail-on: never\n  warn: 4%\n";
        Assert.Equal(FailOn.Never, Resolve(yaml).Gate.FailOn);
        var fromEnv = Resolve(yaml, env: new() { ["ENERGYGATE_FAIL_ON"] = "inconclusive" }).Gate;
        Assert.Equal((FailOn.Inconclusive, 0.04), (fromEnv.FailOn, fromEnv.Warn));
        var fromCli = Resolve(yaml, new CliOverrides { FailOn = "regression" }, new() { ["ENERGYGATE_FAIL_ON"] = "inconclusive" });
        Assert.Equal(FailOn.Regression, fromCli.Gate.FailOn);
        Assert.Equal(FailOn.Never, SettingsResolver.Resolve(null, new Dictionary<string, string?> { ["ENERGYGATE_FAIL_ON"] = "never" },
            CliOverrides.None, "/home/u").Gate.FailOn);
    }

    [Fact]
    public void A_bad_fail_on_names_its_source()
    {
        var cli = Assert.Throws<ConfigurationException>(() => Resolve("version: 1\n", new CliOverrides { FailOn = "regressions" }));
        Assert.Equal("command line: --fail-on: expected one of regression, inconclusive, never, found \"regressions\"", Assert.Single(cli.Errors).ToString());
        // A malformed variable is reported even when the option overrides it: the next run without the option would break.
        var env = Assert.Throws<ConfigurationException>(() => Resolve("version: 1\n", new CliOverrides { FailOn = "never" },
            new() { ["ENERGYGATE_FAIL_ON"] = "always" }));
        Assert.Equal("environment: ENERGYGATE_FAIL_ON: expected one of regression, inconclusive, never, found \"always\"", Assert.Single(env.Errors).ToString());
    }

    [Fact]
    public void Baselines_resolve_against_the_file_and_the_option_or_variable_against_the_current_folder()
    {
        Assert.Equal(ConfigText.InRepo("perf", "baselines"), Resolve("version: 1\nbaselines: perf/baselines\n").BaselinesDir);
        Assert.Equal("/home/u/b", Resolve("version: 1\nbaselines: ~/b\n").BaselinesDir);
        Assert.Equal("env-b", Resolve("version: 1\nbaselines: file-b\n", env: new() { ["ENERGYGATE_BASELINES"] = "env-b" }).BaselinesDir);
        Assert.Equal("cli-b", Resolve("version: 1\nbaselines: file-b\n", new CliOverrides { BaselinesDir = "cli-b" },
            new() { ["ENERGYGATE_BASELINES"] = "env-b" }).BaselinesDir);
        Assert.Equal("baselines", SettingsResolver.Resolve(null, new Dictionary<string, string?>(), CliOverrides.None, "/home/u").BaselinesDir);
    }

    [Theory]
    [InlineData("ci-a10")]
    [InlineData("gh.ubuntu_24.04")]
    public void Machine_class_is_a_file_name_safe_label(string label) =>
        Assert.Equal(label, Resolve($"version: 1\nmachine-class: {label}\n").MachineClass);
}
