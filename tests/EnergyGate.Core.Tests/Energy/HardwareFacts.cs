using System.Runtime.InteropServices;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Nvml;
using EnergyGate.Core.Energy.Rapl;

namespace EnergyGate.Core.Tests.Energy;

/// <summary>
/// A fact that runs only where the driver's NVML loads. xunit 2 has no dynamic skip, so the check
/// runs in the constructor and sets <see cref="FactAttribute.Skip"/> with the reason: the test shows
/// as skipped, never as a silent pass.
/// </summary>
internal sealed class NvmlFactAttribute : FactAttribute
{
    public NvmlFactAttribute()
    {
        if (!NativeNvml.TryLoad(out var nvml, out var reason))
        {
            Skip = $"needs an NVIDIA GPU: {reason}";
            return;
        }
        nvml!.Dispose();
    }
}

/// <summary>The opposite: checks the "no driver" message, so it runs only where NVML is absent.</summary>
internal sealed class NoNvmlFactAttribute : FactAttribute
{
    public NoNvmlFactAttribute()
    {
        if (NativeNvml.TryLoad(out var nvml, out _))
        {
            nvml!.Dispose();
            Skip = "NVML is installed here; the missing-library message cannot be observed";
        }
    }
}

/// <summary>A fact that runs only where a RAPL zone's counter is readable by this process.</summary>
internal sealed class RaplFactAttribute : FactAttribute
{
    public RaplFactAttribute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            Skip = "needs Linux powercap sysfs";
            return;
        }
        using var meter = RaplMeter.Create("/", SysfsFileReader.Instance);
        if (!meter.Info.Available)
        {
            Skip = $"needs a readable RAPL zone: {meter.Info.Reason}";
        }
    }
}
