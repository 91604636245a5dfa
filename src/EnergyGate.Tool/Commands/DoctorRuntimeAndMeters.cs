using EnergyGate.Core.Energy;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Torch;

namespace EnergyGate.Tool.Commands;

/// <summary>The runtime and meter sections of <c>doctor</c>: what can actually start here, and why not.</summary>
internal static class DoctorRuntimeAndMeters
{
    public static async Task WriteRuntimesAsync(TextWriter output)
    {
        var report = OnnxProviders.Probe();
        await output.WriteLineAsync($"ONNX Runtime {report.OrtVersion}:");
        foreach (var p in report.Providers)
        {
            var state = p.CanStart ? "ok     " : p.Listed ? "listed, cannot start:" : "absent:";
            await output.WriteLineAsync($"  {state} {p.Provider} ({p.OrtName}){(p.CanStart ? "" : " " + p.Reason)}");
        }

        if (ToolFlavor.MissingRuntime(ToolFlavor.Current, TorchRuntimeFactory.Name) is { } missing)
        {
            await output.WriteLineAsync($"TorchSharp: absent: {missing}");
            return;
        }

        var torch = TorchProviders.Probe();
        await output.WriteLineAsync($"TorchSharp ({torch.Version}):");
        if (torch.LoadError is not null)
        {
            await output.WriteLineAsync($"  native libraries do not load: {torch.LoadError}");
        }

        foreach (var d in torch.Devices)
        {
            var devices = d.Devices > 0 ? $" ({d.Devices} GPU(s))" : "";
            await output.WriteLineAsync(d.Available ? $"  ok      {d.Provider}{devices}" : $"  absent: {d.Provider} {d.Reason}");
        }
    }

    public static async Task WriteMetersAsync(TextWriter output, Core.Configuration.MeasurementSettings measurement)
    {
        var meters = EnergyMeters.CreateAll(MeterEnvironment.System, measurement.Estimate, measurement.Gpus);
        var requested = measurement.Meter;
        try
        {
            var selector = new MeterSelector(meters);
            await output.WriteLineAsync("Energy meters:");
            foreach (var info in selector.Describe())
            {
                var domains = string.Join(", ", info.Domains.Select(d => $"{d.Domain.Id} ({d.Kind})"));
                await output.WriteLineAsync(info.Available
                    ? $"  ok      {info.Name}: {domains}"
                    : $"  absent  {info.Name}: {info.Reason}");
                foreach (var line in info.Details.Concat(info.Warnings))
                {
                    await output.WriteLineAsync($"          {line}");
                }
                // Side and rank say what `auto` would do with the meter, not only whether it works.
                if (MeterProviders.Find(info.Name) is { } provider)
                {
                    await output.WriteLineAsync($"          {provider.Side.ToString().ToLowerInvariant()} meter, auto priority {provider.AutoPriority}");
                }
            }
            await output.WriteLineAsync($"  meter `{requested}` here:");
            try
            {
                foreach (var line in selector.Select(requested).Explanation)
                {
                    await output.WriteLineAsync($"          {line}");
                }
            }
            catch (EnergyMeterException ex)
            {
                await output.WriteLineAsync($"          UNAVAILABLE: {ex.Message}");
            }
        }
        finally
        {
            foreach (var meter in meters)
            {
                meter.Dispose();
            }
        }
    }
}
