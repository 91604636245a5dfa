using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Tests.Scoring;

public sealed class BubblewrapLaunchTests
{
    private static readonly PythonInterpreter Python = new("/root/.pyenv/shims/python3", new Version(3, 11, 7))
    {
        Executable = "/root/.pyenv/versions/3.11.7/bin/python3.11",
        Roots = ["/root/.pyenv/versions/3.11.7", "/root/.pyenv/versions/3.11.7/lib/python3.11", "/usr/lib/python3/dist-packages"],
    };

    [Fact]
    public void Binds_the_outermost_interpreter_folders_read_only_with_searchable_parents()
    {
        var launch = BubblewrapLaunch.Create("/usr/bin/bwrap", "0.8.0", Python, "/tmp/script", new SandboxOptions(), root: true);
        var args = string.Join(' ', launch.Arguments);
        Assert.Contains("--ro-bind /root/.pyenv/versions/3.11.7 /root/.pyenv/versions/3.11.7", args, StringComparison.Ordinal);
        Assert.DoesNotContain("--ro-bind /root/.pyenv/versions/3.11.7/lib", args, StringComparison.Ordinal);
        Assert.Contains("--perms 0755 --dir /root --perms 0755 --dir /root/.pyenv", args, StringComparison.Ordinal);
        Assert.DoesNotContain("--bind ", args, StringComparison.Ordinal);   // nothing of the host is writable
        Assert.Contains("--remount-ro /", args, StringComparison.Ordinal);
    }

    [Fact]
    public void As_root_the_supervisor_keeps_five_capabilities_and_drops_each_child_to_nobody()
    {
        var launch = BubblewrapLaunch.Create("/usr/bin/bwrap", "0.8.0", Python, "/tmp/script", new SandboxOptions(), root: true);
        var args = launch.Arguments.ToList();
        Assert.Equal(5, args.Count(a => a == "--cap-add"));
        Assert.Equal(SandboxLaunch.Nobody, args[args.IndexOf("--drop-to") + 1]);
        Assert.DoesNotContain("--unshare-user", args);
    }

    [Fact]
    public void As_a_user_it_maps_to_nobody_in_a_user_namespace_that_cannot_nest()
    {
        var args = BubblewrapLaunch.Create("/usr/bin/bwrap", "0.8.0", Python, "/tmp/script", new SandboxOptions(), root: false).Arguments.ToList();
        Assert.Contains("--unshare-user", args);
        Assert.Contains("--disable-userns", args);
        Assert.DoesNotContain("--drop-to", args);
        Assert.DoesNotContain("--cap-add", args);
    }

    [Fact]
    public void Outermost_keeps_only_folders_not_inside_another()
    {
        Assert.Equal(["/a", "/b/c"], BubblewrapLaunch.Outermost(["/a/x", "/a", "/b/c/d", "/b/c", "relative"]));
    }
}
