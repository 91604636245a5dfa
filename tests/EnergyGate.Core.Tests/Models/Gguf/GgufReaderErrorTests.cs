using EnergyGate.Core.Models.Gguf;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Models.Gguf;

/// <summary>Broken files written on purpose; each refusal is EG2060 and names the file and what was expected.</summary>
public sealed class GgufReaderErrorTests
{
    private static byte[] Valid(Action<GgufWriter>? extra = null, bool architecture = true, bool context = true)
    {
        var w = new GgufWriter();
        if (architecture)
        {
            w.AddString("general.architecture", "llama");
        }

        if (context)
        {
            w.AddUInt32("llama.context_length", 64);
        }

        extra?.Invoke(w);
        w.AddTensor("t", [8], GgmlType.F32, new byte[32]);
        using var stream = new MemoryStream();
        w.WriteTo(stream);
        return stream.ToArray();
    }

    private static EnergyGateException Refusal(TempDir dir, byte[] bytes)
    {
        var path = dir.File("broken.gguf");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<EnergyGateException>(() => GgufReader.ReadHeader(path));
        Assert.StartsWith("EG2060: GGUF file " + path + ":", e.Message, StringComparison.Ordinal);
        return e;
    }

    [Fact]
    public void A_wrong_magic_names_the_bytes_found_and_expected()
    {
        using var dir = new TempDir();
        var bytes = Valid();
        bytes[0] = (byte)'X';

        var e = Refusal(dir, bytes);

        Assert.Contains("at offset 0: not a GGUF file", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected 47475546", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_version_says_which_are_read()
    {
        using var dir = new TempDir();
        var bytes = Valid();
        bytes[4] = 9;

        var e = Refusal(dir, bytes);

        Assert.Contains("at offset 4: unsupported GGUF version 9; expected 2 or 3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    [InlineData(45)]
    [InlineData(100)]
    public void A_file_cut_inside_its_header_is_truncated(int length)
    {
        using var dir = new TempDir();

        var e = Refusal(dir, Valid()[..length]);

        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_cut_inside_its_tensor_data_names_the_tensor()
    {
        using var dir = new TempDir();

        var e = Refusal(dir, Valid()[..^4]);

        Assert.Contains("truncated: tensor 't' (F32, 32 bytes)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_architecture_names_the_key()
    {
        using var dir = new TempDir();

        var e = Refusal(dir, Valid(architecture: false));

        Assert.Contains("no key 'general.architecture'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_context_length_names_the_key_of_the_architecture()
    {
        using var dir = new TempDir();

        var e = Refusal(dir, Valid(context: false));

        Assert.Contains("no key 'llama.context_length'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_context_length_of_the_wrong_type_says_what_it_is()
    {
        using var dir = new TempDir();

        var e = Refusal(dir, Valid(w => w.AddString("llama.context_length", "64"), context: false));

        Assert.Contains("key 'llama.context_length' is String 64; expected a positive integer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var dir = new TempDir();
        var path = dir.File("absent.gguf");

        var e = Assert.Throws<EnergyGateException>(() => GgufReader.ReadHeader(path));

        Assert.Contains("EG2060: GGUF file " + path + ": cannot be opened", e.Message, StringComparison.Ordinal);
    }
}
