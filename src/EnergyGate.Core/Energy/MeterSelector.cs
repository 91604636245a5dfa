namespace EnergyGate.Core.Energy;

/// <summary>The meters a run will sample, and in plain words why those.</summary>
/// <param name="Meters">Chosen meters (owned by whoever owns the candidates).</param>
/// <param name="Explanation">One line per choice or gap, for the log and the report.</param>
public sealed record MeterSelection(IReadOnlyList<IEnergyMeter> Meters, IReadOnlyList<string> Explanation);

/// <summary>
/// Chooses meters by name. <c>auto</c> takes, per <see cref="MeterSide"/>, the available meter of highest
/// <see cref="IMeterProvider.AutoPriority"/> (RAPL, else the estimate, for the CPU; NVML for GPUs),
/// saying why each better one was passed over: never a silent fallback. Naming a meter that cannot
/// be used is an error carrying its reason.
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
        return chosen.Count > 0 ? WithNotes(chosen, lines) : throw new EnergyMeterException("no energy meter named");
    }

    /// <summary>Every candidate, available or not, and why (for <c>doctor</c>).</summary>
    public IReadOnlyList<MeterInfo> Describe() => [.. candidates.Select(c => c.Info)];

    // Per side, the available meter of highest priority; every better one passed over says why.
    private MeterSelection SelectAuto()
    {
        var chosen = new List<IEnergyMeter>();
        var lines = new List<string>();
        foreach (var side in Enum.GetValues<MeterSide>())
        {
            var label = side.ToString().ToLowerInvariant();
            var passedOver = new List<(string Name, string Reason)>();
            (IEnergyMeter Meter, IMeterProvider Provider)? pick = null;
            foreach (var provider in MeterProviders.All.Where(p => p.Side == side).OrderByDescending(p => p.AutoPriority))
            {
                var meter = Find(provider.Name);
                if (meter is { Info.Available: true })
                {
                    pick = (meter, provider);
                    break;
                }
                passedOver.Add((provider.Name, meter?.Info.Reason ?? "not built"));
            }
            if (pick is var (m, p))
            {
                chosen.Add(m);
                var note = p.AutoNote is { } n ? $"; {n}" : "";
                var because = passedOver.Count > 0 ? " because " + string.Join("; ", passedOver.Select(x => $"{x.Name} is unavailable: {x.Reason}")) : "";
                lines.Add($"{label}: {m.Info.Name} ({Domains(m)}{note}){because}");
            }
            else
            {
                lines.Add($"{label}: none ({string.Join("; ", passedOver.Select(x => $"{x.Name} unavailable: {x.Reason}").DefaultIfEmpty("no meter known"))})");
            }
        }
        return WithNotes(chosen, lines);
    }

    // A chosen meter may explain itself further (the estimate names its model and inputs).
    private static MeterSelection WithNotes(List<IEnergyMeter> chosen, List<string> lines)
    {
        foreach (var meter in chosen)
        {
            lines.AddRange(MeterProviders.Find(meter.Info.Name)?.Notes(meter) ?? []);
        }
        return new MeterSelection(chosen, lines);
    }

    private IEnergyMeter? Find(string name) =>
        candidates.FirstOrDefault(c => string.Equals(c.Info.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string Domains(IEnergyMeter meter) =>
        string.Join(", ", meter.Info.Domains.Select(d => $"{d.Domain.Id} {d.Kind}"));
}
