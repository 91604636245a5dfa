using EnergyGate.Core.Energy.Estimate;
using EnergyGate.Core.Energy.Nvml;
using EnergyGate.Core.Energy.Rapl;

namespace EnergyGate.Core.Energy;

/// <summary>The meters a run will sample, and in plain words why those.</summary>
/// <param name="Meters">Chosen meters (owned by whoever owns the candidates).</param>
/// <param name="Explanation">One line per choice or gap, for the log and the report.</param>
public sealed record MeterSelection(IReadOnlyList<IEnergyMeter> Meters, IReadOnlyList<string> Explanation);

/// <summary>
/// Chooses meters by name. <c>auto</c> takes the best source per side: RAPL for the CPU when
/// readable, else the estimate (saying why RAPL was not used: never a silent fallback); NVML for
/// GPUs when present. Naming a meter that cannot be used is an error carrying its reason.
/// </summary>
/// <param name="candidates">Every meter built for this machine, available or not.</param>
public sealed class MeterSelector(IReadOnlyList<IEnergyMeter> candidates)
{
    /// <summary>The value that picks automatically.</summary>
    public const string Auto = "auto";

    /// <summary>Names accepted by <see cref="Select"/> besides <see cref="Auto"/>.</summary>
    public IReadOnlyList<string> Names => [.. candidates.Select(c => c.Info.Name)];

    /// <summary>Picks meters for <paramref name="request"/>: <c>auto</c>, or names separated by commas.</summary>
    /// <exception cref="EnergyMeterException">An unknown or unavailable meter was named.</exception>
    public MeterSelection Select(string request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.Equals(request.Trim(), Auto, StringComparison.OrdinalIgnoreCase))
        {
            return SelectAuto();
        }
        var chosen = new List<IEnergyMeter>();
        var lines = new List<string>();
        foreach (var name in request.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var meter = Find(name) ?? throw new EnergyMeterException(
                $"unknown energy meter '{name}'; choose {Auto} or one or more of: {string.Join(", ", Names)}");
            if (!meter.Info.Available)
            {
                throw new EnergyMeterException($"energy meter '{meter.Info.Name}' was requested but is unavailable: {meter.Info.Reason}");
            }
            chosen.Add(meter);
            lines.Add($"{meter.Info.Name}: requested ({Domains(meter)})");
        }
        return chosen.Count > 0 ? WithModel(chosen, lines) : throw new EnergyMeterException("no energy meter named");
    }

    /// <summary>Every candidate, available or not, and why (for <c>doctor</c>).</summary>
    public IReadOnlyList<MeterInfo> Describe() => [.. candidates.Select(c => c.Info)];

    private MeterSelection SelectAuto()
    {
        var chosen = new List<IEnergyMeter>();
        var lines = new List<string>();
        var rapl = Find(RaplMeter.Name);
        var estimate = Find(EstimateMeter.Name);
        if (rapl is { Info.Available: true })
        {
            chosen.Add(rapl);
            lines.Add($"cpu: rapl ({Domains(rapl)}; measured counters)");
        }
        else if (estimate is { Info.Available: true })
        {
            chosen.Add(estimate);
            lines.Add($"cpu: estimate ({Domains(estimate)}; Estimated from CPU time, not a measurement) because rapl is unavailable: {rapl?.Info.Reason ?? "not built"}");
        }
        else
        {
            lines.Add("cpu: no meter available");
        }
        var nvml = Find(NvmlMeter.Name);
        if (nvml is { Info.Available: true })
        {
            chosen.Add(nvml);
            lines.Add($"gpu: nvml ({Domains(nvml)})");
        }
        else
        {
            lines.Add($"gpu: none (nvml unavailable: {nvml?.Info.Reason ?? "not built"})");
        }
        return WithModel(chosen, lines);
    }

    // An estimate is only as good as its inputs: the run's notes and header name the model and them.
    private static MeterSelection WithModel(List<IEnergyMeter> chosen, List<string> lines)
    {
        if (chosen.OfType<EstimateMeter>().FirstOrDefault() is { } estimate)
        {
            lines.Add($"estimate: {estimate.ModelSummary}");
        }
        return new MeterSelection(chosen, lines);
    }

    private IEnergyMeter? Find(string name) =>
        candidates.FirstOrDefault(c => string.Equals(c.Info.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string Domains(IEnergyMeter meter) =>
        string.Join(", ", meter.Info.Domains.Select(d => $"{d.Domain.Id} {d.Kind}"));
}
