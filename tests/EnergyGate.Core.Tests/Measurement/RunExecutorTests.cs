using EnergyGate.Core.Configuration;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites.Smoke;
using EnergyGate.Core.Tests.Generation.Fakes;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Measurement;

/// <summary>The run protocol against fake runtimes and a fake meter: no sample lost, none duplicated.</summary>
public sealed class RunExecutorTests
{
    private sealed class FakeFactory : IDecoderSessionFactory
    {
        public int Opened { get; private set; }

        public string Runtime => "fake";

        public string Version => "1.0";

        public IDecoderSession Open(string modelDirectory, RuntimeSettings runtime)
        {
            Opened++;
            return new ScriptedSession('a', 'b', 'c');
        }
    }

    private static readonly RunHeader Header = new("h", "test", DateTimeOffset.UnixEpoch, [], new Dictionary<string, string>());

    private static (RunPlan Plan, List<CellInputs> Inputs, FakeFactory Factory) Plan()
    {
        var settings = new ResolvedSettings(null, "/c", "/r", [new SuiteSettings("smoke", null, [1], 1) { Limit = 4 }], new SandboxOptions())
        {
            Runtimes = [new RuntimeSettings("fake", "cpu", 0, 0, false)],
            Measurement = MeasurementSettings.Default with { Repetitions = 3, Warmup = 1 },
        };
        var factory = new FakeFactory();
        var plan = RunPlan.Create(settings);
        return (plan, [new CellInputs([.. SmokeSuite.Load().Take(4)], "/m", new ByteTokenizer(), factory, new GenerationSettings { MaxNewTokens = 6 })], factory);
    }

    [Fact]
    public async Task A_run_killed_mid_way_resumes_without_losing_or_repeating_a_sample()
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        var (plan, inputs, factory) = Plan();
        using var sampler = new EnergySampler([new WallClockMeter()], SamplerOptions.Default, TimeProvider.System);
        sampler.Start();
        var executor = new RunExecutor(sampler, TimeSpan.Zero);

        using (var cts = new CancellationTokenSource())
        {
            await using var journal = await ResultsJournal.OpenAsync(path, Header, resume: false);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => executor.ExecuteAsync(plan, inputs, journal, new CancelAfter(5, cts), cts.Token));
        }
        var firstPart = (await ResultsJournal.ReadAsync(path)).Records.OfType<SampleRecord>().Select(s => s.Key).ToList();
        Assert.Equal(5, firstPart.Count);

        await using (var resumed = await ResultsJournal.OpenAsync(path, Header, resume: true))
        {
            await executor.ExecuteAsync(plan, inputs, resumed);
        }
        var samples = (await ResultsJournal.ReadAsync(path)).Records.OfType<SampleRecord>().ToList();
        Assert.Equal(12, samples.Count);
        Assert.Equal(12, samples.Select(s => s.Key).Distinct().Count());
        Assert.Equal(firstPart, samples.Take(5).Select(s => s.Key));
        Assert.Equal(2, factory.Opened);   // one session per cell per process
        Assert.All(samples, s =>
        {
            Assert.Equal(6, s.GeneratedTokens);
            Assert.Equal(6, s.TokenTextEnds.Count);
            Assert.Equal(s.TokenTextEnds.Order(), s.TokenTextEnds);
            Assert.Equal((s.RawText ?? s.Completion).Length, s.TokenTextEnds[^1]);
            Assert.Equal("Attributed", s.EnergyKind);   // phase shares of a measured counter
            Assert.Equal(s.PrefillJoules + s.DecodeJoules, s.Domains.Sum(d => d.PrefillJoules + d.DecodeJoules), 9);
            Assert.True(s.DecodeJoules > 0);
        });
    }

    [Fact]
    public async Task Warm_up_passes_are_not_recorded_and_a_finished_run_does_nothing_on_resume()
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        var (plan, inputs, factory) = Plan();
        using var sampler = new EnergySampler([new WallClockMeter()], SamplerOptions.Default, TimeProvider.System);
        sampler.Start();
        var executor = new RunExecutor(sampler, TimeSpan.Zero);
        await using (var journal = await ResultsJournal.OpenAsync(path, Header, resume: false))
        {
            await executor.ExecuteAsync(plan, inputs, journal);
        }
        await using (var again = await ResultsJournal.OpenAsync(path, Header, resume: true))
        {
            await executor.ExecuteAsync(plan, inputs, again);
        }
        var samples = (await ResultsJournal.ReadAsync(path)).Records.OfType<SampleRecord>().ToList();
        Assert.Equal(12, samples.Count);
        Assert.Equal([0, 1, 2], samples.Select(s => s.Repetition).Distinct().Order());
        Assert.Equal(1, factory.Opened);   // the resumed, finished run opened no session
    }
    private sealed class ProgressLog : IProgress<RunProgress>
    {
        public List<RunProgress> Reports { get; } = [];

        public void Report(RunProgress value) => Reports.Add(value);
    }

    [Fact]
    public async Task Rounds_resumed_into_one_file_make_the_whole_run_and_count_progress_per_round()
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        var (plan, inputs, _) = Plan();
        using var sampler = new EnergySampler([new WallClockMeter()], SamplerOptions.Default, TimeProvider.System);
        sampler.Start();
        var executor = new RunExecutor(sampler, TimeSpan.Zero);
        var progress = new ProgressLog();
        await using (var journal = await ResultsJournal.OpenAsync(path, Header, resume: false))
        {
            await executor.ExecuteAsync(plan.OnlyRound(new Core.Measurement.Sharding.PartSpec(1, 2)), inputs, journal, progress);
        }
        Assert.Equal(8, progress.Reports[^1].Done);   // repetitions 0 and 2 of 4 tasks
        progress.Reports.Clear();
        await using (var journal = await ResultsJournal.OpenAsync(path, Header, resume: true))
        {
            await executor.ExecuteAsync(plan.OnlyRound(new Core.Measurement.Sharding.PartSpec(2, 2)), inputs, journal, progress);
        }
        Assert.All(progress.Reports, r => Assert.True(r.Done <= r.Total, $"{r.Done}/{r.Total}"));
        Assert.Equal((4, 4), (progress.Reports[^1].Done, progress.Reports[^1].Total));   // repetition 1 only
        var samples = (await ResultsJournal.ReadAsync(path)).Records.OfType<SampleRecord>().ToList();
        Assert.Equal(12, samples.Select(s => s.Key).Distinct().Count());
        Assert.Equal([0, 1, 2], samples.Select(s => s.Repetition).Distinct().Order());
    }
}
