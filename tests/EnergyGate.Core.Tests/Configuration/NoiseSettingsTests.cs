using EnergyGate.Core.Configuration;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Tests.Configuration;

/// <summary><c>gate.noise</c> maps onto <see cref="NoiseLimits"/>; mistakes name the key.</summary>
public sealed class NoiseSettingsTests
{
    [Fact]
    public void The_noise_section_maps_onto_the_limits()
    {
        var settings = SettingsResolver.Resolve(ConfigText.Parse("version: 1\ngate:\n  noise:\n    enabled: false\n    drift-of-warn: 0.8\n    spread-of-warn: 2\n    max-steal: 5%\n    explain-factor: 3\n"), new Dictionary<string, string?>(), CliOverrides.None, "/home/u");
        Assert.Equal(new NoiseLimits { Enabled = false, DriftOfWarn = 0.8, SpreadOfWarn = 2, MaxSteal = 0.05, ExplainFactor = 3 }, settings.Gate.Noise);
    }

    [Fact]
    public void Left_out_keys_keep_the_defaults() =>
        Assert.Equal(new NoiseLimits(), SettingsResolver.Resolve(ConfigText.Parse("version: 1\ngate:\n  noise: {}\n"), new Dictionary<string, string?>(), CliOverrides.None, "/home/u").Gate.Noise);

    [Theory]
    [InlineData("gate:\n  noise:\n    max-steel: 5%\n", "gate.noise.max-steel: unknown key `max-steel`; did you mean `max-steal`?")]
    [InlineData("gate:\n  noise:\n    drift-of-warn: 0\n", "gate.noise.drift-of-warn: expected")]
    [InlineData("gate:\n  noise:\n    explain-factor: 0.5\n", "gate.noise.explain-factor: expected")]
    public void Mistakes_name_the_key(string body, string expected) =>
        Assert.Contains(expected, ConfigText.SingleError("version: 1\n" + body), StringComparison.Ordinal);

    [Fact]
    public void The_schema_lists_exactly_the_loader_keys()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Join(RepoFiles.Root, "docs", "energygate.schema.json")));
        var noise = schema.RootElement.GetProperty("properties").GetProperty("gate").GetProperty("properties").GetProperty("noise");
        Assert.False(noise.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(ConfigKeys.NoiseSection.Order(), noise.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
    }
}
