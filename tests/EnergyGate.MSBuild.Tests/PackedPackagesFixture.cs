using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace EnergyGate.MSBuild.Tests;

/// <summary>
/// Packs EnergyGate.MSBuild and the tool (this machine's RID only) into a folder feed once and installs
/// the tool from it with --tool-path; the package integration tests share it (packing the tool takes
/// most of their time). The packing itself restores from the machine's usual package folder, like the build
/// before it: with an empty one it would copy every dependency of the tool (ONNX Runtime GPU, libtorch:
/// gigabytes) into the temp folder, which filled CI's disk once. Installing the tool and building the samples
/// restore into an isolated NUGET_PACKAGES under the temp folder, so no stale copy of a package can be used
/// and nothing is added to the machine's package folder.
/// </summary>
public sealed class PackedPackagesFixture : IAsyncLifetime
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("energygate-msbuild-it-").FullName;

    // A unique version: nothing restored here can be a stale copy of an earlier run.
    public string Version { get; } = $"0.1.0-it.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public string Feed => Path.Combine(Dir, "feed");

    /// <summary>The tool's executable, installed from the feed; on a platform with no tool package, the built dll.</summary>
    public string Tool { get; private set; } = "";

    public Dictionary<string, string> ChildEnvironment => new() { ["NUGET_PACKAGES"] = Path.Combine(Dir, "packages") };

    /// <summary>
    /// The folder this test project restored its own packages into (a v3 folder layout, which NuGet
    /// also reads as a source): samples get xunit and the test SDK from it with no network.
    /// </summary>
    public static string ParentPackageFolder =>
        typeof(PackedPackagesFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value
        ?? throw new InvalidOperationException("the test assembly carries no NuGetPackageRoot");

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EnergyGate.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("EnergyGate.sln not found above the test binaries");
    }

    /// <summary>A package's version from the repository's Directory.Packages.props (central package management).</summary>
    public static string CentralVersion(string package) =>
        XDocument.Load(Path.Combine(RepoRoot(), "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == package).Attribute("Version")!.Value;

    public async Task InitializeAsync()
    {
        var root = RepoRoot();
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;   // bin/<Configuration>/net10.0/
        var pack = await ProcessRunner.RunAsync(ProcessRunner.Dotnet,
            ["pack", "src/EnergyGate.MSBuild", "-c", configuration, "--no-build", "-o", Feed, $"-p:PackageVersion={Version}", "-nodeReuse:false"], root);
        Require(pack, "packing EnergyGate.MSBuild");
        var rid = RuntimeInformation.RuntimeIdentifier;
        if (rid is not ("linux-x64" or "win-x64"))
        {
            // The tool ships packages for linux-x64 and win-x64 only (ONNX Runtime's GPU natives).
            Tool = Path.Combine(root, "src", "EnergyGate.Tool", "bin", configuration, "net10.0", "dotnet-energygate.dll");
            return;
        }
        var packTool = await ProcessRunner.RunAsync(ProcessRunner.Dotnet,
            ["pack", "src/EnergyGate.Tool", "-c", configuration, "-o", Feed, $"-p:PackageVersion={Version}", $"-p:ToolPackageRuntimeIdentifiers={rid}", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            root);
        Require(packTool, "packing the tool");
        var tools = Path.Combine(Dir, "tools");
        var install = await ProcessRunner.RunAsync(ProcessRunner.Dotnet,
            ["tool", "install", "dotnet-energygate", "--tool-path", tools, "--add-source", Feed, "--version", Version], Dir, ChildEnvironment);
        Require(install, "installing the tool from the feed");
        Tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "dotnet-energygate.exe" : "dotnet-energygate");
        var help = await ProcessRunner.RunAsync(Tool, ["--help"], Dir, ChildEnvironment);
        Require(help, "the installed tool's --help");
        if (!help.Output.Contains("check", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the installed tool's --help names no `check` command:\n{help.Output}");
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Dir, recursive: true);
        return Task.CompletedTask;
    }

    private static void Require(ProcessRunner.Result result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed with exit code {result.ExitCode}:\n{result.Output}");
        }
    }
}

/// <summary>The package integration tests share one packed feed and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackagesGroup : ICollectionFixture<PackedPackagesFixture>
{
    public const string Name = "packed packages";
}
