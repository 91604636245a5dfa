using EnergyGate.Core.Configuration;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Tests.Configuration;

namespace EnergyGate.Core.Tests.Waste.Babbling;

/// <summary>The test oracle's check limit moves where its suppression stops, so it is part of the plan's settings hash when the oracle runs.</summary>
public sealed class OracleLimitSettingsHashTests
{
    private static string Hash(string suppression, string sandbox = "")
    {
        var settings = SettingsResolver.Resolve(ConfigText.Parse(
            $"version: 1\nsuites:\n  - name: smoke\n    suppression: {suppression}\n{sandbox}"),
            new Dictionary<string, string?>(), CliOverrides.None, "/home/u");
        return RunFingerprint.SettingsHash(settings, RunPlan.Create(settings));
    }

    [Fact]
    public void A_changed_limit_changes_the_hash_of_an_oracle_plan()
    {
        Assert.NotEqual(Hash("test-oracle"), Hash("test-oracle", "sandbox:\n  oracle-factor: 8\n"));
        Assert.NotEqual(Hash("test-oracle"), Hash("test-oracle", "sandbox:\n  oracle-min-seconds: 1\n"));
    }

    [Fact]
    public void The_default_limit_and_plans_without_the_oracle_keep_their_hash()
    {
        Assert.Equal(Hash("test-oracle"), Hash("test-oracle", "sandbox:\n  oracle-factor: 4\n  oracle-min-seconds: 0.25\n"));
        Assert.Equal(Hash("syntax"), Hash("syntax", "sandbox:\n  oracle-factor: 8\n"));
    }
}
