namespace EnergyGate.Core.Tests.Configuration;

/// <summary>Malformed YAML is reported at the position the parser stopped, before any schema check.</summary>
public sealed class YamlSyntaxTests
{
    [Fact]
    public void BadIndentationReportsFileLineAndColumn()
    {
        var error = ConfigText.SingleError("version: 1\nsandbox:\n  timeout: 3\n workers: 2\n");

        Assert.StartsWith("energygate.yml:4:2: invalid YAML: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedQuoteReportsAPosition()
    {
        Assert.StartsWith("energygate.yml:2:12: invalid YAML: ", ConfigText.SingleError("version: 1\ncache-dir: 'abc\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedFlowListIsAConfigErrorNotACrash()
    {
        // YamlDotNet 18.1 throws InvalidOperationException here rather than a YamlException.
        var error = ConfigText.SingleError("version: 1\nsuites: [1\nsandbox: {}\n");

        Assert.Matches(@"^energygate\.yml:\d+:\d+: invalid YAML: ", error);
    }

    [Fact]
    public void ASecondDocumentIsAnError()
    {
        Assert.Equal("energygate.yml:2:1: expected a single YAML document, found a second one ('---')",
            ConfigText.SingleError("version: 1\n---\nversion: 1\n"));
    }

    [Fact]
    public void UndefinedAliasIsAnError()
    {
        Assert.StartsWith("energygate.yml:2:10: invalid YAML: the alias *nope refers to no anchor",
            ConfigText.SingleError("version: 1\nsandbox: *nope\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void AnchorsAndAliasesAreFollowed()
    {
        var config = ConfigText.Parse("version: 1\ncache-dir: &dir /data\nresults-dir: *dir\n");

        Assert.Equal("/data", config.ResultsDir);
    }

    [Fact]
    public void FiftyThousandNestedSequencesAreAnErrorAtTheFirstTooDeepOneNotAStackOverflow()
    {
        // The 64th '[' (column 9 + 63) opens the 65th collection, counting the root mapping.
        Assert.Equal("energygate.yml:2:72: YAML nests sequences and mappings more than 64 levels deep here; energygate.yml's sections need only a few",
            ConfigText.SingleError("version: 1\nsuites: " + new string('[', 50_000) + "\n"));
    }

    [Fact]
    public void FiftyThousandNestedMappingsAreAnErrorToo()
    {
        var yaml = "version: 1\nx: " + string.Concat(Enumerable.Repeat("{a: ", 50_000)) + "\n";

        Assert.StartsWith("energygate.yml:2:256: YAML nests sequences and mappings more than 64 levels deep", ConfigText.SingleError(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void NestingUpToTheLimitIsStillParsed()
    {
        // 63 levels under the root mapping: 64 collections in all, the most accepted. Only the schema objects.
        var error = ConfigText.SingleError("version: 1\nsuites: " + new string('[', 63) + new string(']', 63) + "\n");

        Assert.DoesNotContain("levels deep", error, StringComparison.Ordinal);
    }
}
