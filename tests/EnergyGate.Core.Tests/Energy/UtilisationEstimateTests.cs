using EnergyGate.Core.Configuration;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Estimate;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Tests.Energy;

/// <summary>
/// The utilisation model over scripted clocks: a fake wall clock and a CPU-time series written by
/// hand, so every expected joule is arithmetic on the script, never a measured figure.
/// </summary>
public sealed class UtilisationEstimateTests
{
    private static readonly PowerCurve Curve = new(10, 50, 4, "test");

    [Fact]
    public void Utilisation_is_cpu_time_over_wall_time_times_logical_cpus()
    {
        Assert.Equal(0.25, PowerCurve.Utilisation(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 2), 12);
        Assert.Equal(0, PowerCurve.Utilisation(TimeSpan.FromSeconds(1), TimeSpan.Zero, 2));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(0.5, 30)]
    [InlineData(1, 50)]
    [InlineData(1.5, 50)]   // tick-granular CPU time can overshoot; a machine cannot be more than fully busy
    public void Power_is_linear_between_the_idle_and_the_loaded_point(double utilisation, double watts) =>
        Assert.Equal(watts, Curve.Watts(utilisation), 12);

    [Fact]
    public void Cumulative_joules_are_the_power_at_the_interval_utilisation_times_its_wall_time()
    {
        // 4 s wall, 2 s CPU on 4 logical CPUs: u = 0.125, P = 10 + 40 x 0.125 = 15 W, 60 J.
        var (wall, cpu) = (TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2));
        Assert.Equal(60, Curve.Joules(wall, cpu), 9);
        Assert.Equal(Curve.Watts(PowerCurve.Utilisation(cpu, wall, 4)) * 4, Curve.Joules(wall, cpu), 9);
    }

    [Fact]
    public void Meter_reads_the_curve_against_the_injected_clock_and_cpu_time()
    {
        var time = new FakeTime();
        var cpu = TimeSpan.Zero;
        using var meter = EstimateMeter.Create(new EstimateOptions(PerCoreWatts: 5) { Model = EstimateModel.Utilisation }, null, 2, () => cpu, time);
        var j = new double[1];
        meter.Read(j);
        Assert.Equal(0, j[0], 12);

        // Idle second: idle = 0.21 x (5 W x 2) = 2.1 W. Busy second on one of two CPUs: + (10 - 2.1) / 2 W.
        time.Advance(TimeSpan.FromSeconds(1));
        meter.Read(j);
        var idle = CpuPowerCurves.IdleFraction * 10;
        Assert.Equal(idle, j[0], 9);
        time.Advance(TimeSpan.FromSeconds(1));
        cpu = TimeSpan.FromSeconds(1);
        meter.Read(j);
        Assert.Equal((2 * idle) + ((10 - idle) / 2), j[0], 9);
        Assert.StartsWith("utilisation model: idle 2.1 W, loaded 10 W over 2 logical CPUs", meter.ModelSummary, StringComparison.Ordinal);
    }

    [Fact]
    public void Prefill_plus_decode_is_the_total_and_each_phase_is_its_own_estimate()
    {
        // Samples every 100 ms; CPU time: prefill keeps both CPUs busy (200 ms CPU per 100 ms), decode one.
        var time = new FakeTime();
        var cpu = TimeSpan.Zero;
        using var meter = EstimateMeter.Create(new EstimateOptions() { Model = EstimateModel.Utilisation }, "Intel(R) Xeon(R) Platinum 8272CL CPU @ 2.60GHz", 2, () => cpu, time);
        double[] cpuPerStep = [0.2, 0.2, 0.1, 0.1, 0.1];
        var timestamps = new long[cpuPerStep.Length + 1];
        var joules = new double[cpuPerStep.Length + 1];
        var reading = new double[1];
        for (var i = 0; i <= cpuPerStep.Length; i++)
        {
            meter.Read(reading);
            (timestamps[i], joules[i]) = (time.Now, reading[0]);
            if (i < cpuPerStep.Length)
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
                cpu += TimeSpan.FromSeconds(cpuPerStep[i]);
            }
        }
        var samples = new EnergySamples(meter.Info.Domains, 1_000_000, timestamps, [joules], [new CounterEvents[timestamps.Length]], timestamps.Length);

        var e = PhaseAttribution.Attribute(samples, new PhaseTimeline(0, 200_000, [300_000, 400_000], 500_000)).Single();

        var curve = PowerCurve.For(new EstimateOptions(), "Xeon(R) Platinum 8272CL", 2);
        Assert.Equal(e.TotalJoules, e.Prefill.Joules + e.Decode.Joules);
        Assert.Equal(curve.Watts(1.0) * 0.2, e.Prefill.Joules, 9);
        Assert.Equal(curve.Watts(0.5) * 0.3, e.Decode.Joules, 9);
        Assert.Equal(EnergyKind.Estimated, e.Kind);
    }

    [Fact]
    public void A_cpu_of_a_known_architecture_takes_its_idle_and_loaded_points_per_logical_cpu()
    {
        var curve = PowerCurve.For(new EstimateOptions(), "Intel(R) Xeon(R) Platinum 8272CL CPU @ 2.60GHz", 2);

        Assert.Equal((2 * 0.6389, 2 * 3.9673, 2), (curve.IdleWatts, curve.LoadedWatts, curve.LogicalCpus));
        Assert.Contains("Cascade Lake", curve.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cpu_known_only_by_its_tdp_takes_the_documented_idle_fraction()
    {
        var curve = PowerCurve.For(new EstimateOptions(), "AMD EPYC 7763 64-Core Processor", 4);

        Assert.Equal(280.0 / 128 * 4, curve.LoadedWatts, 9);
        Assert.Equal(CpuPowerCurves.IdleFraction * curve.LoadedWatts, curve.IdleWatts, 9);
        Assert.Equal(1.1384 / 5.4218, CpuPowerCurves.IdleFraction, 12);   // Coffee Lake's ratio is the median of the 7 rows
        Assert.Contains("table entry 'EPYC 7763'", curve.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_tdp_wins_over_the_architecture_table()
    {
        var curve = PowerCurve.For(new EstimateOptions(TdpWatts: 100), "Intel(R) Xeon(R) Platinum 8272CL CPU", 4);

        Assert.Equal(100, curve.LoadedWatts, 9);
        Assert.Contains("configured TDP 100 W", curve.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", EstimateModel.Utilisation)]
    [InlineData("  estimate-model: per-core\n", EstimateModel.PerCore)]
    [InlineData("  estimate-model: utilisation\n", EstimateModel.Utilisation)]
    public void The_file_chooses_the_model_and_utilisation_is_the_default(string line, EstimateModel expected)
    {
        var settings = SettingsResolver.Resolve(Configuration.ConfigText.Parse("version: 1\nmeasurement:\n  meter: estimate\n" + line), new Dictionary<string, string?>(), CliOverrides.None, "/home/u");

        Assert.Equal(expected, settings.Measurement.Estimate.Model);
    }

    [Fact]
    public void The_per_core_fallback_keeps_its_numbers_and_names_itself()
    {
        using var meter = EstimateMeter.Create(new EstimateOptions(PerCoreWatts: 10) { Model = EstimateModel.PerCore }, null, 2, () => TimeSpan.FromSeconds(2), new FakeTime());
        var j = new double[1];
        meter.Read(j);

        Assert.Equal(20, j[0], 12);
        Assert.StartsWith("per-core model: 10 W per busy core", meter.ModelSummary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_settings_hash_separates_the_models_so_a_resume_cannot_mix_them()
    {
        var settings = new ResolvedSettings(null, "/c", "/r", [new SuiteSettings("smoke", null, [1], 1) { Limit = 1 }], new EnergyGate.Core.Scoring.SandboxOptions());
        var plan = EnergyGate.Core.Measurement.RunPlan.Create(settings);
        var perCore = settings with { Measurement = settings.Measurement with { Estimate = new EstimateOptions() { Model = EstimateModel.PerCore } } };

        Assert.NotEqual(EnergyGate.Core.Measurement.RunFingerprint.SettingsHash(settings, plan), EnergyGate.Core.Measurement.RunFingerprint.SettingsHash(perCore, plan));
    }
}
