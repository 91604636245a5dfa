namespace EnergyGate.MSBuild.Tests;

/// <summary>Files of the sample projects that the package integration tests build and test.</summary>
internal static class SampleFiles
{
    /// <summary>Only the packed feed, plus (for the test SDK and xunit) the parent's package folder.</summary>
    public static Task WriteNuGetConfigAsync(string sample, string feed, bool withParentPackages)
    {
        var parent = withParentPackages ? $"<add key=\"parent-packages\" value=\"{PackedPackagesFixture.ParentPackageFolder}\" />" : "";
        return File.WriteAllTextAsync(Path.Combine(sample, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="energygate-test-feed" value="{feed}" />
                {parent}
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>The plan the samples gate; <paramref name="tiny"/> may override the built-in model's shape.</summary>
    public static string Plan(string tiny) => $"""
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

    /// <summary>Four times the layers under the same model name: every token costs several times the energy.</summary>
    public const string HeavierTiny = "    tiny: {layers: 8, hidden: 256}";

    /// <summary>energygate.yml's 1-based line of the model entry, where EG1001 points.</summary>
    public static async Task<int> ModelLineAsync(string config) =>
        Array.FindIndex(await File.ReadAllLinesAsync(config), l => l.Contains("- name: tiny", StringComparison.Ordinal)) + 1;
}
