using System.Text.Json;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Measurement.Generators;
using EnergyGate.Core.Runtimes.Served;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Tests.Generation.Fakes;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Runtimes.Served;

/// <summary>The openai runtime against a fake streaming server: phases, counts, concurrency, key, errors, energy.</summary>
public sealed class OpenAiGeneratorTests
{
    private const string Key = "sk-test-secret-4242";

    private static readonly IReadOnlyList<(int, string)> ThreeChunks = [(30, "abc"), (20, "de"), (20, "f")];

    private static (RunCell Cell, CellInputs Input) Cell(string baseUrl, string extra = "")
    {
        var options = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["base-url"] = baseUrl };
        foreach (var pair in extra.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (k, v) = (pair.Split('=')[0], pair.Split('=')[1]);
            options[k] = v;
        }
        var runtime = new RuntimeSettings("openai", "remote", 0, 0, false) { Options = options };
        var cell = new RunCell(new SuiteSettings("smoke", null, [1], 1), new ModelSettings("served", "builtin:tiny", null), runtime);
        var problems = Enumerable.Range(0, 6).Select(i => (IBenchmarkTask)new CodeProblem($"t{i}", $"def f{i}():\n", $"f{i}", "", "")).ToList();
        return (cell, new CellInputs(problems, "/m", new ByteTokenizer(), new OpenAiRuntime(n => n == "TEST_KEY" ? Key : null), new GenerationSettings { MaxNewTokens = 40, StopStrings = ["\nclass"] }));
    }

    private static List<SampleRequest> Work(CellInputs input, int count) =>
        [.. input.Problems.Take(count).Select(p => new SampleRequest(p, 0, input.Tokenizer.Encode(p.Prompt), input.Decoding, GenerationHooks.None, null))];

    private static async Task<List<MeasuredSample>> RunAsync(RunCell cell, CellInputs input, EnergySampler sampler, int count)
    {
        using var generator = CellGenerators.Open(cell, input, sampler, TimeProvider.System);
        var samples = new List<MeasuredSample>();
        await foreach (var s in generator.RunAsync(Work(input, count), CancellationToken.None))
        {
            samples.Add(s);
        }
        return samples;
    }

    [Fact]
    public async Task Phases_come_from_the_stream_and_usage_gives_the_counts()
    {
        await using var server = new FakeOpenAiServer(_ => (ThreeChunks, Usage: true));
        var (cell, input) = Cell(server.BaseUrl, "model=qwen,api-key-env=TEST_KEY");
        using var sampler = new EnergySampler([new WallClockMeter()], SamplerOptions.Default, TimeProvider.System);

        var sample = Assert.Single(await RunAsync(cell, input, sampler, 1));

        var t = sample.Result.Timeline;
        Assert.True(t.PrefillStart < t.PrefillEnd && t.PrefillEnd == t.TokenTimes[0] && t.TokenTimes[^1] <= t.End);
        // Usage says 40 completion tokens and 7 prompt tokens; the tokenizer would have said 6 and 9.
        Assert.Equal((7, 40), (sample.Result.PromptTokenCount, sample.Result.GeneratedTokenCount));
        Assert.Equal(40, t.TokenTimes.Count);
        Assert.Equal(("abcdef", StopReason.MaxNewTokens), (sample.Result.Completion, sample.Result.StopReason));
        // Three chunks at three moments: the first chunk's three byte tokens share its arrival.
        Assert.Equal(3, t.TokenTimes.Distinct().Count());
        var body = Assert.Single(server.Bodies);
        Assert.Equal(("qwen", "def f0():\n", 40, true), (body.GetProperty("model").GetString(), body.GetProperty("prompt").GetString(), body.GetProperty("max_tokens").GetInt32(), body.GetProperty("stream").GetBoolean()));
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(["\nclass"], body.GetProperty("stop").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal($"Bearer {Key}", Assert.Single(server.Authorizations));
    }

    [Fact]
    public async Task A_chat_prompt_is_sent_as_rendered_not_as_the_tasks_prompt()
    {
        await using var server = new FakeOpenAiServer(_ => (ThreeChunks, Usage: true));
        var (cell, input) = Cell(server.BaseUrl);
        using var sampler = new EnergySampler([new WallClockMeter()], SamplerOptions.Default, TimeProvider.System);
        const string Rendered = "<|im_start|>user\ndef f0():<|im_end|>\n<|im_start|>assistant\n```python\n";
        var work = Work(input, 1)[0];
        work = work with { PromptIds = input.Tokenizer.Encode(Rendered), PromptText = Rendered };

        using var generator = CellGenerators.Open(cell, input, sampler, TimeProvider.System);
        await foreach (var _ in generator.RunAsync([work], CancellationToken.None))
        {
        }

        Assert.Equal(Rendered, Assert.Single(server.Bodies).GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task Without_usage_the_tokenizer_counts_and_the_suites_stop_strings_cut_the_completion()
    {
        await using var server = new FakeOpenAiServer(_ => ([(10, "return 1"), (10, "\nclass X"), (10, "never read")], Usage: false));
        var (cell, input) = Cell(server.BaseUrl + "/v1");
        using var sampler = new EnergySampler([new WallClockMeter()], SamplerOptions.Default, TimeProvider.System);

        var sample = Assert.Single(await RunAsync(cell, input, sampler, 1));

        Assert.Equal((4, 16), (sample.Result.PromptTokenCount - 6, sample.Result.GeneratedTokenCount));
        Assert.Equal(("return 1", "return 1\nclass X", StopReason.StopString), (sample.Result.Completion, sample.Result.RawText, sample.Result.StopReason));
        Assert.Equal(sample.Result.GeneratedIds, new ByteTokenizer().Encode("return 1\nclass X"));
        Assert.Equal(16, sample.TokenTextEnds.Count);
        Assert.Null(Assert.Single(server.Authorizations));
    }

    [Fact]
    public async Task Concurrency_keeps_at_most_that_many_requests_in_flight_and_shares_add_up_to_the_in_flight_energy()
    {
        await using var server = new FakeOpenAiServer(_ => ThreeChunks.ToList() is var c ? (c, Usage: false) : default);
        var (cell, input) = Cell(server.BaseUrl, "concurrency=2");
        using var sampler = new EnergySampler([new WallClockMeter()], SamplerOptions.Default, TimeProvider.System);

        var samples = await RunAsync(cell, input, sampler, 6);

        Assert.Equal(6, samples.Count);
        Assert.Equal(2, server.MaxInFlight);
        Assert.All(samples, s => Assert.InRange(s.BatchOccupancy!.Value, 1, 2));
        // Every in-flight interval's energy is divided among its requests: over the pass they add up to
        // the energy of the union of the requests' lifetimes, computed from the same counter readings.
        var snapshot = sampler.Snapshot();
        var intervals = Union(samples.Select(s => (s.Result.Timeline.PrefillStart, s.Result.Timeline.End)));
        var expected = intervals.Sum(i => SharedAttribution.StepJoules(snapshot, 0, new(i.Start, i.End, 1)).Joules);
        Assert.Equal(expected, samples.Sum(s => s.Energy.Sum(d => d.TotalJoules)), 6);
    }

    [Fact]
    public async Task Domains_that_count_this_process_are_left_out_so_a_remote_server_is_not_measured()
    {
        await using var server = new FakeOpenAiServer(_ => (ThreeChunks, Usage: true));
        var (cell, input) = Cell(server.BaseUrl);
        using var sampler = new EnergySampler([new WallClockMeter(chargesThisProcess: true)], SamplerOptions.Default, TimeProvider.System);

        var sample = Assert.Single(await RunAsync(cell, input, sampler, 1));

        Assert.Empty(sample.Energy);
        var record = SampleMeasurement.ToRecord(cell.Id, 0, "t0", 0, sample.Result, sample.Energy, sample.TokenTextEnds);
        Assert.Equal("NotMeasured", record.EnergyKind);
    }

    [Theory]
    [InlineData(401, """{"error":{"message":"Invalid API key sk-test-secret-4242","type":"invalid_request_error","code":"invalid_api_key"}}""", "answered 401 Unauthorized: Invalid API key ***; check the key in the environment variable `TEST_KEY`")]
    [InlineData(500, """{"error":{"message":"CUDA out of memory","type":"server_error"}}""", "answered 500 InternalServerError: CUDA out of memory; the server failed")]
    [InlineData(404, """{"detail":"Not Found"}""", "answered 404 NotFound: Not Found; check `base-url`")]
    public async Task Http_errors_name_the_status_the_servers_message_and_the_url_never_the_key(int status, string body, string expected)
    {
        await using var server = new FakeOpenAiServer(_ => (ThreeChunks, true), status, body);
        var (cell, input) = Cell(server.BaseUrl, "api-key-env=TEST_KEY");
        using var sampler = new EnergySampler([new WallClockMeter()], SamplerOptions.Default, TimeProvider.System);

        var e = await Assert.ThrowsAsync<EnergyGateException>(() => RunAsync(cell, input, sampler, 2));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains($"{server.BaseUrl}/v1/completions", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_says_no_server_is_running_at_the_url()
    {
        var url = $"http://127.0.0.1:{LocalHttpServer.FreePort()}";
        var (cell, input) = Cell(url, "api-key-env=TEST_KEY");
        using var sampler = new EnergySampler([new WallClockMeter()], SamplerOptions.Default, TimeProvider.System);

        var e = await Assert.ThrowsAsync<EnergyGateException>(() => RunAsync(cell, input, sampler, 1));

        Assert.Contains($"no server is running at {url}/v1/completions (connection refused)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_key_variable_is_named()
    {
        var (cell, input) = Cell("http://127.0.0.1:9", "api-key-env=UNSET_KEY");
        using var sampler = new EnergySampler([new WallClockMeter()], SamplerOptions.Default, TimeProvider.System);

        var e = Assert.Throws<EnergyGateException>(() => CellGenerators.Open(cell, input, sampler, TimeProvider.System));

        Assert.Contains("`api-key-env: UNSET_KEY` names an environment variable that is not set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_reaches_the_server_and_never_the_results_journal()
    {
        await using var server = new FakeOpenAiServer(_ => (ThreeChunks, Usage: true));
        var (cell, input) = Cell(server.BaseUrl, "api-key-env=TEST_KEY,concurrency=3");
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        using var sampler = new EnergySampler([new WallClockMeter()], SamplerOptions.Default, TimeProvider.System);
        var settings = new ResolvedSettings(null, "/c", "/r", [cell.Suite], new SandboxOptions())
        {
            Runtimes = [cell.Runtime],
            Models = [cell.Model],
            Measurement = MeasurementSettings.Default with { Repetitions = 2, Warmup = 1 },
        };
        var plan = RunPlan.Create(settings);
        var header = new RunHeader("h", "test", DateTimeOffset.UnixEpoch, [], new Dictionary<string, string>());
        await using (var journal = await ResultsJournal.OpenAsync(path, header, resume: false))
        {
            await new RunExecutor(sampler, TimeSpan.Zero).ExecuteAsync(plan, [input], journal);
        }

        Assert.All(server.Authorizations, a => Assert.Equal($"Bearer {Key}", a));
        Assert.Equal(2 + (6 * 2), server.Authorizations.Count);
        var text = await File.ReadAllTextAsync(path);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.Equal(12, text.Split('\n').Count(l => l.Contains("\"abcdef\"", StringComparison.Ordinal)));
    }

    private static List<(long Start, long End)> Union(IEnumerable<(long Start, long End)> spans)
    {
        var merged = new List<(long Start, long End)>();
        foreach (var (start, end) in spans.OrderBy(s => s.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }
        return merged;
    }
}
