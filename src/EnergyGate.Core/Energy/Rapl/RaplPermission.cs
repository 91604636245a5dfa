namespace EnergyGate.Core.Energy.Rapl;

/// <summary>The message for a root-only counter: the cause and the three usual fixes.</summary>
internal static class RaplPermission
{
    public static string Explain(string file) =>
        $"{file}: permission denied. Since the 2020 \"Platypus\" fix (CVE-2020-8694) RAPL energy_uj is readable by root only. " +
        "Fix one of: run as root; `sudo chmod o+r /sys/class/powercap/intel-rapl:*/energy_uj /sys/class/powercap/intel-rapl:*:*/energy_uj` (until reboot); " +
        "a udev rule, e.g. /etc/udev/rules.d/99-energygate-rapl.rules containing " +
        "`ACTION==\"add\", SUBSYSTEM==\"powercap\", KERNEL==\"intel-rapl:*\", RUN+=\"/bin/chmod o+r /sys%p/energy_uj\"`; " +
        "or a group: `RUN+=\"/bin/chgrp power /sys%p/energy_uj\"` plus `chmod g+r` and add the user to that group. " +
        "Or choose `--meter estimate` explicitly.";
}
