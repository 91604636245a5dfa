using System.Text.Json;

namespace EnergyGate.Tool.Tests;

/// <summary>End to end on the built-in tiny model: generate, model tiny, run with per-phase energy.</summary>
public sealed class RunAndGenerateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Generate_prints_the_completion_and_phase_figures_as_json()
    {
        var run = await ToolRunner.RunAsync("generate", "--prompt", "def add(a, b):\n", "--max-new-tokens", "12", "--no-stop",
            "--cache-dir", _dir, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(12, json.RootElement.GetProperty("generated_tokens").GetInt32());
        Assert.True(json.RootElement.GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.True(json.RootElement.GetProperty("prefill_ms").GetDouble() > 0);
        Assert.Equal("MaxNewTokens", json.RootElement.GetProperty("stop_reason").GetString());
        Assert.StartsWith("onnx/cpu builtin-tiny-", json.RootElement.GetProperty("session").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_on_the_shared_model_with_its_oversized_tokenizer_is_a_clear_error()
    {
        var run = await ToolRunner.RunAsync("generate", "--model", Path.Combine(ToolRunner.SharedDir, "models", "tiny-random-gpt2"), "--prompt", "def f(x):");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("outside the model's vocabulary of 1000 ids", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_tiny_writes_every_format()
    {
        var folder = Path.Combine(_dir, "m");
        var run = await ToolRunner.RunAsync("model", "tiny", "--out", folder, "--layers", "1", "--hidden", "32");
        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var file in new[] { "model.onnx", "model.safetensors", "config.json", "tokenizer.json", "genai_config.json" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }
        var bad = await ToolRunner.RunAsync("model", "tiny", "--out", folder, "--hidden", "30", "--heads", "4");
        Assert.Equal(2, bad.ExitCode);
    }

    [Fact]
    public async Task Model_tiny_llama_is_written_and_generates()
    {
        var folder = Path.Combine(_dir, "llama");
        var run = await ToolRunner.RunAsync("model", "tiny", "--out", folder, "--architecture", "llama", "--kv-heads", "1", "--intermediate", "128");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("llama, 2 layers, hidden 64, 4 heads, 1 kv heads, intermediate 128", run.Output, StringComparison.Ordinal);
        using (var config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "config.json"))))
        {
            Assert.Equal(1, config.RootElement.GetProperty("num_key_value_heads").GetInt32());
        }

        var generated = await ToolRunner.RunAsync("generate", "--model", folder, "--prompt", "def add(a, b):", "--max-new-tokens", "8", "--no-stop", "--format", "json");
        Assert.True(generated.ExitCode == 0, generated.Error);
        using var json = JsonDocument.Parse(generated.Output);
        Assert.Equal(8, json.RootElement.GetProperty("generated_tokens").GetInt32());
        Assert.Equal("onnx/cpu llama", json.RootElement.GetProperty("session").GetString());

        var bad = await ToolRunner.RunAsync("model", "tiny", "--out", folder, "--architecture", "llama", "--heads", "4", "--kv-heads", "3");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("heads (4) must be a multiple of kv-heads (3)", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_on_the_default_configuration_records_estimated_prefill_and_decode_joules_per_sample()
    {
        var results = Path.Combine(_dir, "run.jsonl");
        var run = await ToolRunner.RunAsync("run", "--cache-dir", _dir, "--results", results, "--repetitions", "2", "--max-new-tokens", "16");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("| smoke/tiny/onnx/cpu | Estimated |", run.Output, StringComparison.Ordinal);
        Assert.Contains("| smoke-lcc/tiny/onnx/cpu | Estimated |", run.Output, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(results);
        var samples = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("type").GetString() == "sample").ToList();
        Assert.Equal(2 * (12 + 8), samples.Count);
        Assert.All(samples, s =>
        {
            Assert.Equal("Estimated", s.GetProperty("energy_kind").GetString());
            Assert.True(s.GetProperty("prefill_joules").GetDouble() >= 0);
            Assert.True(s.GetProperty("decode_joules").GetDouble() > 0);
        });
        Assert.Equal(40, lines.Count(l => l.Contains("\"type\":\"score\"", StringComparison.Ordinal)));
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "run.summary.json")));
        var cells = summary.RootElement.GetProperty("cells");
        Assert.Equal(2, cells[0].GetProperty("metrics").GetProperty("decode_joules_per_token").GetArrayLength());
        // Long prompts, short answers: the understanding cell spends far more of its energy in prefill.
        var codeShare = cells[0].GetProperty("metrics").GetProperty("prefill_share")[0].GetDouble();
        var understandingShare = cells[1].GetProperty("metrics").GetProperty("prefill_share")[0].GetDouble();
        Assert.True(understandingShare > codeShare, $"prefill share: understanding {understandingShare}, code {codeShare}");
        Assert.Equal(2, cells[1].GetProperty("accuracy").GetProperty("code_sim").GetArrayLength());

        var again = await ToolRunner.RunAsync("run", "--cache-dir", _dir, "--results", results, "--repetitions", "2", "--max-new-tokens", "16");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists; pass --resume", again.Error, StringComparison.Ordinal);
        var resumed = await ToolRunner.RunAsync("run", "--cache-dir", _dir, "--results", results, "--repetitions", "2", "--max-new-tokens", "16", "--resume");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(lines.Length, (await File.ReadAllLinesAsync(results)).Length);
        var otherSettings = await ToolRunner.RunAsync("run", "--cache-dir", _dir, "--results", results, "--repetitions", "3", "--resume");
        Assert.Equal(2, otherSettings.ExitCode);
        Assert.Contains("recorded with other settings", otherSettings.Error, StringComparison.Ordinal);

        // The header promises each cell's samples (2 repetitions x 12 code or 8 understanding tasks), so a cut run is known to be one.
        var expected = JsonDocument.Parse(lines[0]).RootElement.GetProperty("expected_samples");
        Assert.Equal((24, 16), (expected.GetProperty("smoke/tiny/onnx/cpu").GetInt32(), expected.GetProperty("smoke-lcc/tiny/onnx/cpu").GetInt32()));
        Assert.Equal(0, summary.RootElement.GetProperty("incomplete").GetArrayLength());
        await File.WriteAllLinesAsync(results, lines.Take(11));   // killed after 10 samples
        var finished = await ToolRunner.RunAsync("run", "--cache-dir", _dir, "--results", results, "--repetitions", "2", "--max-new-tokens", "16", "--resume");
        Assert.True(finished.ExitCode == 0, finished.Error);
        var after = await File.ReadAllLinesAsync(results);
        Assert.Equal((40, 40), (after.Count(l => l.Contains("\"type\":\"sample\"", StringComparison.Ordinal)), after.Count(l => l.Contains("\"type\":\"score\"", StringComparison.Ordinal))));
        using var resumedSummary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "run.summary.json")));
        Assert.Equal(0, resumedSummary.RootElement.GetProperty("incomplete").GetArrayLength());
    }
}

/// <summary>"Your own code as a suite": build lcc records from Python files in this repository, then run them.</summary>
public sealed class BuiltSuiteEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-built-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_suite_built_from_source_runs_with_per_phase_energy_and_a_similarity_score()
    {
        var suite = Path.Combine(_dir, "mine.jsonl");
        var build = await ToolRunner.RunAsync("suite", "build", "lcc", "--from", Path.Combine(ToolRunner.RepoRoot, "benchmarks"),
            "--language", "python", "--count", "3", "--seed", "7", "--out", suite);
        Assert.True(build.ExitCode == 0, build.Error);
        var config = Path.Combine(_dir, "energygate.yml");
        await File.WriteAllTextAsync(config, """
            version: 1
            cache-dir: cache
            measurement: {repetitions: 2, warmup: 0, idle-seconds: 0}
            suites:
              - name: lcc
                file: mine.jsonl
            """);
        var results = Path.Combine(_dir, "run.jsonl");
        var run = await ToolRunner.RunAsync("run", "--config", config, "--results", results);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("| lcc/tiny/onnx/cpu | Estimated |", run.Output, StringComparison.Ordinal);
        Assert.Contains("code_sim ", run.Output, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(results);
        Assert.Equal(6, lines.Count(l => l.Contains("\"type\":\"sample\"", StringComparison.Ordinal)));
        Assert.Equal(6, lines.Count(l => l.Contains("\"type\":\"score\"", StringComparison.Ordinal) && l.Contains("\"score\":", StringComparison.Ordinal)));
    }
}

/// <summary>Babbling suppression configured per suite, and the waste metrics a run reports.</summary>
public sealed class SuppressionRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-waste-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_syntax_suppressed_code_cell_records_its_strategy_and_the_summary_reports_babbling_and_amplification()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        await File.WriteAllTextAsync(config, """
            version: 1
            cache-dir: cache
            measurement: {repetitions: 2, warmup: 0, idle-seconds: 0}
            decoding: {max-new-tokens: 24}
            suites:
              - name: smoke
                suppression: syntax
              - name: smoke-lcc
            """);
        var results = Path.Combine(_dir, "run.jsonl");
        var run = await ToolRunner.RunAsync("run", "--config", config, "--results", results);
        Assert.True(run.ExitCode == 0, run.Error);
        var samples = (await File.ReadAllLinesAsync(results)).Where(l => l.Contains("\"type\":\"sample\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(24, samples.Count(l => l.Contains("\"suppression\":\"syntax\"", StringComparison.Ordinal)));
        Assert.Equal(16, samples.Count(l => l.Contains("\"suppression\":\"none\"", StringComparison.Ordinal)));
        using var summary = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "run.summary.json")));
        foreach (var cell in summary.RootElement.GetProperty("cells").EnumerateArray())
        {
            var metrics = cell.GetProperty("metrics");
            Assert.Equal(2, metrics.GetProperty("babble_share").GetArrayLength());
            Assert.Equal(2, metrics.GetProperty("max_tokens_share").GetArrayLength());
        }
        // The smoke prompts span several lengths, so decode J/token can be compared across them.
        Assert.True(summary.RootElement.GetProperty("cells")[0].GetProperty("metrics").TryGetProperty("prefill_amplification", out _));
    }
}

/// <summary>The suppression study and the prompt-length sweep end to end on the built-in model, into the report.</summary>
public sealed class WasteStudyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-study-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Check_with_the_study_and_a_sweep_reports_savings_per_strategy_and_prefill_amplification()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        await File.WriteAllTextAsync(config, """
            version: 1
            cache-dir: cache
            measurement: {repetitions: 2, warmup: 0, idle-seconds: 0}
            decoding: {max-new-tokens: 16}
            suites:
              - name: smoke
                limit: 3
            """);
        var report = Path.Combine(_dir, "report.md");
        var html = Path.Combine(_dir, "report.html");
        var check = await ToolRunner.RunAsync("check", "--config", config, "--suppression-study", "--prompt-lengths", "128,256,384", "--report", report, "--html", html);
        Assert.True(check.ExitCode == 0, check.Output + check.Error);   // no baselines: findings, not failures
        var markdown = await File.ReadAllTextAsync(report);
        Assert.Contains("## Babbling suppression study", markdown, StringComparison.Ordinal);
        foreach (var strategy in new[] { "stop-words", "syntax", "test-oracle" })
        {
            Assert.Contains($"| smoke/tiny/onnx/cpu | {strategy} |", markdown, StringComparison.Ordinal);
        }
        Assert.Contains("Prefill amplification: decode J/token of the longest prompts", markdown, StringComparison.Ordinal);
        Assert.Matches(@"## Prefill amplification\n\n- smoke\+none/tiny/onnx/cpu: Prefill amplification: decode J/token [+-]\d", markdown);
        Assert.Contains("| 0 -> 0 of 18 | 1 |", markdown, StringComparison.Ordinal);   // 3 problems x 3 lengths x 2 repetitions, none solved by a random model
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("<h3>Prefill amplification: smoke+none/tiny/onnx/cpu</h3>", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("<svg", page.IndexOf("Prefill amplification:", StringComparison.Ordinal), StringComparison.Ordinal) > 0);
    }

    [Fact]
    public async Task Prompt_lengths_beyond_the_model_context_are_a_clear_error()
    {
        var run = await ToolRunner.RunAsync("run", "--cache-dir", _dir, "--prompt-lengths", "128,4096", "--results", Path.Combine(_dir, "r.jsonl"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--prompt-lengths: 4096 do not fit the model's context of 512 tokens", run.Error, StringComparison.Ordinal);
    }
}
