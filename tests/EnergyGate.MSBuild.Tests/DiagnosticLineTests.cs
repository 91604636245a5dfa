namespace EnergyGate.MSBuild.Tests;

public sealed class DiagnosticLineTests
{
    [Fact]
    public void A_finding_with_a_config_position_keeps_file_line_column_and_id()
    {
        var line = DiagnosticLine.TryParse("/w/energygate.yml(7,5): error EG1001: smoke/tiny/onnx/cpu decode_joules_per_token: +80 % (fail at +40 %)");
        Assert.NotNull(line);
        Assert.Equal("/w/energygate.yml", line.File);
        Assert.Equal((7, 5), (line.Line, line.Column));
        Assert.True(line.IsError);
        Assert.True(line.IsGateFinding);
        Assert.Equal("EG1001", line.Id);
        Assert.Equal("smoke/tiny/onnx/cpu decode_joules_per_token: +80 % (fail at +40 %)", line.Text);
    }

    [Fact]
    public void A_diagnostic_without_a_position_has_no_file()
    {
        var line = DiagnosticLine.TryParse("energygate: error EG2002: model folder 'x' does not exist.");
        Assert.NotNull(line);
        Assert.Null(line.File);
        Assert.Equal(0, line.Line);
        Assert.False(line.IsGateFinding);
        Assert.Equal("EG2002", line.Id);
    }

    [Fact]
    public void A_file_without_a_position_is_kept_and_warnings_are_warnings()
    {
        var line = DiagnosticLine.TryParse("/w/missing.yml: warning EG1008: c: slower");
        Assert.NotNull(line);
        Assert.Equal("/w/missing.yml", line.File);
        Assert.False(line.IsError);
    }

    [Theory]
    [InlineData("Energy regression in 1 of 1 cell")]
    [InlineData("run: 3/10 samples (30%) smoke/tiny/onnx/cpu")]
    [InlineData("Program.cs(3,1): error CS1002: ; expected")]
    [InlineData("energygate: error: something without an id")]
    public void Lines_that_are_not_EG_diagnostics_are_not_taken_for_them(string text) =>
        Assert.Null(DiagnosticLine.TryParse(text));
}
