using System.Globalization;

namespace EnergyGate.Core.Scoring;

/// <summary>
/// The bubblewrap command line for one supervisor: its own PID, network, IPC, UTS and cgroup
/// namespaces (the tool's processes and network are out of sight), a file system of its own that
/// holds only the system's /usr, the interpreter's folders and the supervisor script, all
/// read-only, and one size-limited tmpfs for the per-sample folders.
/// </summary>
internal static class BubblewrapLaunch
{
    /// <summary>Where the supervisor script is bound inside the sandbox.</summary>
    private const string ScriptMount = "/energygate";

    /// <summary>Top-level folders of a merged-/usr system, linked or bound as the host has them.</summary>
    private static readonly string[] SystemFolders = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    /// <summary>Small, secret-free files the C library and Python look for.</summary>
    private static readonly string[] EtcFiles = ["/etc/ld.so.cache", "/etc/localtime", "/etc/nsswitch.conf"];

    public static SandboxLaunch Create(
        string bwrap, string version, PythonInterpreter python, string scriptDirectory, SandboxOptions options, bool root)
    {
        var args = new List<string>
        {
            "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session", "--hostname", "energygate-sandbox",
        };
        if (root)
        {
            // The supervisor stays uid 0 with the few capabilities it needs to set up, watch, kill
            // and clean up after its children; each child drops to nobody and loses all of them.
            args.AddRange(["--cap-drop", "ALL"]);
            foreach (var cap in new[] { "CAP_SETUID", "CAP_SETGID", "CAP_KILL", "CAP_CHOWN", "CAP_DAC_OVERRIDE" })
            {
                args.AddRange(["--cap-add", cap]);
            }
        }
        else
        {
            args.AddRange(["--unshare-user", "--disable-userns", "--uid", "65534", "--gid", "65534"]);
        }
        args.AddRange(["--ro-bind", "/usr", "/usr"]);
        foreach (var folder in SystemFolders)
        {
            AddSystemFolder(args, folder);
        }
        foreach (var file in EtcFiles)
        {
            args.AddRange(["--ro-bind-try", file, file]);
        }
        var made = new HashSet<string>(StringComparer.Ordinal) { "/", "/usr", "/tmp", "/proc", "/dev", ScriptMount };
        foreach (var root2 in Outermost(python.Roots.Append(Path.GetDirectoryName(python.Executable)!)))
        {
            if (root2.StartsWith("/usr/", StringComparison.Ordinal))
            {
                continue;
            }
            AddParents(args, made, root2);
            args.AddRange(["--ro-bind", root2, root2]);
        }
        args.AddRange(["--ro-bind", scriptDirectory, ScriptMount]);
        args.AddRange(["--proc", "/proc", "--dev", "/dev"]);
        var tmpfsBytes = Math.Max(64L << 20, 16 * options.FileSizeBytes);
        // As root only the supervisor may create folders there: each sample writes its own folder only.
        args.AddRange(["--perms", root ? "0755" : "0700", "--size", tmpfsBytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", "/tmp"]);
        args.AddRange(["--remount-ro", "/", "--remount-ro", "/dev", "--chdir", "/tmp"]);
        args.AddRange(["--", python.Executable, "-I", "-B", $"{ScriptMount}/sandbox_supervisor.py", "--reap", "namespace", "--network", "given", "--scratch", "/tmp"]);
        if (root)
        {
            args.AddRange(["--drop-to", SandboxLaunch.Nobody]);
        }
        var user = root ? "started as root: samples run as uid 65534 with no capabilities" : "user namespace: samples run as uid 65534 with no capabilities";
        return new SandboxLaunch(bwrap, args, SandboxMechanism.Bubblewrap,
            $"bubblewrap {version}: own PID namespace and /proc, read-only file system but a {tmpfsBytes >> 20} MiB scratch tmpfs; {user}");
    }

    private static void AddSystemFolder(List<string> args, string folder)
    {
        var info = new DirectoryInfo(folder);
        if (!info.Exists)
        {
            return;
        }
        if (info.LinkTarget is { } target)
        {
            args.AddRange(["--symlink", target, folder]);
        }
        else
        {
            args.AddRange(["--ro-bind", folder, folder]);
        }
    }

    /// <summary>Folders that are not inside another one of the list (binding the outer one is enough).</summary>
    internal static IEnumerable<string> Outermost(IEnumerable<string> folders)
    {
        var sorted = folders.Where(f => f.Length > 1 && Path.IsPathRooted(f)).Select(f => f.TrimEnd('/')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var kept = new List<string>();
        foreach (var folder in sorted)
        {
            if (!kept.Any(k => folder.StartsWith(k + "/", StringComparison.Ordinal)))
            {
                kept.Add(folder);
            }
        }
        return kept;
    }

    /// <summary>
    /// Creates the parents of a bound folder as world-searchable directories: a python under
    /// /root/.pyenv stays readable by the unprivileged child without exposing anything else of /root.
    /// </summary>
    private static void AddParents(List<string> args, HashSet<string> made, string folder)
    {
        var parents = new Stack<string>();
        for (var parent = Path.GetDirectoryName(folder); parent is not null && parent != "/"; parent = Path.GetDirectoryName(parent))
        {
            parents.Push(parent);
        }
        foreach (var parent in parents.Where(made.Add))
        {
            args.AddRange(["--perms", "0755", "--dir", parent]);
        }
    }
}
