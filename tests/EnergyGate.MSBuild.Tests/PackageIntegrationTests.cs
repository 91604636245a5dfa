using System.Text.RegularExpressions;

namespace EnergyGate.MSBuild.Tests;

/// <summary>
/// Both packages end to end (packed and installed once by <see cref="PackedPackagesFixture"/>): a
/// project that references EnergyGate.MSBuild from the feed and gates after Build passes against a
/// fresh baseline, then fails with error EG1001 at the model's line of energygate.yml when a heavier
/// model is configured.
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

    private Task<ProcessRunner.Result> BuildAsync() =>
        ProcessRunner.RunAsync(ProcessRunner.Dotnet, ["build", "-nodeReuse:false", "-p:UseSharedCompilation=false"], _sample, packed.ChildEnvironment);
}
