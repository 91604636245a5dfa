using EnergyGate.Core.Baselines;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Gating;
using EnergyGate.Tool.Diagnostics;

namespace EnergyGate.Tool.Tests;

/// <summary>The --diagnostics msbuild contract that EnergyGate.MSBuild's task reads.</summary>
public sealed class DiagnosticsFormatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-diag-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly CellKey Cell = new("smoke", "tiny", "onnx", "cpu");

    [Fact]
    public void A_finding_is_a_canonical_MSBuild_line_at_the_cells_model_entry()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        var lines = new DiagnosticLines(DiagnosticsFormat.Msbuild, ConfigPositions.Parse("version: 1\nmodels:\n  - name: tiny\n    source: builtin:tiny\n", config));

        var line = lines.Finding(new Finding(FindingIds.Regression, FindingLevel.Error, Cell, "decode_joules_per_token", "+80 %\nsecond line"));

        Assert.Equal($"{config}(3,5): error EG1001: smoke/tiny/onnx/cpu decode_joules_per_token: +80 % second line", line);
    }

    [Fact]
    public void Without_a_position_the_origin_is_energygate_and_notices_stay_plain()
    {
        var lines = new DiagnosticLines(DiagnosticsFormat.Msbuild, ConfigPositions.None);
        Assert.Equal("energygate: warning EG1008: smoke/tiny/onnx/cpu: slower", lines.Finding(new Finding(FindingIds.Warning, FindingLevel.Warning, Cell, null, "slower")));
        Assert.Equal("notice EG1009: smoke/tiny/onnx/cpu: faster", lines.Finding(new Finding(FindingIds.Improvement, FindingLevel.Notice, Cell, null, "faster")));
        // Core's messages start with the cell themselves; it is named once.
        Assert.Equal("energygate: warning EG1005: smoke/tiny/onnx/cpu: no baseline",
            lines.Finding(new Finding(FindingIds.NoBaseline, FindingLevel.Warning, Cell, null, "smoke/tiny/onnx/cpu: no baseline")));
    }

    [Fact]
    public async Task Configuration_errors_become_EG2020_lines_at_their_position()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        await File.WriteAllTextAsync(config, "version: 1\nmodels:\n  - name: tiny\n    source: builtin:tiny\n    layerz: 3\n");

        var run = await ToolRunner.RunAsync("check", "--config", config, "--diagnostics", "msbuild");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"{config}(5,5): error EG2020: models[0].layerz: unknown key `layerz`", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_usage_error_keeps_exit_code_2_and_gets_EG2021()
    {
        var run = await ToolRunner.RunAsync("check", "--no-such-option", "--diagnostics", "msbuild");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("energygate: error EG2021: Unrecognized command or argument '--no-such-option'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_with_its_own_id_keeps_it()
    {
        var lines = new DiagnosticLines(DiagnosticsFormat.Msbuild, ConfigPositions.None);
        Assert.Equal("energygate: error EG2002: model folder 'm' does not exist.", lines.UsageError("energygate: error: EG2002: model folder 'm' does not exist."));
        Assert.Equal("energygate: error: plain", DiagnosticLines.Text.UsageError("energygate: error: plain"));
    }
}
