using EnergyGate.Core;
using EnergyGate.Core.Models.Onnx.Proto;
using EnergyGate.Core.Models.Safetensors;
using EnergyGate.Runtimes.Tests.TestSupport;

namespace EnergyGate.Runtimes.Tests.Models;

public sealed class SafetensorsTests(TinyModelFixture tiny) : IClassFixture<TinyModelFixture>
{
    [Fact]
    public void Header_is_8_byte_aligned_json_with_contiguous_f32_tensors()
    {
        var path = Path.Combine(tiny.Folder, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        long headerLength = BitConverter.ToInt64(bytes, 0);
        Assert.Equal(0, (8 + headerLength) % 8);

        var file = SafetensorsFile.Open(path);
        Assert.Equal(8 + headerLength, file.DataStart);
        Assert.Equal("pt", file.Metadata["format"]);
        var spec = tiny.Spec;
        Assert.Equal(2 + 2 + 12 * spec.Layers + 1, file.Entries.Count);
        Assert.Equal([spec.Vocab, spec.Hidden], file.Entries["transformer.wte.weight"].Shape);
        Assert.Equal([spec.Context, spec.Hidden], file.Entries["transformer.wpe.weight"].Shape);
        Assert.Equal([spec.Hidden, 3L * spec.Hidden], file.Entries["transformer.h.0.attn.c_attn.weight"].Shape);
        Assert.Equal([4L * spec.Hidden, spec.Hidden], file.Entries["transformer.h.1.mlp.c_proj.weight"].Shape);
        Assert.Equal([spec.Vocab, spec.Hidden], file.Entries["lm_head.weight"].Shape);
        Assert.All(file.Entries.Values, e => Assert.Equal("F32", e.DType));

        // Tensors tile the data section in name order with no gaps, up to the end of the file.
        var ordered = file.Entries.Values.OrderBy(e => e.Begin).ToList();
        Assert.Equal(0, ordered[0].Begin);
        Assert.All(ordered.Zip(ordered.Skip(1)), p => Assert.Equal(p.First.End, p.Second.Begin));
        Assert.Equal(bytes.LongLength - file.DataStart, ordered[^1].End);
        Assert.Equal(file.Entries.Keys.Order(StringComparer.Ordinal), ordered.Select(e => e.Name));
        Assert.Equal(spec.ParameterCount * 4, ordered[^1].End);
    }

    [Fact]
    public void Tensor_bytes_equal_the_onnx_initializers()
    {
        var file = SafetensorsFile.Open(Path.Combine(tiny.Folder, "model.safetensors"));
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(tiny.Folder, "model.onnx")));
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        foreach (var entry in file.Entries.Values)
        {
            var t = initializers[entry.Name];
            Assert.Equal(entry.Shape, t.Dims);
            Assert.Equal(file.ReadBytes(entry.Name), t.RawData.ToByteArray());
        }
    }

    [Fact]
    public void Truncated_file_is_a_clear_error()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "bad.safetensors");
        var bytes = File.ReadAllBytes(Path.Combine(tiny.Folder, "model.safetensors"));
        File.WriteAllBytes(path, bytes[..(bytes.Length - 4)]);
        var e = Assert.Throws<EnergyGateException>(() => SafetensorsFile.Open(path));
        Assert.Contains("do not match its shape or the file", e.Message, StringComparison.Ordinal);
    }
}
