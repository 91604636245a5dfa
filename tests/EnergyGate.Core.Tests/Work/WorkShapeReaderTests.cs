using EnergyGate.Core.Tests.TestSupport;
using EnergyGate.Core.Work;

namespace EnergyGate.Core.Tests.Work;

/// <summary>Where a model folder's shape comes from, and that an unknown one gives no work rather than a guess.</summary>
public sealed class WorkShapeReaderTests
{
    [Fact]
    public void Onnx_only_folder_is_read_from_genai_config_and_the_graph()
    {
        // Shared test model: 5 layers, 4 heads of 8, vocab 1000 (genai_config.json), no config.json.
        var shape = WorkShapeReader.Read(Path.Combine(RepoPaths.SharedDir, "models", "tiny-random-gpt2"));

        Assert.NotNull(shape);
        Assert.Equal(5L * 4 * 8, shape.AttentionWidth);
        Assert.Equal(5L * 4 * 8, shape.KvWidth);
        Assert.Equal(1000L * 32, shape.HeadMatmulWeights);
        // GPT-2 blocks: 4E^2 + 2EF with F = 4E per layer.
        Assert.Equal(5L * (4 * 32 * 32 + 2 * 32 * 128), shape.BlockMatmulWeights);
        Assert.StartsWith("genai_config.json", shape.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_without_a_description_has_no_shape()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("config.json"), """{"model_type": "mystery", "hidden_size": 64}""");

        Assert.Null(WorkShapeReader.Read(dir.Path));
    }

    [Fact]
    public void Runtime_dtype_halves_the_weight_bytes()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("config.json"), """
            {"model_type": "llama", "num_hidden_layers": 2, "hidden_size": 64, "num_attention_heads": 4, "num_key_value_heads": 2,
             "intermediate_size": 192, "vocab_size": 600, "tie_word_embeddings": true, "torch_dtype": "float32"}
            """);

        var fp32 = WorkShapeReader.Read(dir.Path)!;
        var bf16 = WorkShapeReader.Read(dir.Path, "bfloat16")!;

        Assert.Equal(fp32.WeightBytes, 2 * bf16.WeightBytes);
        Assert.Equal(600L * 64, fp32.HeadMatmulWeights);
        // Tied: the embedding is stored once, so the weights are V E + E + L (block + 2E).
        Assert.Equal(4L * (600 * 64 + 64 + 2 * (64 * 64 + 2 * 64 * 32 + 64 * 64 + 3 * 64 * 192 + 2 * 64)), fp32.WeightBytes);
    }

    [Fact]
    public void Sample_work_counts_prefill_once_and_each_decode_step()
    {
        var shape = new WorkShape(BlockMatmulWeights: 1000, HeadMatmulWeights: 100, AttentionWidth: 10, KvWidth: 5, WeightBytes: 4400, KvElementBytes: 4, "test");

        var work = WorkCount.ForSample(shape, promptTokens: 3, generatedTokens: 3);

        // Prefill: 3 x 2000 + 200 + 40 x (1 + 2 + 3); decode steps at contexts 4 and 5: 2 x 2200 + 40 x 9.
        Assert.Equal(6000 + 200 + 240, work.PrefillFlops);
        Assert.Equal(4400 + 360, work.DecodeFlops);
        Assert.Equal(2 * 4400 + 40 * 9, work.DecodeBytes);
        Assert.Equal(new SampleWork(work.PrefillFlops, 0, 0), WorkCount.ForSample(shape, 3, 1));
    }
}
