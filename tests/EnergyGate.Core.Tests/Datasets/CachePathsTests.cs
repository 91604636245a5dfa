using EnergyGate.Core.Datasets;

namespace EnergyGate.Core.Tests.Datasets;

public sealed class CachePathsTests
{
    [Fact]
    public void ExplicitVariableWins()
    {
        var env = Env(("ENERGYGATE_CACHE_DIR", "/data/eg"), ("XDG_CACHE_HOME", "/xdg"));

        Assert.Equal("/data/eg", CachePaths.Default(env, "/home/u"));
    }

    [Fact]
    public void XdgCacheHomeIsNext()
    {
        Assert.Equal(Path.Combine("/xdg", "energygate"), CachePaths.Default(Env(("XDG_CACHE_HOME", "/xdg")), "/home/u"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/cache")]
    public void FallsBackToHomeWhenXdgIsUnsetEmptyOrRelative(string? xdg)
    {
        var env = Env(("ENERGYGATE_CACHE_DIR", ""), ("XDG_CACHE_HOME", xdg));

        Assert.Equal(Path.Combine("/home/u", ".cache", "energygate"), CachePaths.Default(env, "/home/u"));
    }

    [Fact]
    public void NoHomeAndNoVariablesIsAClearError()
    {
        var ex = Assert.Throws<EnergyGateException>(() => CachePaths.Default(Env(), ""));

        Assert.Contains("ENERGYGATE_CACHE_DIR", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--cache-dir", ex.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Env(params (string Key, string? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
