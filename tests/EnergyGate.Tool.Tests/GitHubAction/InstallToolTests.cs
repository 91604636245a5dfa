namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>
/// action/install_tool.py with a stand-in `dotnet` first on PATH that records each call and does
/// what pack and tool install would (write packages, write the executable), so the commands the
/// action builds are checked without a real pack (a minute on a small machine).
/// </summary>
public sealed class InstallToolTests : IDisposable
{
    private readonly ActionSandbox _sandbox = new();

    [Fact]
    public async Task A_checkout_is_packed_and_the_tool_installed_from_those_packages()
    {
        var checkout = Path.Combine(_sandbox.Dir, "checkout");
        var project = _sandbox.Write("checkout/src/EnergyGate.Tool/EnergyGate.Tool.csproj", "<Project />\n");

        var run = await InstallAsync(("EG_TOOL_SOURCE", checkout));

        Assert.True(run.ExitCode == 0, run.All);
        var calls = Calls();
        Assert.Equal(2, calls.Length);
        Assert.StartsWith($"pack {project} -c Release -o ", calls[0], StringComparison.Ordinal);
        Assert.EndsWith(" -nologo --disable-build-servers", calls[0], StringComparison.Ordinal);
        var feed = calls[0].Split(' ')[5];
        Assert.StartsWith(Path.Combine(_sandbox.Dir, "runner-temp", "energygate"), feed, StringComparison.Ordinal);
        Assert.Matches($"^tool install dotnet-energygate --ignore-failed-sources --tool-path (\\S+) --version 1\\.2\\.3 --add-source {feed}$", calls[1]);
        Assert.Equal("1.2.3", run.Outputs["version"]);
        Assert.True(File.Exists(run.Outputs["tool"]), run.Outputs["tool"]);
        Assert.EndsWith("/dotnet-energygate", run.Outputs["tool"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_of_packages_is_used_as_the_feed_without_packing()
    {
        var feed = Path.Combine(_sandbox.Dir, "packages");
        _sandbox.Write("packages/dotnet-energygate.0.4.0-preview.2.nupkg", "");
        _sandbox.Write("packages/dotnet-energygate.linux-x64.0.4.0-preview.2.nupkg", "");

        var run = await InstallAsync(("EG_TOOL_SOURCE", feed));

        Assert.True(run.ExitCode == 0, run.All);
        var call = Assert.Single(Calls());
        Assert.Matches($"^tool install dotnet-energygate --ignore-failed-sources --tool-path \\S+ --version 0\\.4\\.0-preview\\.2 --add-source {feed}$", call);
    }

    [Fact]
    public async Task A_pinned_version_installs_from_the_feed_given()
    {
        var run = await InstallAsync(("EG_TOOL_VERSION", "0.3.1"), ("EG_TOOL_FEED", "https://pkgs.example.test/nuget/v3/index.json"));

        Assert.True(run.ExitCode == 0, run.All);
        var call = Assert.Single(Calls());
        Assert.Matches("^tool install dotnet-energygate --tool-path \\S+ --version 0\\.3\\.1 --add-source https://pkgs\\.example\\.test/nuget/v3/index\\.json$", call);
    }

    [Fact]
    public async Task The_gpu_flavor_is_packed_with_its_property_and_installs_the_gpu_package()
    {
        var checkout = Path.Combine(_sandbox.Dir, "checkout");
        var project = _sandbox.Write("checkout/src/EnergyGate.Tool/EnergyGate.Tool.csproj", "<Project />\n");

        var run = await InstallAsync(("EG_TOOL_SOURCE", checkout), ("EG_TOOL_FLAVOR", "gpu"));

        Assert.True(run.ExitCode == 0, run.All);
        var calls = Calls();
        Assert.Equal(2, calls.Length);
        Assert.Matches($"^pack {project} -c Release -o \\S+ -nologo --disable-build-servers -p:EnergyGateFlavor=gpu$", calls[0]);
        Assert.Matches("^tool install dotnet-energygate-gpu --ignore-failed-sources --tool-path \\S+ --version 1\\.2\\.3 --add-source \\S+$", calls[1]);
        // Both flavors provide the same command.
        Assert.EndsWith("/dotnet-energygate", run.Outputs["tool"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pinned_version_of_the_gpu_flavor_installs_the_gpu_package()
    {
        var run = await InstallAsync(("EG_TOOL_VERSION", "0.3.1"), ("EG_TOOL_FLAVOR", "gpu"));

        Assert.True(run.ExitCode == 0, run.All);
        var call = Assert.Single(Calls());
        Assert.Matches("^tool install dotnet-energygate-gpu --tool-path \\S+ --version 0\\.3\\.1$", call);
    }

    [Fact]
    public async Task A_pinned_version_goes_to_the_cacheable_tool_path_and_a_complete_install_there_is_used_as_it_is()
    {
        var toolCache = Path.Combine(_sandbox.Dir, "hostedtoolcache");

        var first = await InstallAsync(("EG_TOOL_VERSION", "0.3.1"), ("RUNNER_TOOL_CACHE", toolCache));
        var second = await InstallAsync(("EG_TOOL_VERSION", "0.3.1"), ("RUNNER_TOOL_CACHE", toolCache));

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.All + second.All);
        var path = Path.Combine(toolCache, "dotnet-energygate", "dotnet-energygate", "0.3.1");
        Assert.Equal($"tool install dotnet-energygate --tool-path {path} --version 0.3.1", Assert.Single(Calls()));
        Assert.Equal("dotnet-energygate 0.3.1\n", File.ReadAllText(Path.Combine(path, ".complete")));
        Assert.Equal(Path.Combine(path, "dotnet-energygate"), second.Outputs["tool"]);
        Assert.Contains("(restored from a cache)", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_install_that_stopped_half_way_in_the_tool_path_is_replaced()
    {
        var toolCache = Path.Combine(_sandbox.Dir, "hostedtoolcache");
        _sandbox.Write("hostedtoolcache/dotnet-energygate/dotnet-energygate/0.3.1/dotnet-energygate", "#!/bin/sh\n");

        var run = await InstallAsync(("EG_TOOL_VERSION", "0.3.1"), ("RUNNER_TOOL_CACHE", toolCache));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Single(Calls());
        Assert.True(File.Exists(Path.Combine(toolCache, "dotnet-energygate", "dotnet-energygate", "0.3.1", ".complete")));
    }

    [Fact]
    public async Task A_folder_with_only_the_cpu_packages_does_not_satisfy_the_gpu_flavor()
    {
        _sandbox.Write("packages/dotnet-energygate.0.4.0.nupkg", "");

        var run = await InstallAsync(("EG_TOOL_SOURCE", Path.Combine(_sandbox.Dir, "packages")), ("EG_TOOL_FLAVOR", "gpu"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("holds no dotnet-energygate-gpu .nupkg", run.Output, StringComparison.Ordinal);
        Assert.Empty(Calls());
    }

    [Fact]
    public async Task A_folder_without_the_tool_says_what_to_give()
    {
        var run = await InstallAsync(("EG_TOOL_SOURCE", Directory.CreateDirectory(Path.Combine(_sandbox.Dir, "empty")).FullName));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("holds no dotnet-energygate .nupkg, no single .csproj and no src/EnergyGate.Tool", run.Output, StringComparison.Ordinal);
        Assert.Empty(Calls());
    }

    private string[] Calls()
    {
        var log = Path.Combine(_sandbox.Dir, "dotnet-calls.txt");
        return File.Exists(log) ? File.ReadAllLines(log) : [];
    }

    private Task<ScriptRun> InstallAsync(params (string Name, string Value)[] inputs)
    {
        const string script = """
            #!/usr/bin/env bash
            echo "$*" >> "$FAKE_DOTNET_LOG"
            out=""; toolpath=""; package=dotnet-energygate
            while [ $# -gt 0 ]; do
              case "$1" in -o) out="$2"; shift ;; --tool-path) toolpath="$2"; shift ;; -p:EnergyGateFlavor=gpu) package=dotnet-energygate-gpu ;; esac
              shift
            done
            if [ -n "$out" ]; then
              touch "$out/$package.1.2.3.nupkg" "$out/$package.linux-x64.1.2.3.nupkg"
            fi
            if [ -n "$toolpath" ]; then
              printf '#!/bin/sh\n' > "$toolpath/dotnet-energygate"
            fi
            """;
        var dotnet = _sandbox.WriteExecutable("fake-dotnet/dotnet", script);
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Path.GetDirectoryName(dotnet) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["FAKE_DOTNET_LOG"] = Path.Combine(_sandbox.Dir, "dotnet-calls.txt"),
        };
        foreach (var (name, value) in inputs)
        {
            env[name] = value;
        }
        return _sandbox.RunAsync("install_tool.py", env);
    }

    public void Dispose() => _sandbox.Dispose();
}
