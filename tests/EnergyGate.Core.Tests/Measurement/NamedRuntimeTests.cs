using EnergyGate.Core.Baselines;
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

/// <summary>A named runtime entry: its name keys the cell and baseline, its real runtime runs it and gives its version.</summary>
public sealed class NamedRuntimeTests
{
    private static readonly RuntimeSettings Plain = new("torch", "cpu", 0, 1, false);
    private static readonly RuntimeSettings Bf16 = Plain with { DType = "bfloat16", Name = "torch-bf16" };

    private sealed class RecordingFactory : IDecoderSessionFactory
    {
        public List<RuntimeSettings> Opened { get; } = [];

        public string Runtime => "torch";

        public string Version => "2.5.1";

        public IDecoderSession Open(string modelDirectory, RuntimeSettings runtime)
        {
            Opened.Add(runtime);
            return new ScriptedSession('a', 'b');
        }
    }

    private static RunPlan Plan() => RunPlan.Create(new ResolvedSettings(null, "/c", "/r", [new SuiteSettings("smoke", null, [1], 1) { Limit = 1 }], new SandboxOptions())
    {
        Runtimes = [Plain, Bf16],
        Measurement = MeasurementSettings.Default with { Repetitions = 1, Warmup = 0 },
    });

    [Fact]
    public void The_cell_key_and_the_baseline_file_use_the_name()
    {
        var plan = Plan();
        Assert.Equal(["smoke/tiny/torch/cpu", "smoke/tiny/torch-bf16/cpu"], plan.Cells.Select(c => c.Id));
        var fingerprint = new EnvironmentFingerprint("box", "cpu", null, MeterKind.Estimated, new Dictionary<string, string>());
        var path = new BaselineStore("/b").PathFor(plan.Cells[1].Key, fingerprint);
        Assert.Equal("torch-bf16-cpu.estimated.box.json", Path.GetFileName(path));
        Assert.NotEqual(new BaselineStore("/b").PathFor(plan.Cells[0].Key, fingerprint), path);
    }

    [Fact]
    public async Task The_named_cell_opens_its_own_settings_on_the_real_runtime()
    {
        using var dir = new TempDir();
        var plan = Plan();
        var factory = new RecordingFactory();
        var inputs = plan.Cells.Select(_ => new CellInputs([.. SmokeSuite.Load().Take(1)], "/m", new ByteTokenizer(), factory, new GenerationSettings { MaxNewTokens = 2 })).ToList();
        using var sampler = new EnergySampler([], SamplerOptions.Default, TimeProvider.System);
        sampler.Start();
        var header = new RunHeader("h", "test", DateTimeOffset.UnixEpoch, [.. plan.Cells.Select(c => c.Id)], new Dictionary<string, string>());
        await using (var journal = await ResultsJournal.OpenAsync(dir.File("run.jsonl"), header, resume: false))
        {
            await new RunExecutor(sampler, TimeSpan.Zero).ExecuteAsync(plan, inputs, journal);
        }
        Assert.Equal([null, "bfloat16"], factory.Opened.Select(r => r.DType).Order());
        var cells = (await ResultsJournal.ReadAsync(dir.File("run.jsonl"))).Records.OfType<SampleRecord>().Select(s => s.Cell).Distinct().Order();
        Assert.Equal(["smoke/tiny/torch-bf16/cpu", "smoke/tiny/torch/cpu"], cells);
    }

    [Fact]
    public void The_candidate_takes_the_runtime_version_of_the_real_runtime()
    {
        var facts = new Dictionary<string, string>
        {
            ["cpu_model"] = "cpu",
            ["runtime.torch"] = "2.5.1",
            [RunPreparation.RuntimeOfKey("torch-bf16")] = "torch",
        };
        var empty = new Dictionary<string, double[]>();
        var summary = new RunSummaryFile(new RunHeader("h", "test", DateTimeOffset.UnixEpoch, [], facts), "run.jsonl",
            [new CellSummary("smoke/tiny/torch/cpu", "Estimated", 1, empty, empty, new Dictionary<string, bool[]>()),
             new CellSummary("smoke/tiny/torch-bf16/cpu", "Estimated", 1, empty, empty, new Dictionary<string, bool[]>())]);
        var candidate = CandidateBuilder.Build(summary, "box", "abc");
        Assert.Equal(["2.5.1", "2.5.1"], candidate.Cells.Select(c => c.UnderTest.Settings.GetValueOrDefault(UnderTest.RuntimeVersion)));
        Assert.Equal("torch-bf16", candidate.Cells[1].Cell.Runtime);
    }
}
