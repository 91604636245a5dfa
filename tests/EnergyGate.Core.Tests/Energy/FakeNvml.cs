using EnergyGate.Core.Energy.Nvml;

namespace EnergyGate.Core.Tests.Energy;

/// <summary>Scriptable NVML: per-device energy (mJ) and power (mW) queues; the last value repeats.</summary>
internal sealed class FakeNvml : INvml
{
    public NvmlReturn InitResult { get; init; } = NvmlReturn.Success;

    public bool EnergySupported { get; init; } = true;

    public string[] Names { get; init; } = ["NVIDIA A10"];

    public Queue<ulong>[] Energy { get; init; } = [new([0])];

    public Queue<uint>[] Power { get; init; } = [new([60_000])];

    public bool ShutDown { get; private set; }

    public NvmlReturn Init() => InitResult;

    public NvmlReturn DeviceGetCount(out uint count)
    {
        count = (uint)Names.Length;
        return NvmlReturn.Success;
    }

    public NvmlReturn DeviceGetHandleByIndex(uint index, out IntPtr device)
    {
        device = (IntPtr)(index + 1);
        return NvmlReturn.Success;
    }

    public NvmlReturn DeviceGetName(IntPtr device, out string name)
    {
        name = Names[device - 1];
        return NvmlReturn.Success;
    }

    public NvmlReturn SystemGetDriverVersion(out string version)
    {
        version = "580.95.05";
        return NvmlReturn.Success;
    }

    public NvmlReturn DeviceGetPowerManagementLimit(IntPtr device, out uint milliwatts)
    {
        milliwatts = 150_000;
        return NvmlReturn.Success;
    }

    public NvmlReturn DeviceGetMemoryInfo(IntPtr device, out ulong totalBytes)
    {
        totalBytes = 24UL << 30;   // an A10's 24 GiB
        return NvmlReturn.Success;
    }

    public NvmlReturn DeviceGetTotalEnergyConsumption(IntPtr device, out ulong millijoules)
    {
        millijoules = EnergySupported ? Next(Energy[device - 1]) : 0;
        return EnergySupported ? NvmlReturn.Success : NvmlReturn.NotSupported;
    }

    public NvmlReturn DeviceGetPowerUsage(IntPtr device, out uint milliwatts)
    {
        milliwatts = Next(Power[device - 1]);
        return NvmlReturn.Success;
    }

    public string ErrorString(NvmlReturn result) => result == NvmlReturn.DriverNotLoaded ? "Driver Not Loaded" : result.ToString();

    public NvmlReturn Shutdown()
    {
        ShutDown = true;
        return NvmlReturn.Success;
    }

    public void Dispose() { }

    private static T Next<T>(Queue<T> q) => q.Count > 1 ? q.Dequeue() : q.Peek();
}
