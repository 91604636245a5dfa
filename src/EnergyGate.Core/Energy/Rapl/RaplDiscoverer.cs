using System.Globalization;
using System.Text.RegularExpressions;

namespace EnergyGate.Core.Energy.Rapl;

/// <summary>
/// Walks <c>&lt;root&gt;/sys/class/powercap</c> for RAPL zones (Intel, and AMD on recent kernels,
/// use the same <c>intel-rapl:N[:M]</c> tree). Keeps package per socket, dram and psys; drops
/// core/uncore (inside the package: summing would double count) and the <c>intel-rapl-mmio</c>
/// mirror of a package already read through MSRs.
/// </summary>
public static partial class RaplDiscoverer
{
    /// <summary>The powercap folder below a sysfs root ("/" on a real machine).</summary>
    public static string PowercapDir(string root) => Path.Combine(root, "sys", "class", "powercap");

    /// <summary>Finds the zones; never throws for a malformed tree, it warns instead.</summary>
    public static RaplDiscovery Discover(string root, IFileReader reader)
    {
        var warnings = new List<string>();
        var details = new List<string>();
        var zones = new List<RaplZone>();
        var dir = PowercapDir(root);
        if (!Directory.Exists(dir))
        {
            return new RaplDiscovery(zones, warnings, details);
        }

        foreach (var (path, match) in ZoneFolders(dir, warnings))
        {
            var name = TryRead(reader, Path.Combine(path, "name"))?.Trim();
            var domain = name is null ? null : DomainOf(name, match, reader, dir);
            if (domain is null)
            {
                (name is "core" or "uncore" ? details : warnings).Add(name is null
                    ? $"{path}: no readable 'name' file; zone skipped"
                    : $"{path}: zone '{name}' skipped ({(name is "core" or "uncore" ? "inside the package domain" : "unknown name")})");
                continue;
            }
            if (zones.Any(z => z.Domain == domain))
            {
                details.Add($"{path}: duplicate of {domain.Id} (mmio mirror); not counted twice");
                continue;
            }
            var range = TryReadLong(reader, Path.Combine(path, "max_energy_range_uj"));
            if (range is null)
            {
                warnings.Add($"{path}: no max_energy_range_uj; wrap detection unavailable for {domain.Id}");
            }
            var limit = TryReadLong(reader, Path.Combine(path, "constraint_0_max_power_uw"))
                ?? TryReadLong(reader, Path.Combine(path, "constraint_0_power_limit_uw"));
            zones.Add(new RaplZone(path, domain, range / 1e6, limit is > 0 ? limit / 1e6 : null));
        }
        return new RaplDiscovery(zones, warnings, details);
    }

    private static IEnumerable<(string Path, Match Match)> ZoneFolders(string dir, List<string> warnings)
    {
        var found = new List<(string, Match, int Order)>();
        foreach (var path in Directory.EnumerateFileSystemEntries(dir))
        {
            var entry = Path.GetFileName(path);
            // "intel-rapl" alone is the control type, not a zone; other powercap drivers are not RAPL.
            if (!entry.StartsWith("intel-rapl", StringComparison.Ordinal) || !entry.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }
            var match = ZoneName().Match(entry);
            if (!match.Success || !Directory.Exists(path))
            {
                warnings.Add($"{path}: not a RAPL zone name (expected intel-rapl:N or intel-rapl:N:M); skipped");
                continue;
            }
            // MSR zones before their mmio mirrors, parents before children, numerically.
            var order = (match.Groups["mmio"].Success ? 1_000_000 : 0) + (Number(match, "top") * 1000) + (match.Groups["sub"].Success ? Number(match, "sub") + 1 : 0);
            found.Add((path, match, order));
        }
        return found.OrderBy(f => f.Order).Select(f => (f.Item1, f.Item2));
    }

    private static EnergyDomain? DomainOf(string name, Match match, IFileReader reader, string dir)
    {
        if (name == "psys")
        {
            return EnergyDomain.Psys;
        }
        if (PackageName().Match(name) is { Success: true } package)
        {
            return EnergyDomain.PackageOf(int.Parse(package.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        if (name == "dram")
        {
            // The socket is the parent package's number, which need not equal the folder index.
            var parent = Path.Combine(dir, $"{match.Groups["prefix"].Value}:{match.Groups["top"].Value}", "name");
            var parentName = TryRead(reader, parent)?.Trim() ?? "";
            var socket = PackageName().Match(parentName) is { Success: true } p ? p.Groups[1].Value : match.Groups["top"].Value;
            return EnergyDomain.DramOf(int.Parse(socket, CultureInfo.InvariantCulture));
        }
        return null;
    }

    private static int Number(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static string? TryRead(IFileReader reader, string path)
    {
        try
        {
            return reader.ReadText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? TryReadLong(IFileReader reader, string path) =>
        long.TryParse(TryRead(reader, path)?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    [GeneratedRegex(@"^(?<prefix>intel-rapl(?<mmio>-mmio)?):(?<top>\d+)(:(?<sub>\d+))?$")]
    private static partial Regex ZoneName();

    [GeneratedRegex(@"^package-(\d+)$")]
    private static partial Regex PackageName();
}
