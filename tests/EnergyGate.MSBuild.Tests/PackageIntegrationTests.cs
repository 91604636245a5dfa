using System.Text.RegularExpressions;

namespace EnergyGate.MSBuild.Tests;

/// <summary>
/// Both packages end to end (packed and installed once by <see cref="PackedPackagesFixture"/>): a
/// project that references EnergyGate.MSBuild from the feed and gates after Build passes against a
/// fresh baseline, then fails with error EG1001 at the model's line of energygate.yml when a heavier
/// model is configured; a multi-targeted project gates once in its outer build.
/// </summary>
[Collection(PackedPackagesGroup.Name)]
public sealed class PackageIntegrationTests(PackedPackagesFixture packed)
{
    private readonly string _sample = Path.Combine(packed.Dir, "sample-build");

    [Fact]
    public async Task A_project_referencing_the_package_passes_on_its_baseline_and_fails_with_EG1001_on_a_regression()
    {
        Directory.CreateDirectory(_sample);
        await SampleFiles.WriteNuGetConfigAsync(_sample, packed.Feed, withParentPackages: false);
        await File.WriteAllTextAsync(Path.Combine(_sample, "Sample.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <EnergyGateToolPath>{packed.Tool}</EnergyGateToolPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EnergyGate.MSBuild" Version="{packed.Version}" />
              </ItemGroup>
              <Target Name="GateAfterBuild" AfterTargets="Build" DependsOnTargets="EnergyGateCheck" />
            </Project>
            """);
        var config = Path.Combine(_sample, "energygate.yml");
        await File.WriteAllTextAsync(config, SampleFiles.Plan(""));
        var baseline = await ProcessRunner.RunAsync(packed.Tool, ["baseline", "update"], _sample, packed.ChildEnvironment);
        Assert.True(baseline.ExitCode == 0, baseline.Output);

        var green = await BuildAsync();
        Assert.True(green.ExitCode == 0, green.Output);
        Assert.DoesNotContain("error EG", green.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_sample, ".energygate", "results", "report.md")), green.Output);

        await File.WriteAllTextAsync(config, SampleFiles.Plan(SampleFiles.HeavierTiny));
        var red = await BuildAsync();
        Assert.True(red.ExitCode != 0, red.Output);
        var modelLine = await SampleFiles.ModelLineAsync(config);
        Assert.Matches(new Regex($@"{Regex.Escape(config)}\({modelLine},\d+\): error EG1001: smoke/tiny/onnx/cpu "), red.Output);
    }

    [Fact]
    public async Task A_multi_targeted_project_runs_EnergyGateCheck_once_in_its_outer_build()
    {
        var sample = Path.Combine(packed.Dir, "sample-multi");
        Directory.CreateDirectory(sample);
        // netstandard2.0's reference package comes from the parent's package folder (PackageDownload).
        await SampleFiles.WriteNuGetConfigAsync(sample, packed.Feed, withParentPackages: true);
        await File.WriteAllTextAsync(Path.Combine(sample, "Multi.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>net10.0;netstandard2.0</TargetFrameworks>
                <EnergyGateToolPath>{packed.Tool}</EnergyGateToolPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EnergyGate.MSBuild" Version="{packed.Version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(sample, "energygate.yml"), SampleFiles.Plan(""));
        var baseline = await ProcessRunner.RunAsync(packed.Tool, ["baseline", "update"], sample, packed.ChildEnvironment);
        Assert.True(baseline.ExitCode == 0, baseline.Output);

        var check = await ProcessRunner.RunAsync(ProcessRunner.Dotnet, ["msbuild", "-restore", "-t:EnergyGateCheck", "-nodeReuse:false", "-tl:off"], sample, packed.ChildEnvironment);
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.DoesNotContain("error EG", check.Output, StringComparison.Ordinal);
        var reports = Regex.Count(check.Output, $@"Report: {Regex.Escape(Path.Combine(sample, ".energygate", "results", "report.md"))}");
        Assert.True(reports == 1, $"the gate reported {reports} times, not once:\n{check.Output}");
    }

    private Task<ProcessRunner.Result> BuildAsync() =>
        ProcessRunner.RunAsync(ProcessRunner.Dotnet, ["build", "-nodeReuse:false", "-p:UseSharedCompilation=false"], _sample, packed.ChildEnvironment);
}
