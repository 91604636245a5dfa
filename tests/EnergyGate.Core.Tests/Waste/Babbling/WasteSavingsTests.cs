using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Tests.Waste.Babbling;

public sealed class WasteSavingsTests
{
    [Fact]
    public void Savings_on_hand_computed_pairs()
    {
        PairedSample[] pairs =
        [
            new(10, 4, 100, 40, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)),
            new(20, 6, 200, 60, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6)),
        ];
        var s = SuppressionSavings.Estimate(pairs);
        Assert.Equal(1 - 10.0 / 30, s.EnergySaved, 9);
        // Any resample is a mix of the two pairs, whose own savings are 60% and 70%.
        Assert.InRange(s.Lower, 0.6, s.EnergySaved);
        Assert.InRange(s.Upper, s.EnergySaved, 0.7);
        Assert.Equal(200, s.TokensSaved);
        Assert.Equal(2.0 / 3, s.TokensSavedShare, 9);
        Assert.Equal(0.2, s.OverheadShare, 9);
        Assert.Equal(s, SuppressionSavings.Estimate(pairs)); // seeded: reproducible
    }

    [Fact]
    public void No_correct_answer_means_nothing_saved_and_the_checks_are_pure_cost()
    {
        // The oracle never passed: generation ran to the limit both ways, plus the checks' time.
        PairedSample[] pairs =
        [
            new(50, 60, 256, 256, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)),
            new(50, 60, 256, 256, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)),
        ];
        var s = SuppressionSavings.Estimate(pairs);
        Assert.Equal(-0.2, s.EnergySaved, 9);
        Assert.Equal(-0.2, s.Lower, 9);
        Assert.Equal(-0.2, s.Upper, 9);
        Assert.Equal(0, s.TokensSaved);
        Assert.Equal(0.2, s.OverheadShare, 9);
    }

    [Fact]
    public void Savings_rejects_empty_and_negative_input()
    {
        Assert.Throws<ArgumentException>(() => SuppressionSavings.Estimate([]));
        Assert.Throws<ArgumentException>(() => SuppressionSavings.Estimate([new(-1, 1, 1, 1, default, default)]));
    }

    [Theory]
    [InlineData("none", SuppressionStrategy.None)]
    [InlineData("stop-words", SuppressionStrategy.StopWords)]
    [InlineData("Syntax", SuppressionStrategy.Syntax)]
    [InlineData(" test-oracle ", SuppressionStrategy.TestOracle)]
    public void Strategy_names_parse_and_round_trip(string name, SuppressionStrategy expected)
    {
        Assert.Equal(expected, SuppressionStrategies.Parse(name));
        Assert.Equal(name.Trim().ToLowerInvariant(), expected.Name());
    }

    [Fact]
    public void Unknown_strategy_and_missing_services_are_clear_errors()
    {
        var e = Assert.Throws<EnergyGateException>(() => SuppressionStrategies.Parse("oracle"));
        Assert.Contains("none, stop-words, syntax, test-oracle", e.Message, StringComparison.Ordinal);
        var problem = EnergyGate.Core.Suites.Smoke.SmokeSuite.Load()[0];
        Assert.Contains("syntax checker", Assert.Throws<EnergyGateException>(
            () => SuppressionStrategies.Create(SuppressionStrategy.Syntax, problem)).Message, StringComparison.Ordinal);
        Assert.Contains("sandbox", Assert.Throws<EnergyGateException>(
            () => SuppressionStrategies.Create(SuppressionStrategy.TestOracle, problem)).Message, StringComparison.Ordinal);
        var stopWords = SuppressionStrategies.Create(SuppressionStrategy.StopWords, problem);
        Assert.Null(stopWords.Criterion);
        Assert.Contains("\ndef", stopWords.Apply(new EnergyGate.Core.Generation.GenerationSettings()).StopStrings);
        Assert.Empty(SuppressionStrategies.Create(SuppressionStrategy.None, problem).StopStrings);
    }
}
