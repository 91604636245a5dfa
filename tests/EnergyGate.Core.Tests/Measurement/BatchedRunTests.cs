using EnergyGate.Core.Configuration;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Batching;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites.Smoke;
using EnergyGate.Core.Tests.Generation.Fakes;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Measurement;

/// <summary>Batched cells through the run protocol, on the rule model: same completions as one at a time, each sample recorded once.</summary>
public sealed class BatchedRunTests
{
    private sealed class RuleFactory : IDecoderSessionFactory
    {
        public List<int> Batches { get; } = [];

        public string Runtime => "fake";

        public string Version => "1.0";

        public IDecoderSession Open(string modelDirectory, RuntimeSettings runtime) => new RuleSession();

        public IBatchDecoderSession OpenBatch(string modelDirectory, RuntimeSettings runtime, int maxBatchSize)
        {
            Batches.Add(maxBatchSize);
            return new RuleBatchSession(maxBatchSize);
        }
    }

    private static readonly RunHeader Header = new("h", "test", DateTimeOffset.UnixEpoch, [], new Dictionary<string, string>());

    private static (RunPlan Plan, List<CellInputs> Inputs, RuleFactory Factory) Plan()
    {
        var settings = new ResolvedSettings(null, "/c", "/r", [new SuiteSettings("smoke", null, [1], 1) { Limit = 7 }], new SandboxOptions())
        {
            Runtimes = [new RuntimeSettings("fake", "cpu", 0, 0, false)],
            Measurement = MeasurementSettings.Default with { Repetitions = 2, Warmup = 1 },
            Batches = [RunCell.Unbatched, new BatchOptions(3, Continuous: false), new BatchOptions(4, Continuous: true)],
        };
        var factory = new RuleFactory();
        var plan = RunPlan.Create(settings);
        var input = new CellInputs([.. SmokeSuite.Load().Take(7)], "/m", new ByteTokenizer(), factory, new GenerationSettings { MaxNewTokens = 24, StopStrings = [] });
        return (plan, [input, input, input], factory);
    }

    [Fact]
    public void Each_batch_size_is_a_cell_of_its_own_keyed_by_its_batch()
    {
        var (plan, _, _) = Plan();
        Assert.Equal(["smoke/tiny/fake/cpu", "smoke/tiny/fake+b3/cpu", "smoke/tiny/fake+cb4/cpu"], plan.Cells.Select(c => c.Id));
    }

    [Fact]
    public async Task Batched_cells_record_every_sample_once_with_the_completions_of_one_at_a_time()
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

        var samples = (await ResultsJournal.ReadAsync(path)).Records.OfType<SampleRecord>().ToList();
        Assert.Equal(3 * 2 * 7, samples.Count);
        Assert.Equal(samples.Count, samples.Select(s => s.Key).Distinct().Count());
        Assert.Equal([3, 4], factory.Batches.Order());
        var alone = samples.Where(s => s.Cell == "smoke/tiny/fake/cpu").ToDictionary(s => (s.Repetition, s.TaskId));
        foreach (var s in samples.Where(s => s.Cell != "smoke/tiny/fake/cpu"))
        {
            var reference = alone[(s.Repetition, s.TaskId)];
            Assert.Equal(reference.Completion, s.Completion);
            Assert.Equal(reference.GeneratedTokens, s.GeneratedTokens);
            Assert.Equal(reference.StopReason, s.StopReason);
            Assert.Equal(s.GeneratedTokens, s.TokenTextEnds.Count);
            Assert.Equal("Attributed", s.EnergyKind);
            Assert.True(s.PrefillJoules > 0);
            Assert.NotNull(s.BatchOccupancy);
        }
        Assert.All(alone.Values, s => Assert.Null(s.BatchOccupancy));
        // Sequences really shared steps: the batch's occupancy rose above one.
        Assert.Contains(samples, s => s.BatchOccupancy > 1.5);
    }

    [Fact]
    public async Task A_batched_run_killed_mid_way_resumes_without_losing_or_repeating_a_sample()
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        var (plan, inputs, _) = Plan();
        using var sampler = new EnergySampler([new WallClockMeter()], SamplerOptions.Default, TimeProvider.System);
        sampler.Start();
        var executor = new RunExecutor(sampler, TimeSpan.Zero);
        using (var cts = new CancellationTokenSource())
        {
            await using var journal = await ResultsJournal.OpenAsync(path, Header, resume: false);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => executor.ExecuteAsync(plan, inputs, journal, new CancelAfter(17, cts), cts.Token));
        }
        await using (var resumed = await ResultsJournal.OpenAsync(path, Header, resume: true))
        {
            await executor.ExecuteAsync(plan, inputs, resumed);
        }
        var samples = (await ResultsJournal.ReadAsync(path)).Records.OfType<SampleRecord>().ToList();
        Assert.Equal(42, samples.Count);
        Assert.Equal(42, samples.Select(s => s.Key).Distinct().Count());
    }
}
