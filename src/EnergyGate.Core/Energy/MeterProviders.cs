using EnergyGate.Core.Energy.Providers;

namespace EnergyGate.Core.Energy;

/// <summary>
/// Every energy meter the tool knows, in the order <c>doctor</c> and error messages list them.
/// Adding a meter is one <see cref="IMeterProvider"/> and one line here (plus the schema's name list).
/// </summary>
public static class MeterProviders
{
    /// <summary>Every meter provider.</summary>
    public static IReadOnlyList<IMeterProvider> All { get; } = [new RaplMeterProvider(), new NvmlMeterProvider(), new EstimateMeterProvider()];

    /// <summary>Every meter name, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    /// <summary>The provider of that name (case-insensitive), or null.</summary>
    public static IMeterProvider? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Builds every meter, each available or carrying its reason; the caller disposes them.</summary>
    public static IReadOnlyList<IEnergyMeter> CreateAll(MeterEnvironment env, MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        return [.. All.Select(p => p.Create(env, options))];
    }
}
