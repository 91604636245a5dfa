namespace EnergyGate.Core.Energy.Nvml;

/// <summary>
/// The NVML calls the GPU meter makes, one method per C function, so a fake can play an old GPU
/// (NOT_SUPPORTED), a failing driver, or scripted counters. Device handles are opaque.
/// </summary>
public interface INvml : IDisposable
{
    /// <summary>nvmlInit_v2.</summary>
    NvmlReturn Init();

    /// <summary>nvmlDeviceGetCount_v2.</summary>
    NvmlReturn DeviceGetCount(out uint count);

    /// <summary>nvmlDeviceGetHandleByIndex_v2.</summary>
    NvmlReturn DeviceGetHandleByIndex(uint index, out IntPtr device);

    /// <summary>nvmlDeviceGetName.</summary>
    NvmlReturn DeviceGetName(IntPtr device, out string name);

    /// <summary>nvmlSystemGetDriverVersion.</summary>
    NvmlReturn SystemGetDriverVersion(out string version);

    /// <summary>nvmlDeviceGetPowerManagementLimit, in milliwatts.</summary>
    NvmlReturn DeviceGetPowerManagementLimit(IntPtr device, out uint milliwatts);

    /// <summary>nvmlDeviceGetMemoryInfo: the device's total memory in bytes (a MIG slice reports its own).</summary>
    NvmlReturn DeviceGetMemoryInfo(IntPtr device, out ulong totalBytes);

    /// <summary>nvmlDeviceGetTotalEnergyConsumption, millijoules since the driver loaded (Volta and newer).</summary>
    NvmlReturn DeviceGetTotalEnergyConsumption(IntPtr device, out ulong millijoules);

    /// <summary>nvmlDeviceGetPowerUsage, milliwatts (on recent GPUs and drivers, an average over about a second).</summary>
    NvmlReturn DeviceGetPowerUsage(IntPtr device, out uint milliwatts);

    /// <summary>nvmlErrorString.</summary>
    string ErrorString(NvmlReturn result);

    /// <summary>nvmlShutdown.</summary>
    NvmlReturn Shutdown();
}
