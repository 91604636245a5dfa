using EnergyGate.Core.Models.Gguf;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Models.Gguf;

public sealed class GgufRoundTripTests
{
    [Fact]
    public void Every_metadata_type_and_tensor_info_reads_back_as_written()
    {
        using var dir = new TempDir();
        var path = dir.File("m.gguf");
        var w = new GgufWriter();
        w.AddString("general.architecture", "llama");
        w.AddUInt32("llama.context_length", 128);
        w.AddInt32("test.int", -7);
        w.AddFloat32("test.float", 1.5e-5f);
        w.AddBool("test.bool", true);
        w.AddString("test.unicode", "naïve λ 🙂");
        w.AddStringArray("test.strings", ["a", "", "Ġb"]);
        w.AddInt32Array("test.ints", [1, -2, 3]);
        w.AddFloat32Array("test.floats", [0.25f, -1f]);
        w.AddTensor("matrix", [3, 2], GgmlType.F32, new byte[3 * 2 * 4]);
        w.AddTensor("halves", [5], GgmlType.F16, new byte[5 * 2]);
        w.WriteFile(path);

        var h = GgufReader.ReadHeader(path);

        Assert.Equal(3u, h.Version);
        Assert.Equal("llama", h.Architecture);
        Assert.Equal(128, h.ContextLength);
        Assert.Equal(-7, (int)h.Find("test.int")!.Value);
        Assert.Equal(1.5e-5f, (float)h.Find("test.float")!.Value);
        Assert.True((bool)h.Find("test.bool")!.Value);
        Assert.Equal("naïve λ 🙂", h.GetString("test.unicode"));
        Assert.Equal(["a", "", "Ġb"], (string[])((GgufArray)h.Find("test.strings")!.Value).Values);
        Assert.Equal([1, -2, 3], (int[])((GgufArray)h.Find("test.ints")!.Value).Values);
        Assert.Equal([0.25f, -1f], (float[])((GgufArray)h.Find("test.floats")!.Value).Values);
        Assert.Equal(32u, h.Alignment);
        Assert.Equal(32u, h.Find("general.alignment")!.Value);

        // ggml lists the contiguous dimension first: numpy [3, 2] is ne {2, 3}.
        Assert.Equal([2L, 3L], h.Tensors[0].Dimensions);
        Assert.Equal([3L, 2L], h.Tensors[0].Shape);
        Assert.Equal((GgmlType.F32, 0ul), (h.Tensors[0].Type, h.Tensors[0].Offset));
        // 24 bytes of F32 pad to 32 before the next tensor.
        Assert.Equal((GgmlType.F16, 32ul, 10L), (h.Tensors[1].Type, h.Tensors[1].Offset, h.Tensors[1].ByteSize));
        Assert.Equal(0, h.DataOffset % 32);
        Assert.Equal(h.DataOffset + 32 + 32, new FileInfo(path).Length);
    }

    [Fact]
    public void Tensor_data_lies_at_the_data_offset_plus_the_tensor_offset()
    {
        using var dir = new TempDir();
        var path = dir.File("m.gguf");
        var w = new GgufWriter();
        w.AddString("general.architecture", "gpt2");
        w.AddUInt32("gpt2.context_length", 4);
        w.AddTensor("a", [1], GgmlType.F32, BitConverter.GetBytes(1.25f));
        w.AddTensor("b", [1], GgmlType.F32, BitConverter.GetBytes(-3f));
        w.WriteFile(path);

        var h = GgufReader.ReadHeader(path);
        var bytes = File.ReadAllBytes(path);

        Assert.Equal(-3f, BitConverter.ToSingle(bytes, (int)(h.DataOffset + (long)h.Tensors[1].Offset)));
        Assert.Equal(1.25f, BitConverter.ToSingle(bytes, (int)h.DataOffset));
        Assert.Equal(["a", "b"], h.Tensors.Select(t => t.Name));
    }

    [Fact]
    public void A_tensor_whose_bytes_do_not_match_its_shape_is_refused()
    {
        var w = new GgufWriter();
        Assert.Throws<ArgumentException>(() => w.AddTensor("x", [2, 2], GgmlType.F16, new byte[16]));
    }

    [Fact]
    public void Quantized_types_keep_their_ggml_ids_and_block_sizes()
    {
        Assert.Equal((8u, 12u, 14u), ((uint)GgmlType.Q8_0, (uint)GgmlType.Q4_K, (uint)GgmlType.Q6_K));
        Assert.Equal(34L * 4, GgmlTypes.ByteSize(GgmlType.Q8_0, 128));
        Assert.Equal(18L * 4, GgmlTypes.ByteSize(GgmlType.Q4_0, 128));
        Assert.Equal(144L, GgmlTypes.ByteSize(GgmlType.Q4_K, 256));
        Assert.Null(GgmlTypes.ByteSize(GgmlType.IQ2_XXS, 256));
    }
}
