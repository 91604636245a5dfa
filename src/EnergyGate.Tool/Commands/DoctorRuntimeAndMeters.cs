using EnergyGate.Core.Energy;

namespace EnergyGate.Tool.Commands;

/// <summary>The runtime and meter sections of <c>doctor</c>: what can actually start here, and why not.</summary>
internal static class DoctorRuntimeAndMeters
{
    public static async Task WriteRuntimesAsync(TextWriter output)
    {
        foreach (var runtime in RuntimeRegistry.All)
        {
            var name = runtime.Definition.DisplayName;
            if (ToolFlavor.MissingRuntime(ToolFlavor.Current, runtime.Runtime) is { } missing)
            {
                await output.WriteLineAsync($"{name}: absent: {missing}");
                continue;
            }

            var probe = runtime.Probe();
            await output.WriteLineAsync($"{name} ({probe.Version}):");
            if (probe.LoadError is not null)
            {
                await output.WriteLineAsync($"  native libraries do not load: {probe.LoadError}");
            }

            foreach (var p in probe.Providers)
            {
                await output.WriteLineAsync(p.Available ? $"  ok      {p.Provider} {p.Detail}".TrimEnd() : $"  absent: {p.Provider} {p.Detail}");
            }

            foreach (var note in probe.Notes)
            {
                await output.WriteLineAsync($"  {note}");
            }
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
