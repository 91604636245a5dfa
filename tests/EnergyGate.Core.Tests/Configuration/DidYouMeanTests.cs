using EnergyGate.Core.Configuration;

namespace EnergyGate.Core.Tests.Configuration;

public sealed class DidYouMeanTests
{
    [Theory]
    [InlineData("sandbox", "sandbox", 0)]
    [InlineData("sandbx", "sandbox", 1)]
    [InlineData("tiemout", "timeout", 1)] // adjacent transposition counts once
    [InlineData("", "k", 1)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance(string a, string b, int expected) => Assert.Equal(expected, DidYouMean.Distance(a, b));

    [Theory]
    [InlineData("Sandbox", "sandbox")]
    [InlineData("cacheDir", "cache-dir")]
    [InlineData("samples_per_task", "samples-per-task")]
    [InlineData("workrs", "workers")]
    [InlineData("colour", null)]
    [InlineData("xyz", null)]
    public void SuggestsOnlyPlausibleTypos(string typed, string? expected)
    {
        string[] keys = [.. ConfigKeys.Root, .. ConfigKeys.SandboxSection, .. ConfigKeys.Suite];

        Assert.Equal(expected, DidYouMean.Suggest(typed, keys));
    }
}
