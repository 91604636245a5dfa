using EnergyGate.Core.Configuration;

namespace EnergyGate.Core.Tests.Configuration;

/// <summary>Parses YAML written inline in a test, as if it were /repo/energygate.yml.</summary>
internal static class ConfigText
{
    public const string FileName = "energygate.yml";

    /// <summary>A fixed absolute folder, so expected paths do not depend on where the tests run.</summary>
    public static readonly string BaseDirectory = OperatingSystem.IsWindows() ? @"C:\repo" : "/repo";

    public static EnergyGateConfig Parse(string yaml) => ConfigLoader.Parse(yaml, FileName, BaseDirectory);

    public static IReadOnlyList<ConfigError> Errors(string yaml) =>
        Assert.Throws<ConfigurationException>(() => Parse(yaml)).Errors;

    /// <summary>The formatted form of the only error, e.g. <c>energygate.yml:7:9: suites[1].k[0]: ...</c>.</summary>
    public static string SingleError(string yaml) => Assert.Single(Errors(yaml)).ToString();

    public static string InRepo(params string[] parts) => Path.Join([BaseDirectory, .. parts]);
}
