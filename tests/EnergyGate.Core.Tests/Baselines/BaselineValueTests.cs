using EnergyGate.Core.Baselines;

namespace EnergyGate.Core.Tests.Baselines;

/// <summary>
/// A baseline's numbers must be measurements: 1e999 made a cell impossible to fail and negative
/// energies read as improvements. Each is refused with the file, the JSON path and what is expected.
/// </summary>
public sealed class BaselineValueTests
{
    private const string Source = "baselines/h/m/onnx-cuda.measured.ci.json";
    private const string Energy = "\"joules_per_problem\": [\n";

    private static string Forged(string value)
    {
        var json = BaselineJson.Serialize(SampleDocuments.Document());
        var at = json.IndexOf(Energy, StringComparison.Ordinal) + Energy.Length;
        var end = json.IndexOf(',', at);   // replace the first repetition's value
        return json[..at] + "            " + value + json[end..];
    }

    private static string ErrorFor(string value) =>
        Assert.Throws<BaselineFormatException>(() => BaselineJson.Parse(Forged(value), Source)).Message;

    [Fact]
    public void The_forging_helper_changes_only_the_value()
    {
        var document = BaselineJson.Parse(Forged("99.5"), Source);
        Assert.Equal([99.5, 121.25, 119.75], document.Cells[0].Measurements.Metrics["joules_per_problem"]);
    }

    [Theory]
    [InlineData("1e999", "Infinity (a number too large for a double, e.g. 1e999); expected a finite number >= 0 and at most 1E+09 J (the sanity bound)")]
    [InlineData("-1", "-1; expected a finite number >= 0 and at most 1E+09 J (the sanity bound)")]
    [InlineData("-12050", "-12050; expected a finite number >= 0")]
    [InlineData("2e9", "2000000000; expected a finite number >= 0 and at most 1E+09 J")]
    public void Impossible_energies_name_the_file_and_the_json_path(string value, string expected)
    {
        var message = ErrorFor(value);
        Assert.StartsWith($"EG2045: {Source}: $.cells[0].measurements.metrics.joules_per_problem[0] is {expected}", message, StringComparison.Ordinal);
        Assert.Contains("baseline update", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    public void Named_non_numbers_are_refused_as_not_finite(string value)
    {
        var message = ErrorFor(value);
        Assert.StartsWith($"{Source}: line ", message, StringComparison.Ordinal);
        Assert.Contains("($.cells[0].measurements.metrics.joules_per_problem[0]): not a valid baseline document: expected a number, and a finite one", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Work_counts_of_a_real_model_are_far_above_the_energy_bound_and_still_load()
    {
        // A 7B model's problem is ~1e13 FLOP (found when a 1.06e9 FLOP tiny-model baseline was refused).
        var json = BaselineJson.Serialize(SampleDocuments.Document())
            .Replace("\"tokens_per_second\"", "\"flops_per_problem\"", StringComparison.Ordinal);
        var at = json.IndexOf("\"flops_per_problem\": [\n", StringComparison.Ordinal);
        Assert.True(at > 0);
        var first = json.IndexOf('\n', at) + 1;
        var end = json.IndexOf(',', first);
        var document = BaselineJson.Parse(json[..first] + "            1.2e13" + json[end..], Source);
        Assert.Equal(1.2e13, document.Cells[0].Measurements.Metrics["flops_per_problem"][0]);
        var tooMuch = json[..first] + "            2e18" + json[end..];
        Assert.Contains("expected a finite number >= 0 and at most 1E+18 FLOP",
            Assert.Throws<BaselineFormatException>(() => BaselineJson.Parse(tooMuch, Source)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_share_above_one_and_a_similarity_outside_zero_to_one_are_refused()
    {
        var json = BaselineJson.Serialize(SampleDocuments.Document());
        var share = json.Replace("\"tokens_per_second\"", "\"prefill_share\"", StringComparison.Ordinal);
        Assert.Contains("metrics.prefill_share[0] is 40; expected a finite number >= 0 and at most 1 (a share)",
            Assert.Throws<BaselineFormatException>(() => BaselineJson.Parse(share, Source)).Message, StringComparison.Ordinal);
        var score = json.Replace("\"lcc/17\": 0.75", "\"lcc/17\": 7.5", StringComparison.Ordinal);
        Assert.Contains("$.cells[0].measurements.sample_scores.lcc/17 is 7.5; expected a similarity in [0, 1]",
            Assert.Throws<BaselineFormatException>(() => BaselineJson.Parse(score, Source)).Message, StringComparison.Ordinal);
    }
}
