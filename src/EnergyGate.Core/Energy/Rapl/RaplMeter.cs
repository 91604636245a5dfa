using System.Globalization;

namespace EnergyGate.Core.Energy.Rapl;

/// <summary>
/// RAPL energy counters through powercap sysfs. Reports raw <c>energy_uj</c> in joules per zone;
/// the sampler unwraps them using <see cref="MeterDomain.WrapJoules"/>.
/// </summary>
public sealed class RaplMeter : IEnergyMeter
{
    /// <summary>The meter's name in configuration and reports.</summary>
    public const string Name = "rapl";

    // Used for the wrap period when a zone states no power limit: high, so the safe gap is short.
    private const double FallbackMaxWatts = 500;

    // energy_uj counts in microjoules, but RAPL's energy unit is 2^-14 J (~61 uJ) on most parts.
    private const double ResolutionJoules = 61e-6;

    private readonly string[] _files;
    private readonly ICounterFile[] _counters;

    private RaplMeter(MeterInfo info, string[] files, ICounterFile[] counters) => (Info, _files, _counters) = (info, files, counters);

    /// <inheritdoc/>
    public MeterInfo Info { get; }

    /// <summary>
    /// Discovers zones under <paramref name="root"/> and checks every counter is readable. The meter
    /// is unavailable (with a reason that says how to fix it) when there are none or they are root-only.
    /// </summary>
    /// <param name="root">Sysfs root: "/" on a real machine, a temp folder in tests.</param>
    /// <param name="reader">File reader.</param>
    /// <param name="tdpWatts">Configured TDP, used for the wrap period when a zone states no limit.</param>
    public static RaplMeter Create(string root, IFileReader reader, double? tdpWatts = null)
    {
        var found = RaplDiscoverer.Discover(root, reader);
        if (found.Zones.Count == 0)
        {
            var why = $"no RAPL zone under {RaplDiscoverer.PowercapDir(root)} (no intel-rapl powercap driver: a VM, an old kernel, or not x86)";
            return Unavailable(found.Warnings.Count > 0 ? $"{why}; {string.Join("; ", found.Warnings)}" : why);
        }

        var domains = new List<MeterDomain>();
        var details = new List<string>(found.Details);
        foreach (var zone in found.Zones)
        {
            try
            {
                reader.ReadInt64(zone.EnergyFile);
            }
            catch (UnauthorizedAccessException)
            {
                return Unavailable(RaplPermission.Explain(zone.EnergyFile));
            }
            catch (Exception e) when (e is IOException or FormatException)
            {
                return Unavailable($"{zone.EnergyFile}: cannot read the counter: {e.Message}");
            }
            var watts = zone.MaxWatts ?? tdpWatts ?? FallbackMaxWatts;
            var safeGap = zone.RangeJoules is { } r ? TimeSpan.FromSeconds(r / (2 * watts)) : (TimeSpan?)null;
            domains.Add(new MeterDomain(zone.Domain, EnergyKind.Measured, ResolutionJoules, TimeSpan.FromMilliseconds(1))
            {
                WrapJoules = zone.RangeJoules,
                MaxSafeGap = safeGap,
                MaxWatts = watts,
                ExpectsPower = true,
                Source = zone.EnergyFile,
            });
            details.Add(safeGap is { } g
                ? string.Create(CultureInfo.InvariantCulture, $"{zone.Domain.Id}: {zone.EnergyFile}, range {zone.RangeJoules:0.###} J, wraps after >= {g.TotalSeconds * 2:0.#} s at {watts:0.#} W; reads must be < {g.TotalSeconds:0.#} s apart")
                : $"{zone.Domain.Id}: {zone.EnergyFile}, no counter range: wraps cannot be detected");
        }
        var info = new MeterInfo(Name, true, null, domains) { Warnings = found.Warnings, Details = details };
        string[] files = [.. domains.Select(d => d.Source)];
        try
        {
            return new RaplMeter(info, files, [.. files.Select(reader.OpenCounter)]);
        }
        catch (UnauthorizedAccessException e)
        {
            return Unavailable(RaplPermission.Explain(e.Message));
        }
    }

    /// <inheritdoc/>
    public void Read(Span<double> joules)
    {
        if (!Info.Available)
        {
            throw new EnergyMeterException($"RAPL is unavailable: {Info.Reason}");
        }
        for (var i = 0; i < _files.Length; i++)
        {
            try
            {
                joules[i] = _counters[i].Read() / 1e6;
            }
            catch (UnauthorizedAccessException e)
            {
                throw new EnergyMeterException(RaplPermission.Explain(_files[i]), e);
            }
            catch (Exception e) when (e is IOException or FormatException)
            {
                throw new EnergyMeterException($"{_files[i]}: cannot read the counter: {e.Message}", e);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var counter in _counters)
        {
            counter.Dispose();
        }
    }

    private static RaplMeter Unavailable(string reason) => new(MeterInfo.Unavailable(Name, reason), [], []);
}
