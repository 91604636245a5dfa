using EnergyGate.Core;
using EnergyGate.Core.Models.Coder;
using EnergyGate.Core.Models.Gguf;
using EnergyGate.Core.Models.Tiny;
using LLama;

namespace EnergyGate.Runtimes.LlamaCpp;

/// <summary>
/// The GGUF file a llama.cpp entry runs: the built-in model written as GGUF beside its other files,
/// or a user's file, in the entry's <c>quantization</c>. F32 and F16 are written by our own GGUF
/// writer; Q8_0 and Q4_0 by llama.cpp's quantizer (llama_model_quantize through LLamaSharp), so the
/// blocks are exactly those a user's `llama-quantize` would make. Each file is written once, into a
/// temporary name and renamed into place.
/// </summary>
internal static class GgufVariants
{
    /// <summary>The file for the built-in model <paramref name="spec"/> in <paramref name="tinyFolder"/>.</summary>
    public static string ForTiny(string tinyFolder, TinyModelSpec spec, string quantization)
    {
        var f32 = Ensure(Path.Combine(tinyFolder, "model-f32.gguf"), temp => TinyGgufWriter.Write(temp, spec, GgufFileType.AllF32));
        return quantization switch
        {
            "f32" => f32,
            "f16" => Ensure(Path.Combine(tinyFolder, "model-f16.gguf"), temp => TinyGgufWriter.Write(temp, spec, GgufFileType.MostlyF16)),
            _ => Ensure(Path.Combine(tinyFolder, $"model-{quantization}.gguf"), temp => Quantize(f32, temp, quantization)),
        };
    }

    /// <summary>The file for the trained built-in model (<c>builtin:coder</c>) in its cache folder <paramref name="coderFolder"/>.</summary>
    public static string ForCoder(string coderFolder, string quantization)
    {
        var f32 = Ensure(Path.Combine(coderFolder, "model-f32.gguf"), temp => CoderGgufWriter.Write(temp, GgufFileType.AllF32));
        return quantization switch
        {
            "f32" => f32,
            "f16" => Ensure(Path.Combine(coderFolder, "model-f16.gguf"), temp => CoderGgufWriter.Write(temp, GgufFileType.MostlyF16)),
            _ => Ensure(Path.Combine(coderFolder, $"model-{quantization}.gguf"), temp => Quantize(f32, temp, quantization)),
        };
    }

    /// <summary>A user's GGUF file converted to <paramref name="quantization"/>, kept in the cache by the file's hash.</summary>
    public static string ForFile(string ggufPath, string cacheDir, string quantization)
    {
        var hash = Core.Measurement.RunFingerprint.FileHash(ggufPath)[..16];
        var folder = Path.Combine(cacheDir, "models", "gguf");
        Directory.CreateDirectory(folder);
        return Ensure(Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(ggufPath)}-{hash}-{quantization}.gguf"),
            temp => Quantize(ggufPath, temp, quantization));
    }

    private static void Quantize(string source, string destination, string quantization)
    {
        LlamaCppNatives.EnsureLoaded();
        var log = LlamaCppLog.Capture();
        // allowRequantize: a user's Q8_0 file may be asked for Q4_0; llama.cpp warns that quality suffers, as it should.
        if (!LLamaQuantizer.Quantize(source, destination, GgmlTypes.FileType(quantization), Environment.ProcessorCount, allowRequantize: true, quantizeOutputTensor: false))
        {
            throw new EnergyGateException($"EG2002: llama.cpp could not quantize '{source}' to {quantization}: {log.LastErrors()}");
        }
    }

    private static string Ensure(string path, Action<string> write)
    {
        if (File.Exists(path))
        {
            return path;
        }
        var temp = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            write(temp);
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process wrote the same file first; the same inputs give the same bytes.
        }
        finally
        {
            File.Delete(temp);
        }
        return path;
    }
}
