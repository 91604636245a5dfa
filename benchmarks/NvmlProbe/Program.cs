using System.Diagnostics;
using System.Globalization;
using EnergyGate.Core.Energy.Nvml;

// Reads NVML directly through EnergyGate.Core's loader, for a quick check on a borrowed GPU machine:
//   dotnet publish benchmarks/NvmlProbe -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true -o /tmp/nvmlprobe
//   /tmp/nvmlprobe/NvmlProbe [seconds=10] [device=0]
// Prints the device facts on stderr, then one JSON line a second on stdout: {t, device, energy_mj, power_mw}.
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var device = args.Length > 1 ? uint.Parse(args[1], CultureInfo.InvariantCulture) : 0;

if (!NativeNvml.TryLoad(out var loaded, out var reason))
{
    Console.Error.WriteLine($"nvmlprobe: {reason}. Run this on a machine with an NVIDIA GPU and driver.");
    return 3;
}
using var nvml = loaded!;
Check(nvml.Init(), "nvmlInit_v2");
try
{
    Check(nvml.DeviceGetCount(out var count), "nvmlDeviceGetCount_v2");
    if (device >= count)
    {
        Console.Error.WriteLine($"nvmlprobe: device {device} does not exist ({count} GPU(s))");
        return 2;
    }
    Check(nvml.DeviceGetHandleByIndex(device, out var handle), "nvmlDeviceGetHandleByIndex_v2");
    nvml.DeviceGetName(handle, out var name);
    nvml.SystemGetDriverVersion(out var driver);
    var limit = nvml.DeviceGetPowerManagementLimit(handle, out var limitMw);
    var energy = nvml.DeviceGetTotalEnergyConsumption(handle, out _);
    Console.Error.WriteLine($"device {device}: {name}");
    Console.Error.WriteLine($"driver: {driver}");
    Console.Error.WriteLine(limit == NvmlReturn.Success ? $"power limit: {limitMw / 1000.0:0.#} W" : $"power limit: {nvml.ErrorString(limit)}");
    var memory = nvml.DeviceGetMemoryInfo(handle, out var memoryBytes);
    Console.Error.WriteLine(memory == NvmlReturn.Success ? $"memory: {memoryBytes / 1073741824.0:0.#} GiB" : $"memory: {nvml.ErrorString(memory)}");
    Console.Error.WriteLine($"total energy counter: {(energy == NvmlReturn.Success ? "supported" : nvml.ErrorString(energy))}");

    var start = Stopwatch.GetTimestamp();
    for (var i = 0; i <= seconds; i++)
    {
        var e = nvml.DeviceGetTotalEnergyConsumption(handle, out var mj);
        var p = nvml.DeviceGetPowerUsage(handle, out var mw);
        var t = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"t\":{t:0.000},\"device\":{device},\"energy_mj\":{(e == NvmlReturn.Success ? mj.ToString(CultureInfo.InvariantCulture) : "null")},\"power_mw\":{(p == NvmlReturn.Success ? mw.ToString(CultureInfo.InvariantCulture) : "null")}}}"));
        var wait = TimeSpan.FromSeconds(i + 1) - Stopwatch.GetElapsedTime(start);
        if (i < seconds && wait > TimeSpan.Zero)
        {
            Thread.Sleep(wait);
        }
    }
    return 0;
}
finally
{
    nvml.Shutdown();
}

void Check(NvmlReturn r, string call)
{
    if (r != NvmlReturn.Success)
    {
        Console.Error.WriteLine($"nvmlprobe: {call} failed: {nvml.ErrorString(r)}");
        Environment.Exit(4);
    }
}
