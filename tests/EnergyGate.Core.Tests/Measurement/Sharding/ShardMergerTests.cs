using EnergyGate.Core.Measurement;
using EnergyGate.Core.Measurement.Sharding;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Measurement.Sharding;

/// <summary>
/// Merging shard results: a complete set becomes one whole-plan file whose per-task scores and
/// pass@k cover every task; anything that would make the merged numbers wrong is refused by name.
/// </summary>
public sealed class ShardMergerTests : IDisposable
{
    private const string Cell = "smoke/tiny/onnx/cpu";
    private const int Repetitions = 2;
    private static readonly string[] AllTasks = ["t0", "t1", "t2", "t3"];
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Tasks t0..t3: t1 fails, the others pass (pass@1 = 0.75 over the whole plan).</summary>
    private static bool Passes(string task) => task != "t1";

    private static Dictionary<string, string> Fingerprint(string os = "Linux 6.8", string cpu = "AMD EPYC 7763") => new(StringComparer.Ordinal)
    {
        ["cpu_model"] = cpu,
        ["logical_cpus"] = "4",
        ["gpu_model"] = "none",
        ["meter_kind"] = "Estimated",
        ["os"] = os,
        ["memory_bytes"] = "16000000000",
        ["runtime.onnx"] = "1.23.0",
        ["model.tiny.sha256"] = "abc",
    };

    private async Task<string> Shard(int index, int count, string[] tasks, Dictionary<string, string>? fingerprint = null,
        int planUnits = 4, int? promisedSamples = null, string planHash = "plan", string host = "runner", int dropSamples = 0)
    {
        var path = _dir.File($"shard-{index}-of-{count}-{Guid.NewGuid():N}.jsonl");
        var header = new RunHeader("settings", "1.0.0", DateTimeOffset.UnixEpoch.AddMinutes(index), [Cell], fingerprint ?? Fingerprint())
        {
            IdleWatts = new Dictionary<string, double> { ["cpu"] = index },
            Shard = new ShardInfo(index, count, planHash, tasks.Length, planUnits, promisedSamples ?? tasks.Length * Repetitions, $"{host}-{index}"),
        };
        await using var journal = await ResultsJournal.OpenAsync(path, header, resume: false);
        var samples = (from repetition in Enumerable.Range(0, Repetitions) from task in tasks select (repetition, task)).SkipLast(dropSamples).ToList();
        foreach (var (repetition, task) in samples)
        {
            await journal.AppendAsync(new SampleRecord
            {
                Cell = Cell, Repetition = repetition, TaskId = task, SampleIndex = 0, PromptTokens = 10, GeneratedTokens = 5,
                StopReason = "Eos", PrefillSeconds = 0.001, TtftSeconds = 0.001, DecodeSeconds = 0.01, PrefillJoules = 0.1, DecodeJoules = 0.5,
                EnergyKind = "Estimated", Domains = [], Completion = "return 1",
            });
        }
        foreach (var (repetition, task) in samples)
        {
            await journal.AppendAsync(new ScoreRecord(Cell, repetition, task, 0, Passes(task), Passes(task) ? "passed" : "failed"));
        }
        return path;
    }

    private async Task<EnergyGateException> Refused(params string[] shards) =>
        await Assert.ThrowsAsync<EnergyGateException>(() => ShardMerger.MergeAsync(shards, _dir.File("merged.jsonl")));

    [Fact]
    public async Task A_complete_set_merges_into_a_whole_plan_file_scored_over_every_task()
    {
        var second = await Shard(2, 2, ["t1", "t3"], Fingerprint(os: "Linux 6.11"));
        var first = await Shard(1, 2, ["t0", "t2"]);
        var merged = _dir.File("out/merged.jsonl");
        var outcome = await ShardMerger.MergeAsync([second, first], merged);
        Assert.Equal((2, 4, 8), (outcome.Shards, outcome.Units, outcome.Samples));
        Assert.Equal(["runner-1", "runner-2"], outcome.Hosts);
        Assert.DoesNotContain(_dir.AllFiles(), f => f.EndsWith(".tmp", StringComparison.Ordinal));

        var (records, _) = await ResultsJournal.ReadAsync(merged);
        var header = Assert.IsType<RunHeader>(records[0]);
        Assert.Null(header.Shard);
        Assert.Equal([1, 2], header.MergedShards!.Select(s => s.Index));
        Assert.Equal("Linux 6.11 | Linux 6.8", header.Fingerprint["os"]);   // instances of one machine class may differ here
        Assert.Equal("AMD EPYC 7763", header.Fingerprint["cpu_model"]);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMinutes(1), header.StartedAt);
        Assert.Equal(1.5, header.IdleWatts["cpu"]);
        var expected = from r in Enumerable.Range(0, Repetitions) from t in AllTasks select new SampleKey(Cell, r, t, 0);
        Assert.Equal(expected.ToHashSet(), records.OfType<SampleRecord>().Select(s => s.Key).ToHashSet());
        Assert.Equal(8, records.OfType<ScoreRecord>().Count());

        var summary = await RunResults.LoadAsync(merged, [new EnergyGate.Core.Configuration.SuiteSettings("smoke", null, [1], 1)]);
        var cell = Assert.Single(summary.Cells);
        Assert.Equal(4, cell.Problems);
        Assert.Equal([0.75, 0.75], cell.Accuracy["pass@1"]);
        Assert.Equal(["t0", "t1", "t2", "t3"], cell.Outcomes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([false, false], cell.Outcomes["t1"]);
    }

    [Fact]
    public async Task A_shard_on_its_own_is_not_gated()
    {
        var shard = await Shard(1, 2, ["t0", "t2"]);
        var error = await Assert.ThrowsAsync<EnergyGateException>(() => RunResults.LoadAsync(shard, []));
        Assert.StartsWith("EG2041", error.Message, StringComparison.Ordinal);
        Assert.Contains("shard 1/2", error.Message, StringComparison.Ordinal);
        Assert.Contains("merge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_different_cpu_model_is_refused_naming_both_files_and_the_field()
    {
        var first = await Shard(1, 2, ["t0", "t2"]);
        var second = await Shard(2, 2, ["t1", "t3"], Fingerprint(cpu: "Intel Xeon Platinum 8370C"));
        var error = await Refused(first, second);
        Assert.StartsWith("EG2042", error.Message, StringComparison.Ordinal);
        Assert.Contains("fingerprint `cpu_model` differs", error.Message, StringComparison.Ordinal);
        Assert.Contains(first, error.Message, StringComparison.Ordinal);
        Assert.Contains(second, error.Message, StringComparison.Ordinal);
        Assert.Contains("Intel Xeon Platinum 8370C", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_model_weights_or_another_plan_are_refused()
    {
        var first = await Shard(1, 2, ["t0", "t2"]);
        var weights = Fingerprint();
        weights["model.tiny.sha256"] = "def";
        Assert.Contains("fingerprint `model.tiny.sha256` differs", (await Refused(first, await Shard(2, 2, ["t1", "t3"], weights))).Message, StringComparison.Ordinal);
        Assert.Contains("plan hash", (await Refused(first, await Shard(2, 2, ["t1", "t3"], planHash: "other"))).Message, StringComparison.Ordinal);
        Assert.Contains("shard count differs", (await Refused(first, await Shard(2, 3, ["t1", "t3"]))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_shard_is_named_with_the_ones_present()
    {
        var error = await Refused(await Shard(1, 4, ["t0"]), await Shard(3, 4, ["t2"]), await Shard(4, 4, ["t3"]));
        Assert.Contains("shard 2/4 missing; have 1/4, 3/4, 4/4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_given_twice_is_refused()
    {
        var first = await Shard(1, 2, ["t0", "t2"]);
        var again = await Shard(1, 2, ["t0", "t2"]);
        var error = await Refused(first, again, await Shard(2, 2, ["t1", "t3"]));
        Assert.Contains("shard 1/2 is given twice", error.Message, StringComparison.Ordinal);
        Assert.Contains(again, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_with_a_line_duplicated_is_refused_naming_the_lines()
    {
        var first = await Shard(1, 2, ["t0", "t2"]);
        var lines = await File.ReadAllLinesAsync(first);
        await File.AppendAllLinesAsync(first, [lines[1]]);   // line 10 repeats line 2
        var error = await Refused(first, await Shard(2, 2, ["t1", "t3"]));
        Assert.StartsWith($"EG2044: {first}:10: line 10 repeats sample (cell {Cell}, rep 0, task t0, sample 0) first seen on line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_in_two_shards_is_refused()
    {
        var error = await Refused(await Shard(1, 2, ["t0", "t1"]), await Shard(2, 2, ["t1", "t2", "t3"]));
        Assert.Contains($"work unit (cell `{Cell}`, task `t1`) appears in", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unfinished_shard_is_refused_with_how_to_finish_it()
    {
        var unfinished = await Shard(2, 2, ["t1", "t3"], dropSamples: 1);
        var error = await Refused(await Shard(1, 2, ["t0", "t2"]), unfinished);
        Assert.Contains($"{unfinished} (shard 2/2) is incomplete: 3 of 4 samples", error.Message, StringComparison.Ordinal);
        Assert.Contains("--shard 2/2", error.Message, StringComparison.Ordinal);
        Assert.Contains("--resume", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shards_that_do_not_cover_the_plan_are_refused()
    {
        var error = await Refused(await Shard(1, 2, ["t0"], planUnits: 4), await Shard(2, 2, ["t1", "t3"], planUnits: 4));
        Assert.Contains("the shards hold 3 work units, the plan has 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_plan_file_is_not_a_shard()
    {
        var whole = _dir.File("whole.jsonl");
        await using (var journal = await ResultsJournal.OpenAsync(whole, new RunHeader("settings", "1.0.0", DateTimeOffset.UnixEpoch, [Cell], Fingerprint()), resume: false))
        {
        }
        var error = await Refused(whole);
        Assert.Contains($"EG2043: {whole} is not a shard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_shard_of_a_plan_with_fewer_units_than_shards_merges()
    {
        var shards = new[] { await Shard(1, 3, ["t0", "t2"], planUnits: 4), await Shard(2, 3, ["t1", "t3"], planUnits: 4), await Shard(3, 3, [], planUnits: 4) };
        var outcome = await ShardMerger.MergeAsync(shards, _dir.File("merged.jsonl"));
        Assert.Equal(3, outcome.Shards);
        Assert.Equal(8, outcome.Samples);
    }

    [Fact]
    public async Task Resuming_a_shard_file_as_another_shard_is_refused()
    {
        var path = await Shard(1, 2, ["t0", "t2"]);
        var other = new RunHeader("settings", "1.0.0", DateTimeOffset.UnixEpoch, [Cell], Fingerprint())
        {
            Shard = new ShardInfo(2, 2, "plan", 2, 4, 4, "runner"),
        };
        var error = await Assert.ThrowsAsync<EnergyGateException>(() => ResultsJournal.OpenAsync(path, other, resume: true));
        Assert.Contains("it holds shard 1/2 of plan plan, this run is shard 2/2", error.Message, StringComparison.Ordinal);
    }
}
