using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace EnergyGate.MSBuild.Tests;

/// <summary>
/// Both packages end to end: packs EnergyGate.MSBuild and the tool (this machine's RID only) into a
/// folder feed, installs the tool from it with --tool-path, creates a project that references
/// EnergyGate.MSBuild from the feed, and builds it: green against a fresh baseline, then error EG1001
/// at the model's line of energygate.yml when a heavier model is configured. About a minute on 2 cores.
/// </summary>
public sealed class PackageIntegrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-msbuild-it-").FullName;

    // A unique version: nothing restored here can be a stale copy of an earlier run.
    private readonly string _version = $"0.1.0-it.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Feed => Path.Combine(_dir, "feed");

    private string Sample => Path.Combine(_dir, "sample");

    private Dictionary<string, string> ChildEnvironment => new() { ["NUGET_PACKAGES"] = Path.Combine(_dir, "packages") };

    [Fact]
    public async Task A_project_referencing_the_package_passes_on_its_baseline_and_fails_with_EG1001_on_a_regression()
    {
        var tool = await PackAndInstallAsync();
        Directory.CreateDirectory(Sample);
        await File.WriteAllTextAsync(Path.Combine(Sample, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="energygate-test-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(Sample, "Sample.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <EnergyGateToolPath>{tool}</EnergyGateToolPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EnergyGate.MSBuild" Version="{_version}" />
              </ItemGroup>
              <Target Name="GateAfterBuild" AfterTargets="Build" DependsOnTargets="EnergyGateCheck" />
            </Project>
            """);
        var config = Path.Combine(Sample, "energygate.yml");
        await File.WriteAllTextAsync(config, Plan(""));
        var baseline = await ProcessRunner.RunAsync(tool, ["baseline", "update"], Sample, ChildEnvironment);
        Assert.True(baseline.ExitCode == 0, baseline.Output);

        var green = await BuildAsync();
        Assert.True(green.ExitCode == 0, green.Output);
        Assert.DoesNotContain("error EG", green.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Sample, ".energygate", "results", "report.md")), green.Output);

        // Four times the layers under the same model name: every token costs several times the energy.
        await File.WriteAllTextAsync(config, Plan("    tiny: {layers: 8, hidden: 256}"));
        var red = await BuildAsync();
        Assert.True(red.ExitCode != 0, red.Output);
        var modelLine = Array.FindIndex(await File.ReadAllLinesAsync(config), l => l.Contains("- name: tiny", StringComparison.Ordinal)) + 1;
        Assert.Matches(new Regex($@"{Regex.Escape(config)}\({modelLine},\d+\): error EG1001: smoke/tiny/onnx/cpu "), red.Output);
    }

    private Task<ProcessRunner.Result> BuildAsync() =>
        ProcessRunner.RunAsync(ProcessRunner.Dotnet, ["build", "-nodeReuse:false", "-p:UseSharedCompilation=false"], Sample, ChildEnvironment);

    /// <summary>The tool's executable, installed from the feed; on a platform with no tool package, the built dll.</summary>
    private async Task<string> PackAndInstallAsync()
    {
        var root = RepoRoot();
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;   // bin/<Configuration>/net10.0/
        var pack = await ProcessRunner.RunAsync(ProcessRunner.Dotnet,
            ["pack", "src/EnergyGate.MSBuild", "-c", configuration, "--no-build", "-o", Feed, $"-p:PackageVersion={_version}", "-nodeReuse:false"], root, ChildEnvironment);
        Assert.True(pack.ExitCode == 0, pack.Output);
        var rid = RuntimeInformation.RuntimeIdentifier;
        if (rid is not ("linux-x64" or "win-x64"))
        {
            // The tool ships packages for linux-x64 and win-x64 only (ONNX Runtime's GPU natives).
            return Path.Combine(root, "src", "EnergyGate.Tool", "bin", configuration, "net10.0", "dotnet-energygate.dll");
        }
        var packTool = await ProcessRunner.RunAsync(ProcessRunner.Dotnet,
            ["pack", "src/EnergyGate.Tool", "-c", configuration, "-o", Feed, $"-p:PackageVersion={_version}", $"-p:ToolPackageRuntimeIdentifiers={rid}", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            root, ChildEnvironment);
        Assert.True(packTool.ExitCode == 0, packTool.Output);
        var tools = Path.Combine(_dir, "tools");
        var install = await ProcessRunner.RunAsync(ProcessRunner.Dotnet,
            ["tool", "install", "dotnet-energygate", "--tool-path", tools, "--add-source", Feed, "--version", _version], _dir, ChildEnvironment);
        Assert.True(install.ExitCode == 0, install.Output);
        var exe = Path.Combine(tools, OperatingSystem.IsWindows() ? "dotnet-energygate.exe" : "dotnet-energygate");
        var help = await ProcessRunner.RunAsync(exe, ["--help"], _dir, ChildEnvironment);
        Assert.True(help.ExitCode == 0, help.Output);
        Assert.Contains("check", help.Output, StringComparison.Ordinal);
        return exe;
    }

    private static string Plan(string tiny) => $"""
        version: 1
        cache-dir: cache
        models:
          - name: tiny
            source: builtin:tiny
        {tiny}
        runtimes:
          - runtime: onnx
            provider: cpu
            threads: 1
        measurement:
          repetitions: 5
          warmup: 1
          idle-seconds: 0
        decoding:
          max-new-tokens: 24
        suites:
          - name: smoke
            limit: 5
        gate:
          # Wide: other test assemblies share the cores; the injected change is several times larger.
          warn: 50%
          fail: 100%
        """;

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EnergyGate.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("EnergyGate.sln not found above the test binaries");
    }
}
