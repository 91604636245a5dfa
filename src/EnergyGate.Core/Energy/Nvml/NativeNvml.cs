using System.Runtime.InteropServices;

namespace EnergyGate.Core.Energy.Nvml;

/// <summary>
/// The driver's NVML, loaded at run time (it ships with the driver, never with this tool) and
/// called through function pointers, so nothing fails to load on machines without a GPU.
/// </summary>
public sealed unsafe class NativeNvml : INvml
{
    private readonly IntPtr _library;
    private readonly delegate* unmanaged<int> _init;
    private readonly delegate* unmanaged<int> _shutdown;
    private readonly delegate* unmanaged<uint*, int> _getCount;
    private readonly delegate* unmanaged<uint, IntPtr*, int> _getHandle;
    private readonly delegate* unmanaged<IntPtr, byte*, uint, int> _getName;
    private readonly delegate* unmanaged<byte*, uint, int> _getDriver;
    private readonly delegate* unmanaged<IntPtr, uint*, int> _getLimit;
    private readonly delegate* unmanaged<IntPtr, ulong*, int> _getEnergy;
    private readonly delegate* unmanaged<IntPtr, ulong*, int> _getMemory;
    private readonly delegate* unmanaged<IntPtr, uint*, int> _getPower;
    private readonly delegate* unmanaged<int, byte*> _errorString;

    private NativeNvml(IntPtr library)
    {
        _library = library;
        _init = (delegate* unmanaged<int>)Export("nvmlInit_v2");
        _shutdown = (delegate* unmanaged<int>)Export("nvmlShutdown");
        _getCount = (delegate* unmanaged<uint*, int>)Export("nvmlDeviceGetCount_v2");
        _getHandle = (delegate* unmanaged<uint, IntPtr*, int>)Export("nvmlDeviceGetHandleByIndex_v2");
        _getName = (delegate* unmanaged<IntPtr, byte*, uint, int>)Export("nvmlDeviceGetName");
        _getDriver = (delegate* unmanaged<byte*, uint, int>)Export("nvmlSystemGetDriverVersion");
        _getLimit = (delegate* unmanaged<IntPtr, uint*, int>)Export("nvmlDeviceGetPowerManagementLimit");
        _getEnergy = (delegate* unmanaged<IntPtr, ulong*, int>)Export("nvmlDeviceGetTotalEnergyConsumption");
        _getPower = (delegate* unmanaged<IntPtr, uint*, int>)Export("nvmlDeviceGetPowerUsage");
        _getMemory = (delegate* unmanaged<IntPtr, ulong*, int>)Export("nvmlDeviceGetMemoryInfo");
        _errorString = (delegate* unmanaged<int, byte*>)Export("nvmlErrorString");
    }

    /// <summary>The library names tried, in order.</summary>
    public static IReadOnlyList<string> LibraryNames { get; } =
        OperatingSystem.IsWindows() ? ["nvml.dll"] : ["libnvidia-ml.so.1", "libnvidia-ml.so"];

    /// <summary>Loads NVML; on failure says why (no driver, or not an NVIDIA machine).</summary>
    public static bool TryLoad(out INvml? nvml, out string? reason)
    {
        foreach (var name in LibraryNames)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                (nvml, reason) = (new NativeNvml(handle), null);
                return true;
            }
        }
        (nvml, reason) = (null, $"NVML library not found ({string.Join(", ", LibraryNames)}): no NVIDIA driver installed here");
        return false;
    }

    /// <inheritdoc/>
    public NvmlReturn Init() => _init is null ? NvmlReturn.FunctionNotFound : (NvmlReturn)_init();

    /// <inheritdoc/>
    public NvmlReturn Shutdown() => _shutdown is null ? NvmlReturn.FunctionNotFound : (NvmlReturn)_shutdown();

    /// <inheritdoc/>
    public NvmlReturn DeviceGetCount(out uint count)
    {
        uint c = 0;
        var r = _getCount is null ? NvmlReturn.FunctionNotFound : (NvmlReturn)_getCount(&c);
        count = c;
        return r;
    }

    /// <inheritdoc/>
    public NvmlReturn DeviceGetHandleByIndex(uint index, out IntPtr device)
    {
        IntPtr h = 0;
        var r = _getHandle is null ? NvmlReturn.FunctionNotFound : (NvmlReturn)_getHandle(index, &h);
        device = h;
        return r;
    }

    /// <inheritdoc/>
    public NvmlReturn DeviceGetName(IntPtr device, out string name)
    {
        // NVML_DEVICE_NAME_V2_BUFFER_SIZE
        var buffer = stackalloc byte[96];
        var r = _getName is null ? NvmlReturn.FunctionNotFound : (NvmlReturn)_getName(device, buffer, 96);
        name = r == NvmlReturn.Success ? Utf8(buffer) : "";
        return r;
    }

    /// <inheritdoc/>
    public NvmlReturn SystemGetDriverVersion(out string version)
    {
        // NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE
        var buffer = stackalloc byte[80];
        var r = _getDriver is null ? NvmlReturn.FunctionNotFound : (NvmlReturn)_getDriver(buffer, 80);
        version = r == NvmlReturn.Success ? Utf8(buffer) : "";
        return r;
    }

    /// <inheritdoc/>
    public NvmlReturn DeviceGetPowerManagementLimit(IntPtr device, out uint milliwatts)
    {
        uint v = 0;
        var r = _getLimit is null ? NvmlReturn.FunctionNotFound : (NvmlReturn)_getLimit(device, &v);
        milliwatts = v;
        return r;
    }

    /// <inheritdoc/>
    public NvmlReturn DeviceGetTotalEnergyConsumption(IntPtr device, out ulong millijoules)
    {
        ulong v = 0;
        var r = _getEnergy is null ? NvmlReturn.FunctionNotFound : (NvmlReturn)_getEnergy(device, &v);
        millijoules = v;
        return r;
    }

    /// <inheritdoc/>
    public NvmlReturn DeviceGetMemoryInfo(IntPtr device, out ulong totalBytes)
    {
        // nvmlMemory_t (version 1): total, free, used, each unsigned long long.
        var memory = stackalloc ulong[3];
        var r = _getMemory is null ? NvmlReturn.FunctionNotFound : (NvmlReturn)_getMemory(device, memory);
        totalBytes = r == NvmlReturn.Success ? memory[0] : 0;
        return r;
    }

    /// <inheritdoc/>
    public NvmlReturn DeviceGetPowerUsage(IntPtr device, out uint milliwatts)
    {
        uint v = 0;
        var r = _getPower is null ? NvmlReturn.FunctionNotFound : (NvmlReturn)_getPower(device, &v);
        milliwatts = v;
        return r;
    }

    /// <inheritdoc/>
    public string ErrorString(NvmlReturn result) =>
        _errorString is null ? result.ToString() : $"{Utf8(_errorString((int)result))} ({(int)result})";

    /// <summary>Unloads the library; call <see cref="Shutdown"/> first.</summary>
    public void Dispose() => NativeLibrary.Free(_library);

    private IntPtr Export(string name) => NativeLibrary.TryGetExport(_library, name, out var address) ? address : IntPtr.Zero;

    private static string Utf8(byte* text) => text is null ? "" : Marshal.PtrToStringUTF8((IntPtr)text) ?? "";
}
