using EnergyGate.Core.Configuration;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Estimate;

namespace EnergyGate.Core.Runtimes.Served;

/// <summary>
/// How a plan's served cells are metered. RAPL and NVML see the whole machine, so a local server's
/// work shows in them as anything else does. The estimate counts one process tree's CPU time: this
/// process by default, or the server's when an <c>openai</c> entry names it (<c>server-pid</c>,
/// <c>server-process</c>); the configuration refuses such a plan with in-process runtimes.
/// </summary>
public static class ServedMeters
{
    /// <summary>
    /// <paramref name="env"/>, with the estimate's CPU time taken from the named server's process tree
    /// when the plan names one; unchanged otherwise.
    /// </summary>
    /// <exception cref="EnergyGateException">The named process does not exist, or two entries name different servers.</exception>
    public static MeterEnvironment Environment(ResolvedSettings settings, MeterEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(env);
        var servers = settings.Runtimes.Where(r => r.Runtime == RuntimeDefinitions.OpenAi.Name)
            .Select(OpenAiSettings.From).Where(s => s.NamesServer)
            .Select(s => (s.ServerPid, s.ServerProcess)).Distinct().ToList();
        if (servers.Count == 0)
        {
            return env;
        }
        if (servers.Count > 1)
        {
            throw new EnergyGateException("EG2075: the runtime entries name more than one server process (`server-pid`/`server-process`); the estimate meter measures one process tree: measure each server in its own run.");
        }
        var proc = Path.Combine(env.SysfsRoot, "proc");
        var pid = servers[0].ServerPid ?? ProcessTreeCpuTime.FindPid(proc, env.Reader, servers[0].ServerProcess!);
        var tree = new ProcessTreeCpuTime(proc, env.Reader, pid, env.Time);
        return env with { CpuTime = tree.Read, CpuTimeSource = tree.Description };
    }
}
