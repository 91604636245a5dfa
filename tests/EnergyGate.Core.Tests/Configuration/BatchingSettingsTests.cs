using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation.Batching;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Core.Tests.Configuration;

/// <summary>decoding.batch-size, batch-sizes and continuous: parsed, resolved into cells, refused where a runtime cannot batch.</summary>
public sealed class BatchingSettingsTests
{
    private static ResolvedSettings Resolve(string yaml) =>
        SettingsResolver.Resolve(ConfigText.Parse(yaml), new Dictionary<string, string?>(), CliOverrides.None, "/home/u");

    [Fact]
    public void Without_a_batch_key_every_cell_decodes_one_sequence_at_a_time_under_its_old_key()
    {
        var settings = Resolve("version: 1\nsuites: [{name: smoke}]\n");
        Assert.Equal([RunCell.Unbatched], settings.Batches);
        Assert.Equal("smoke/tiny/onnx/cpu", RunPlan.Create(settings).Cells.Single().Id);
    }

    [Fact]
    public void A_sweep_makes_a_cell_per_batch_size_continuous_by_default()
    {
        var settings = Resolve("version: 1\nsuites: [{name: smoke}]\nruntimes:\n  - {runtime: onnx, provider: cpu}\n  - {runtime: torch, provider: cpu}\ndecoding:\n  batch-sizes: [1, 4, 16]\n");
        Assert.Equal([RunCell.Unbatched, new BatchOptions(4, true), new BatchOptions(16, true)], settings.Batches);
        Assert.Equal(
            ["smoke/tiny/onnx/cpu", "smoke/tiny/onnx+cb4/cpu", "smoke/tiny/onnx+cb16/cpu", "smoke/tiny/torch/cpu", "smoke/tiny/torch+cb4/cpu", "smoke/tiny/torch+cb16/cpu"],
            RunPlan.Create(settings).Cells.Select(c => c.Id));
    }

    [Fact]
    public void Static_batching_is_keyed_apart_from_continuous()
    {
        var settings = Resolve("version: 1\nsuites: [{name: smoke}]\ndecoding:\n  batch-size: 8\n  continuous: false\n");
        Assert.Equal([new BatchOptions(8, false)], settings.Batches);
        Assert.Equal("smoke/tiny/onnx+b8/cpu", RunPlan.Create(settings).Cells.Single().Id);
    }

    [Theory]
    [InlineData("decoding:\n  batch-size: 0\n", "energygate.yml:3:15: decoding.batch-size:")]
    [InlineData("decoding:\n  batch-size: 257\n", "energygate.yml:3:15: decoding.batch-size:")]
    [InlineData("decoding:\n  batch-size: 4\n  batch-sizes: [1, 4]\n", "energygate.yml:3:15: decoding.batch-size: give `batch-size` (one size) or `batch-sizes` (a sweep), not both")]
    [InlineData("decoding:\n  batch-sizes: [4, 1]\n", "energygate.yml:3:20: decoding.batch-sizes[1]: 1 comes after 4; list each batch size once, in increasing order")]
    [InlineData("decoding:\n  batch-sizes: []\n", "energygate.yml:3:16: decoding.batch-sizes:")]
    [InlineData("decoding:\n  continuous: maybe\n", "energygate.yml:3:15: decoding.continuous:")]
    [InlineData("runtimes:\n  - {runtime: onnx, provider: cpu}\n  - {runtime: torch, provider: cuda}\n  - {runtime: onnx, provider: tensorrt}\ndecoding:\n  batch-sizes: [1, 4]\n",
        "energygate.yml:7:16: decoding.batch-sizes: runtime `onnx` batches on `cpu`, not `tensorrt` (runtimes[2]); measure that entry in a plan without batching")]
    [InlineData("runtimes:\n  - {runtime: openai, provider: remote, base-url: \"http://127.0.0.1:8000\"}\ndecoding:\n  batch-size: 4\n",
        "energygate.yml:5:15: decoding.batch-size: runtime `openai` decodes one sequence at a time; batch sizes above 1 run on `onnx`, `torch`, `llamacpp` (runtimes[0])")]
    [InlineData("runtimes:\n  - {runtime: onnx, provider: cuda}\ndecoding:\n  batch-size: 2\n",
        "energygate.yml:5:15: decoding.batch-size: runtime `onnx` batches on `cpu`, not `cuda` (runtimes[0])")]
    public void Bad_batch_settings_say_where_and_what_to_do(string body, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => Resolve("version: 1\n" + body));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_size_one_in_a_plan_with_a_runtime_that_does_not_batch_is_accepted()
    {
        var settings = Resolve("version: 1\nruntimes:\n  - {runtime: llamacpp, provider: cpu}\ndecoding:\n  batch-size: 1\n");
        Assert.Equal([RunCell.Unbatched], settings.Batches);
    }
}
