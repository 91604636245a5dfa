using System.Globalization;

namespace EnergyGate.Core.Energy.Nvml;

/// <summary>
/// GPU energy from NVML: the total-energy counter (mJ, <see cref="EnergyKind.Measured"/>) where the
/// GPU has it, otherwise power samples integrated by the trapezoid rule on every read
/// (<see cref="EnergyKind.Integrated"/>; the sampler's 10 ms interval keeps that well above 10 Hz).
/// </summary>
public sealed class NvmlMeter : IEnergyMeter
{
    /// <summary>The meter's name in configuration and reports.</summary>
    public const string Name = "nvml";

    // NVML refreshes both energy and power about every 100 ms.
    private static readonly TimeSpan CounterUpdate = TimeSpan.FromMilliseconds(100);

    private readonly INvml? _nvml;
    private readonly IntPtr[] _handles;
    private readonly PowerIntegrator?[] _integrators;
    private readonly TimeProvider _time;

    private NvmlMeter(MeterInfo info, INvml? nvml, IntPtr[] handles, PowerIntegrator?[] integrators, TimeProvider time, string driver, IReadOnlyList<GpuDevice> devices) =>
        (Info, _nvml, _handles, _integrators, _time, DriverVersion, Devices) = (info, nvml, handles, integrators, time, driver, devices);

    /// <inheritdoc/>
    public MeterInfo Info { get; }

    /// <summary>Driver version for the fingerprint; empty when unavailable.</summary>
    public string DriverVersion { get; }

    /// <summary>The selected GPUs, for the fingerprint.</summary>
    public IReadOnlyList<GpuDevice> Devices { get; }

    /// <summary>Loads the driver's NVML and opens the meter (unavailable with a reason when absent).</summary>
    public static NvmlMeter CreateDefault(IReadOnlyList<int>? deviceIndices, TimeProvider time) =>
        NativeNvml.TryLoad(out var nvml, out var reason)
            ? Create(nvml!, deviceIndices, time)
            : Unavailable(reason!, null, time);

    /// <summary>Initialises NVML and probes each selected device.</summary>
    /// <param name="nvml">The library (real or fake); owned by the meter from now on.</param>
    /// <param name="deviceIndices">GPUs to read by NVML index; null for all.</param>
    /// <param name="time">Timestamps for power integration.</param>
    public static NvmlMeter Create(INvml nvml, IReadOnlyList<int>? deviceIndices, TimeProvider time)
    {
        var r = nvml.Init();
        if (r != NvmlReturn.Success)
        {
            return Unavailable($"nvmlInit_v2 failed: {nvml.ErrorString(r)} (is the NVIDIA driver loaded?)", nvml, time);
        }
        if ((r = nvml.DeviceGetCount(out var count)) != NvmlReturn.Success || count == 0)
        {
            return Unavailable(r == NvmlReturn.Success ? "NVML reports no GPU" : $"nvmlDeviceGetCount_v2 failed: {nvml.ErrorString(r)}", nvml, time);
        }
        var indices = deviceIndices ?? [.. Enumerable.Range(0, (int)count)];
        if (indices.FirstOrDefault(i => i < 0 || i >= count, -1) is var bad and >= 0)
        {
            return Unavailable($"GPU index {bad} does not exist: NVML reports {count} device(s), 0 to {count - 1}", nvml, time);
        }
        nvml.SystemGetDriverVersion(out var driver);
        var (handles, integrators, devices, domains) = (new IntPtr[indices.Count], new PowerIntegrator?[indices.Count], new List<GpuDevice>(), new List<MeterDomain>());
        var details = new List<string> { $"driver {driver}" };
        for (var k = 0; k < indices.Count; k++)
        {
            var index = indices[k];
            if ((r = nvml.DeviceGetHandleByIndex((uint)index, out handles[k])) != NvmlReturn.Success)
            {
                return Unavailable($"GPU {index}: nvmlDeviceGetHandleByIndex_v2 failed: {nvml.ErrorString(r)}", nvml, time);
            }
            nvml.DeviceGetName(handles[k], out var name);
            double? limit = nvml.DeviceGetPowerManagementLimit(handles[k], out var mw) == NvmlReturn.Success ? mw / 1000.0 : null;
            var energy = nvml.DeviceGetTotalEnergyConsumption(handles[k], out _);
            if (energy is not (NvmlReturn.Success or NvmlReturn.NotSupported))
            {
                return Unavailable($"GPU {index}: nvmlDeviceGetTotalEnergyConsumption failed: {nvml.ErrorString(energy)}", nvml, time);
            }
            var supported = energy == NvmlReturn.Success;
            if (!supported && (r = nvml.DeviceGetPowerUsage(handles[k], out _)) != NvmlReturn.Success)
            {
                return Unavailable($"GPU {index} ({name}): neither the energy counter nor power usage is readable: {nvml.ErrorString(r)}", nvml, time);
            }
            integrators[k] = supported ? null : new PowerIntegrator(time.TimestampFrequency);
            ulong? memory = nvml.DeviceGetMemoryInfo(handles[k], out var bytes) == NvmlReturn.Success ? bytes : null;
            devices.Add(new GpuDevice(index, name, limit, supported) { MemoryBytes = memory });
            domains.Add(new MeterDomain(EnergyDomain.GpuOf(index), supported ? EnergyKind.Measured : EnergyKind.Integrated, 1e-3, CounterUpdate)
            {
                MaxWatts = limit is { } l ? l * 1.5 : null,
                ExpectsPower = true,
                Source = $"nvml device {index} ({name}) {(supported ? "total energy counter" : "power samples, integrated")}",
            });
            details.Add(string.Create(CultureInfo.InvariantCulture, $"gpu-{index}: {name}, {(memory is { } m ? (m / 1073741824.0).ToString("0.#", CultureInfo.InvariantCulture) + " GiB" : "memory unknown")}, power limit {limit?.ToString("0.#", CultureInfo.InvariantCulture) ?? "unknown"} W, {(supported ? "total energy counter (mJ)" : "total energy NOT_SUPPORTED: integrating power samples")}"));
        }
        var info = new MeterInfo(Name, true, null, domains) { Details = details };
        return new NvmlMeter(info, nvml, handles, integrators, time, driver, devices);
    }

    /// <inheritdoc/>
    public void Read(Span<double> joules)
    {
        if (_nvml is null || !Info.Available)
        {
            throw new EnergyMeterException($"NVML is unavailable: {Info.Reason}");
        }
        for (var k = 0; k < _handles.Length; k++)
        {
            NvmlReturn r;
            if (_integrators[k] is { } integrator)
            {
                r = _nvml.DeviceGetPowerUsage(_handles[k], out var mw);
                joules[k] = r == NvmlReturn.Success ? integrator.Add(_time.GetTimestamp(), mw / 1000.0) : 0;
            }
            else
            {
                r = _nvml.DeviceGetTotalEnergyConsumption(_handles[k], out var mj);
                joules[k] = mj / 1000.0;
            }
            if (r != NvmlReturn.Success)
            {
                throw new EnergyMeterException($"{Info.Domains[k].Domain.Id}: NVML read failed: {_nvml.ErrorString(r)}");
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_nvml is not null)
        {
            _nvml.Shutdown();
            _nvml.Dispose();
        }
    }

    private static NvmlMeter Unavailable(string reason, INvml? nvml, TimeProvider time)
    {
        if (nvml is not null)
        {
            nvml.Shutdown();
            nvml.Dispose();
        }
        return new NvmlMeter(MeterInfo.Unavailable(Name, reason), null, [], [], time, "", []);
    }
}
