using System.Reflection;
using EnergyGate.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// The devices EnergyGate drives through TorchSharp, which libtorch backend this build carries
/// (chosen by the EnergyGateTorchBackend build property), and a probe for <c>doctor</c>.
/// </summary>
public static class TorchProviders
{
    /// <summary>libtorch on the CPU (always available when the native library loads).</summary>
    public const string Cpu = "cpu";

    /// <summary>libtorch on an NVIDIA GPU (needs the CUDA backend build and a driver).</summary>
    public const string Cuda = "cuda";

    /// <summary>Our provider names, in probe order.</summary>
    public static IReadOnlyList<string> All { get; } = [Cpu, Cuda];

    private static readonly Lazy<string?> LoadError = new(TryLoad);

    /// <summary>The libtorch backend this build references: <c>cpu</c> (TorchSharp-cpu) or <c>cuda</c> (TorchSharp-cuda-linux).</summary>
    public static string Backend { get; } = typeof(TorchProviders).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "EnergyGateTorchBackend")?.Value ?? Cpu;

    /// <summary>TorchSharp's version and, once loaded, libtorch's (e.g. "TorchSharp 0.107.0, libtorch 2.10.0, cpu backend").</summary>
    public static string Version
    {
        get
        {
            var managed = typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "?";
            var native = LoadError.Value is null ? $", libtorch {__version__}" : "";
            return $"TorchSharp {managed}{native}, {Backend} backend";
        }
    }

    /// <summary>Loads TorchSharp's native libraries once; throws EG2035 when they cannot load.</summary>
    public static void EnsureLoaded()
    {
        if (LoadError.Value is { } error)
        {
            throw new EnergyGateException($"EG2035: TorchSharp's native libraries cannot load: {error}. " +
                "The build copies libtorch and libLibTorchSharp.so into the output's runtimes/linux-x64/native folder and, on systems whose libstdc++ is older than GCC 13's (Debian 12), a patched copy with its shim; rebuild, and run 'doctor'.");
        }
    }

    /// <summary>What <c>doctor</c> shows: versions, whether the native library loads, and each device.</summary>
    public static TorchProbeReport Probe()
    {
        if (LoadError.Value is { } error)
        {
            return new TorchProbeReport(Version, Backend, error, [.. All.Select(p => new TorchDeviceStatus(p, false, "TorchSharp's native libraries do not load"))]);
        }

        return new TorchProbeReport(Version, Backend, null,
        [
            new TorchDeviceStatus(Cpu, true, null),
            CudaReason() is { } reason ? new TorchDeviceStatus(Cuda, false, reason) : new TorchDeviceStatus(Cuda, true, null, cuda.device_count()),
        ]);
    }

    internal static string Normalize(string provider) => provider.Trim().ToLowerInvariant() switch
    {
        "cpu" => Cpu,
        "cuda" => Cuda,
        _ => throw new EnergyGateException($"EG2034: the torch runtime has no provider '{provider}'; use one of: {string.Join(", ", All)}."),
    };

    /// <summary>The device for <paramref name="provider"/>; EG2032 when CUDA cannot start.</summary>
    internal static Device DeviceFor(string provider, int deviceId)
    {
        EnsureLoaded();
        if (provider == Cpu)
        {
            return CPU;
        }

        if (CudaReason() is { } reason)
        {
            throw new EnergyGateException($"EG2032: torch provider 'cuda' (device {deviceId}) cannot start: {reason}.");
        }

        int count = cuda.device_count();
        return deviceId < count ? new Device(DeviceType.CUDA, deviceId)
            : throw new EnergyGateException($"EG2032: torch provider 'cuda' cannot use device {deviceId}: libtorch sees {count} GPU(s) (0..{count - 1}).");
    }

    private static string? CudaReason()
    {
        if (Backend != Cuda)
        {
            return "this build carries the CPU-only libtorch (TorchSharp-cpu); build with -p:EnergyGateTorchBackend=cuda (TorchSharp-cuda-linux, see README) on a machine with an NVIDIA driver, or choose provider cpu (or allow CPU fallback)";
        }

        return cuda.is_available() ? null
            : "libtorch's CUDA backend finds no usable GPU (is the NVIDIA driver installed and a GPU visible?); run 'doctor', or choose provider cpu (or allow CPU fallback)";
    }

    private static string? TryLoad()
    {
        try
        {
            InitializeDeviceType(DeviceType.CPU);
            return null;
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            return (e.InnerException ?? e).Message.Split('\n')[0].Trim();
        }
    }
}

/// <summary>One torch device as <see cref="TorchProviders.Probe"/> found it.</summary>
/// <param name="Provider"><c>cpu</c> or <c>cuda</c>.</param>
/// <param name="Available">A session can run on it.</param>
/// <param name="Reason">Why not; null when available.</param>
/// <param name="Devices">GPUs libtorch sees (cuda only).</param>
public sealed record TorchDeviceStatus(string Provider, bool Available, string? Reason, int Devices = 0);

/// <summary>The result of <see cref="TorchProviders.Probe"/>.</summary>
/// <param name="Version">TorchSharp and libtorch versions.</param>
/// <param name="Backend">The libtorch backend this build carries.</param>
/// <param name="LoadError">Why the native libraries do not load; null when they do.</param>
/// <param name="Devices">One entry per provider.</param>
public sealed record TorchProbeReport(string Version, string Backend, string? LoadError, IReadOnlyList<TorchDeviceStatus> Devices);
