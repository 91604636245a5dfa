using EnergyGate.Core.Configuration;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Measurement.Noise;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites.Smoke;
using EnergyGate.Core.Tests.Generation.Fakes;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Measurement.Noise;

/// <summary>Where the executor probes: three before the first repetition, one before each later one, one after the last; never inside a sample.</summary>
public sealed class NoiseProbePlacementTests
{
    private sealed class Factory : IDecoderSessionFactory
    {
        public string Runtime => "fake";

        public string Version => "1.0";

        public IDecoderSession Open(string modelDirectory, RuntimeSettings runtime) => new ScriptedSession('a', 'b');
    }

    [Fact]
    public async Task Probes_sit_between_repetitions_and_cost_no_sample_any_energy()
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        var settings = new ResolvedSettings(null, "/c", "/r", [new SuiteSettings("smoke", null, [1], 1) { Limit = 2 }], new SandboxOptions())
        {
            Runtimes = [new RuntimeSettings("fake", "cpu", 0, 0, false)],
            Measurement = MeasurementSettings.Default with { Repetitions = 3, Warmup = 1 },
        };
        var plan = RunPlan.Create(settings);
        var inputs = new List<CellInputs> { new([.. SmokeSuite.Load().Take(2)], "/m", new ByteTokenizer(), new Factory(), new GenerationSettings { MaxNewTokens = 3 }) };
        var files = new DelegateFileReader(p => throw new FileNotFoundException(p));
        var monitor = new NoiseMonitor(() => { Thread.Sleep(50); return 0.05; }, new MachineCounters(files));
        using var sampler = new EnergySampler([new WallClockMeter()], SamplerOptions.Default, TimeProvider.System);
        sampler.Start();
        await using (var journal = await ResultsJournal.OpenAsync(path, new RunHeader("h", "test", DateTimeOffset.UnixEpoch, [], new Dictionary<string, string>()), resume: false))
        {
            await new RunExecutor(sampler, TimeSpan.Zero) { Noise = monitor }.ExecuteAsync(plan, inputs, journal);
        }
        var records = (await ResultsJournal.ReadAsync(path)).Records.Skip(1).ToList();
        var layout = string.Concat(records.Select(r => r switch
        {
            NoiseRecord { Repetition: null } => "E",
            NoiseRecord n => n.Repetition == -1 ? "R" : n.Repetition!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            SampleRecord s => "s",
            _ => "?",
        }));
        Assert.Equal("RRRss1ss2ssE", layout);
        // Without /proc and cpufreq the counters are absent, not zero.
        Assert.All(records.OfType<NoiseRecord>(), n => Assert.Null(n.CpuStealTicks));
        Assert.All(records.OfType<SampleRecord>(), s => Assert.True(s.TotalJoules < 0.25, $"sample charged {s.TotalJoules} J"));
    }
}
