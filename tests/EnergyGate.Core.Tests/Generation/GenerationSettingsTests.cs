using System.Globalization;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Tests.Generation;

public sealed class GenerationSettingsTests
{
    [Fact]
    public void Defaults_are_greedy_with_256_tokens_and_no_stop_strings()
    {
        var settings = new GenerationSettings();
        Assert.Equal(256, settings.MaxNewTokens);
        Assert.Equal(0, settings.Temperature);
        Assert.Equal(0, settings.TopK);
        Assert.Equal(1.0, settings.TopP);
        Assert.False(settings.IsSampling);
        Assert.Empty(settings.StopStrings);
        Assert.Empty(settings.EndOfSequenceIds);
        settings.Validate();
    }

    [Fact]
    public void HumanEval_stop_strings_are_the_Codex_set() =>
        Assert.Equal(["\nclass", "\ndef", "\n#", "\nif", "\nprint"], GenerationSettings.HumanEvalStopStrings);

    public static TheoryData<GenerationSettings, string> Invalid => new()
    {
        { new() { MaxNewTokens = 0 }, "max_new_tokens must be at least 1 (got 0)" },
        { new() { Temperature = -0.5 }, "temperature must be 0 (greedy) or a positive number (got -0.5)" },
        { new() { Temperature = double.NaN }, "temperature" },
        { new() { Temperature = double.PositiveInfinity }, "temperature" },
        { new() { TopK = -1 }, "top_k must be 0 (off) or a positive number of tokens (got -1)" },
        { new() { TopP = 0 }, "top_p must be above 0 and at most 1 (1 = off) (got 0)" },
        { new() { TopP = 1.5 }, "top_p must be above 0 and at most 1 (1 = off) (got 1.5)" },
        { new() { StopStrings = ["\ndef", ""] }, "stop_strings[1] is empty" },
        { new() { EndOfSequenceIds = [-2] }, "end_of_sequence_ids[0] is -2" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_names_the_bad_setting_and_value(GenerationSettings settings, string expected)
    {
        var error = Assert.Throws<EnergyGateException>(settings.Validate);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_use_the_invariant_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var error = Assert.Throws<EnergyGateException>(new GenerationSettings { TopP = 1.5 }.Validate);
            Assert.Contains("(got 1.5)", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Selector_follows_the_temperature()
    {
        Assert.IsType<GreedyTokenSelector>(TokenSelectors.FromSettings(new GenerationSettings()));
        Assert.IsType<SamplingTokenSelector>(TokenSelectors.FromSettings(new GenerationSettings { Temperature = 0.8 }));
    }
}
