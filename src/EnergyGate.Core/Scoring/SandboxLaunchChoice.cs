namespace EnergyGate.Core.Scoring;

/// <summary>
/// Picks the mechanism by starting the first supervisor with it: bubblewrap where installed and
/// allowed to create namespaces (a container may forbid that), else the plain-process fallback,
/// whose description then says why.
/// </summary>
internal static class SandboxLaunchChoice
{
    public static async Task<(SandboxLaunch Launch, SandboxWorker First)> StartFirstAsync(
        PythonInterpreter python, string scriptDirectory, SandboxOptions options,
        IReadOnlyDictionary<string, string?> environment, CancellationToken ct)
    {
        var root = Environment.IsPrivilegedProcess;
        var script = Path.Combine(scriptDirectory, "sandbox_supervisor.py");
        if (options.Mechanism == SandboxMechanism.Process)
        {
            var plain = SandboxLaunch.Plain(python, script, root, "chosen in the sandbox settings");
            return (plain, await SandboxWorker.StartAsync(plain, environment, ct));
        }
        var found = Bubblewrap.Find(Environment.GetEnvironmentVariable("PATH"), out var why);
        if (found is { } bwrap)
        {
            var wrapped = BubblewrapLaunch.Create(bwrap.Path, bwrap.Version, python, scriptDirectory, options, root);
            try
            {
                return (wrapped, await SandboxWorker.StartAsync(wrapped, environment, ct));
            }
            catch (EnergyGateException ex)
            {
                why = $"bubblewrap failed to start: {ex.Message}";
            }
        }
        if (options.Mechanism == SandboxMechanism.Bubblewrap)
        {
            throw new EnergyGateException(
                $"EG2052: the sandbox is set to bubblewrap only (sandbox.isolation), and it cannot run here: {why}. "
                + "Install bubblewrap and allow namespaces (in a container: --security-opt seccomp=unconfined or a privileged runner), or set sandbox.isolation to auto.");
        }
        var fallback = SandboxLaunch.Plain(python, script, root, why);
        return (fallback, await SandboxWorker.StartAsync(fallback, environment, ct));
    }
}
