using System.Text.RegularExpressions;

namespace EnergyGate.MSBuild.Tests;

/// <summary>
/// EnergyGateRunAfterTest with a real `dotnet test` (VSTest) on an xunit project that references the
/// packed EnergyGate.MSBuild: off by default (no gate), on it gates after the tests pass: green on its
/// baseline, exit code non-zero with error EG1001 on a regression.
/// </summary>
[Collection(PackedPackagesGroup.Name)]
public sealed class RunAfterTestIntegrationTests(PackedPackagesFixture packed)
{
    private readonly string _sample = Path.Combine(packed.Dir, "sample-test");

    private string Report => Path.Combine(_sample, ".energygate", "results", "report.md");

    [Fact]
    public async Task Dotnet_test_runs_the_gate_after_the_tests_only_when_EnergyGateRunAfterTest_is_true()
    {
        Directory.CreateDirectory(_sample);
        await SampleFiles.WriteNuGetConfigAsync(_sample, packed.Feed, withParentPackages: true);
        await File.WriteAllTextAsync(Path.Combine(_sample, "SampleTests.cs"), """
            public class SampleTests
            {
                [Xunit.Fact]
                public void Adds() => Xunit.Assert.Equal(4, 2 + 2);
            }
            """);
        await WriteProjectAsync(runAfterTest: null);
        var config = Path.Combine(_sample, "energygate.yml");
        await File.WriteAllTextAsync(config, SampleFiles.Plan(""));
        var baseline = await ProcessRunner.RunAsync(packed.Tool, ["baseline", "update"], _sample, packed.ChildEnvironment);
        Assert.True(baseline.ExitCode == 0, baseline.Output);

        var byDefault = await TestAsync();
        Assert.True(byDefault.ExitCode == 0, byDefault.Output);
        Assert.Contains("Passed!", byDefault.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Report), $"the gate ran although EnergyGateRunAfterTest is false by default:\n{byDefault.Output}");

        await WriteProjectAsync(runAfterTest: true);
        var green = await TestAsync();
        Assert.True(green.ExitCode == 0, green.Output);
        Assert.DoesNotContain("error EG", green.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Report), green.Output);
        var reportLine = green.Output.IndexOf($"Report: {Report}", StringComparison.Ordinal);
        Assert.True(reportLine > green.Output.IndexOf("Passed!", StringComparison.Ordinal), $"the gate did not report after the tests:\n{green.Output}");

        await File.WriteAllTextAsync(config, SampleFiles.Plan(SampleFiles.HeavierTiny));
        var red = await TestAsync();
        Assert.True(red.ExitCode != 0, red.Output);
        Assert.Contains("Passed!", red.Output, StringComparison.Ordinal);
        var modelLine = await SampleFiles.ModelLineAsync(config);
        Assert.Matches(new Regex($@"{Regex.Escape(config)}\({modelLine},\d+\): error EG1001: smoke/tiny/onnx/cpu "), red.Output);
    }

    /// <summary>The xunit project; <paramref name="runAfterTest"/> null leaves the property to the package's default.</summary>
    private Task WriteProjectAsync(bool? runAfterTest)
    {
        var property = runAfterTest is { } value ? $"<EnergyGateRunAfterTest>{(value ? "true" : "false")}</EnergyGateRunAfterTest>" : "";
        return File.WriteAllTextAsync(Path.Combine(_sample, "Sample.Tests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <IsPackable>false</IsPackable>
                <EnergyGateToolPath>{packed.Tool}</EnergyGateToolPath>
                {property}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EnergyGate.MSBuild" Version="{packed.Version}" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="{PackedPackagesFixture.CentralVersion("Microsoft.NET.Test.Sdk")}" />
                <PackageReference Include="xunit" Version="{PackedPackagesFixture.CentralVersion("xunit")}" />
                <PackageReference Include="xunit.runner.visualstudio" Version="{PackedPackagesFixture.CentralVersion("xunit.runner.visualstudio")}" />
              </ItemGroup>
            </Project>
            """);
    }

    private Task<ProcessRunner.Result> TestAsync() =>
        ProcessRunner.RunAsync(ProcessRunner.Dotnet, ["test", "-nodeReuse:false", "-p:UseSharedCompilation=false"], _sample, packed.ChildEnvironment);
}
