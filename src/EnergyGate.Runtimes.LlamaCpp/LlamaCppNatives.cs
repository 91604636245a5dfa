using EnergyGate.Core;
using LLama.Native;

namespace EnergyGate.Runtimes.LlamaCpp;

/// <summary>Loads llama.cpp's natives once, with the log routed to <see cref="LlamaCppLog"/>.</summary>
internal static class LlamaCppNatives
{
    private static readonly Lazy<string?> LoadError = new(Load);

    /// <summary>Why the natives do not load here, or null once they have.</summary>
    public static string? TryLoad() => LoadError.Value;

    /// <summary>Loads the natives or throws EG2001 with the reason.</summary>
    public static void EnsureLoaded()
    {
        if (TryLoad() is { } error)
        {
            throw new EnergyGateException($"EG2001: llama.cpp's native libraries do not load: {error}");
        }
    }

    /// <summary>What llama.cpp says of the CPU features it was built for and found (e.g. "AVX512 = 1").</summary>
    public static string SystemInfo() => TryLoad() is null
        ? (System.Runtime.InteropServices.Marshal.PtrToStringUTF8(NativeApi.llama_print_system_info()) ?? "").Trim()
        : "";

    private static string? Load()
    {
        try
        {
            // Must precede the first native call: LLamaSharp picks the library (avx512, avx2, avx, noavx)
            // and installs the callback when it loads.
            NativeLibraryConfig.All.WithLogCallback(LlamaCppLog.Receive);
            NativeApi.llama_empty_call();
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException or InvalidOperationException)
        {
            return (e.InnerException ?? e).Message;
        }
    }
}
