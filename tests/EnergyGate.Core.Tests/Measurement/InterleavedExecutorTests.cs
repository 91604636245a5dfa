using EnergyGate.Core.Configuration;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Measurement.Noise;
using EnergyGate.Core.Suites.Smoke;
using EnergyGate.Core.Tests.Generation.Fakes;
using EnergyGate.Core.Tests.Measurement.Noise;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Measurement;

/// <summary>Two lanes in one executor: each side's samples in its own journal, generated in the schedule's order, every probe in both.</summary>
public sealed class InterleavedExecutorTests
{
    /// <summary>Sessions that write their side's letter to a shared log at each prefill.</summary>
    private sealed class LoggingFactory(char side, List<char> log) : IDecoderSessionFactory
    {
        public string Runtime => "fake";

        public string Version => "1.0";

        public IDecoderSession Open(string modelDirectory, RuntimeSettings runtime) => new Logged(new ScriptedSession('a', 'b'), side, log);

        private sealed class Logged(IDecoderSession inner, char side, List<char> log) : IDecoderSession
        {
            public int VocabularySize => inner.VocabularySize;

            public int MaxSequenceLength => inner.MaxSequenceLength;

            public string Description => inner.Description;

            public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> promptIds)
            {
                log.Add(side);
                return inner.Prefill(promptIds);
            }

            public ReadOnlySpan<float> Decode(int tokenId) => inner.Decode(tokenId);

            public void Reset() => inner.Reset();

            public void Dispose() => inner.Dispose();
        }
    }

    private static readonly char[] Sides = ['A', 'B'];

    private sealed class CountingMeter : IEnergyMeter
    {
        private double _joules;

        public MeterInfo Info { get; } = new("fake", true, null, [new MeterDomain(EnergyDomain.Cpu, EnergyKind.Measured, 1e-6, TimeSpan.FromMilliseconds(1))]);

        public void Read(Span<double> joules) => joules[0] = _joules += 0.001;

        public void Dispose() { }
    }

    [Fact]
    public async Task Each_side_writes_its_own_journal_in_ABBA_order_and_both_get_every_probe()
    {
        using var dir = new TempDir();
        var settings = new ResolvedSettings(null, "/c", "/r", [new SuiteSettings("smoke", null, [1], 1) { Limit = 2 }], new SandboxOptions())
        {
            Runtimes = [new RuntimeSettings("fake", "cpu", 0, 0, false)],
            Measurement = MeasurementSettings.Default with { Repetitions = 4, Warmup = 1 },
        };
        var plan = RunPlan.Create(settings);
        var log = new List<char>();
        var problems = SmokeSuite.Load().Take(2).ToList();
        var lanesInputs = Sides.Select(side =>
            new List<CellInputs> { new([.. problems], "/m", new ByteTokenizer(), new LoggingFactory(side, log), new GenerationSettings { MaxNewTokens = 2 }) }).ToArray();
        using var sampler = new EnergySampler([new CountingMeter()], SamplerOptions.Default, TimeProvider.System);
        sampler.Start();
        var paths = new[] { dir.File("base.jsonl"), dir.File("head.jsonl") };
        var header = new RunHeader("h", "test", DateTimeOffset.UnixEpoch, [], new Dictionary<string, string>());
        await using (var a = await ResultsJournal.OpenAsync(paths[0], header, resume: false))
        await using (var b = await ResultsJournal.OpenAsync(paths[1], header, resume: false))
        {
            var lanes = new[] { new RunLane(plan, lanesInputs[0], a), new RunLane(plan, lanesInputs[1], b) };
            var executor = new RunExecutor(sampler, TimeSpan.Zero) { Noise = NoiseSeries.Monitor(NoiseSeries.Quiet, stealShare: 0) };
            await executor.ExecuteAsync(lanes, InterleavedSchedule.Create(plan, plan));
        }
        // Warm-ups (two problems each), then per repetition two problems of one side and two of the other.
        Assert.Equal("AABB" + "AABB" + "BBAA" + "AABB" + "BBAA", new string([.. log]));
        foreach (var path in paths)
        {
            var records = (await ResultsJournal.ReadAsync(path)).Records.Skip(1).ToList();
            Assert.Equal(8, records.OfType<SampleRecord>().Count());
            Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3], records.OfType<SampleRecord>().Select(s => s.Repetition));
            // Reference probes, one before each later repetition, one after the last: the same in both files.
            Assert.Equal([-1, -1, -1, 1, 2, 3, null], records.OfType<NoiseRecord>().Select(n => n.Repetition));
        }
    }
}
