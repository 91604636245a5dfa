using EnergyGate.Core.Baselines;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Gating;
using EnergyGate.Tool.Diagnostics;

namespace EnergyGate.Tool.Tests;

/// <summary>
/// The --diagnostics msbuild contract that EnergyGate.MSBuild's task reads, and the --diagnostics github
/// contract the GitHub Action relies on (workflow commands with repository-relative paths).
/// </summary>
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

    private const string Config = "version: 1\nmodels:\n  - name: tiny\n    source: builtin:tiny\n";

    [Fact]
    public void A_finding_is_a_GitHub_command_at_the_cells_entry_with_a_path_relative_to_the_workspace()
    {
        var config = Path.Combine(_dir, "ci", "energygate.yml");
        var lines = new DiagnosticLines(DiagnosticsFormat.Github, ConfigPositions.Parse(Config, config), _dir);

        var line = lines.Finding(new Finding(FindingIds.Regression, FindingLevel.Error, Cell, "decode_joules_per_token", "+80 % [+70 %, +90 %]\nsecond line"));

        Assert.Equal("::error file=ci/energygate.yml,line=3,col=5,title=EnergyGate EG1001::smoke/tiny/onnx/cpu decode_joules_per_token: +80 %25 [+70 %25, +90 %25]%0Asecond line", line);
    }

    [Fact]
    public void Warnings_without_a_position_have_no_file_and_notices_stay_plain_text_as_in_msbuild()
    {
        var lines = new DiagnosticLines(DiagnosticsFormat.Github, ConfigPositions.None, _dir);

        Assert.Equal("::warning title=EnergyGate EG1005::smoke/tiny/onnx/cpu: no baseline",
            lines.Finding(new Finding(FindingIds.NoBaseline, FindingLevel.Warning, Cell, null, "smoke/tiny/onnx/cpu: no baseline")));
        Assert.Equal("notice EG1009: smoke/tiny/onnx/cpu: faster", lines.Finding(new Finding(FindingIds.Improvement, FindingLevel.Notice, Cell, null, "faster")));
    }

    [Fact]
    public void Messages_escape_percent_and_line_breaks_and_properties_also_colon_and_comma()
    {
        Assert.Equal("100%25 done%0D%0Anext: a, b", GitHubCommand.Data("100% done\r\nnext: a, b"));
        Assert.Equal("C%3A/x%2Cy/50%25%0A.yml", GitHubCommand.Property("C:/x,y/50%\n.yml"));

        // A comma is legal in folder names on every OS (':' is not on Windows; Property covers it above).
        var config = Path.Combine(_dir, "a,b", "energygate.yml");
        var lines = new DiagnosticLines(DiagnosticsFormat.Github, ConfigPositions.Parse(Config, config), _dir);
        Assert.Equal("::warning file=a%2Cb/energygate.yml,line=3,col=5,title=EnergyGate EG1008::smoke/tiny/onnx/cpu: 5%25 slower, then 6%25",
            lines.Finding(new Finding(FindingIds.Warning, FindingLevel.Warning, Cell, null, "5% slower, then 6%")));
    }

    [Fact]
    public void A_file_outside_the_workspace_keeps_its_position_in_the_message()
    {
        var config = Path.Combine(_dir, "elsewhere", "energygate.yml");
        var lines = new DiagnosticLines(DiagnosticsFormat.Github, ConfigPositions.Parse(Config, config), Path.Combine(_dir, "repo"));

        Assert.Equal($"::error title=EnergyGate EG1001::{config}(3,5): smoke/tiny/onnx/cpu: slower",
            lines.Finding(new Finding(FindingIds.Regression, FindingLevel.Error, Cell, null, "slower")));
    }

    [Fact]
    public void The_workspace_is_GITHUB_WORKSPACE_when_set()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        var before = Environment.GetEnvironmentVariable(GitHubCommand.WorkspaceVariable);
        Environment.SetEnvironmentVariable(GitHubCommand.WorkspaceVariable, _dir);
        try
        {
            var lines = new DiagnosticLines(DiagnosticsFormat.Github, ConfigPositions.Parse(Config, config));
            Assert.Equal("::error file=energygate.yml,line=3,col=5,title=EnergyGate EG1001::smoke/tiny/onnx/cpu: slower",
                lines.Finding(new Finding(FindingIds.Regression, FindingLevel.Error, Cell, null, "slower")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(GitHubCommand.WorkspaceVariable, before);
        }
    }

    [Theory]
    [InlineData("github", "::error file=energygate.yml,line=8,col=7,title=EnergyGate EG1015::smoke/tiny/onnx/cpu decode_joules: over")]
    [InlineData("msbuild", "(8,7): error EG1015: smoke/tiny/onnx/cpu decode_joules: over")]
    public void A_budget_breach_points_at_the_limit_it_broke(string formatName, string expected)
    {
        var format = Enum.Parse<DiagnosticsFormat>(formatName, ignoreCase: true);
        var config = Path.Combine(_dir, "energygate.yml");
        var yaml = Config + "gate:\n  budgets:\n    - cell: 'smoke/*/*/*'\n      decode_joules: 2\n";
        var lines = new DiagnosticLines(format, ConfigPositions.Parse(yaml, config), _dir);

        var line = lines.Finding(new Finding(FindingIds.BudgetExceeded, FindingLevel.Error, Cell, "decode_joules", "over"));

        Assert.Equal(format == DiagnosticsFormat.Msbuild ? config + expected : expected, line);
    }

    [Fact]
    public async Task Configuration_and_usage_errors_are_GitHub_error_commands()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        await File.WriteAllTextAsync(config, Config + "    layerz: 3\n");
        var before = Environment.GetEnvironmentVariable(GitHubCommand.WorkspaceVariable);
        Environment.SetEnvironmentVariable(GitHubCommand.WorkspaceVariable, _dir);
        try
        {
            var bad = await ToolRunner.RunAsync("check", "--config", config, "--diagnostics", "github");
            Assert.Equal(2, bad.ExitCode);
            Assert.StartsWith("::error file=energygate.yml,line=5,col=5,title=EnergyGate EG2020::models[0].layerz: unknown key `layerz`", bad.Error, StringComparison.Ordinal);

            var usage = await ToolRunner.RunAsync("check", "--no-such-option", "--diagnostics", "github");
            Assert.Equal(2, usage.ExitCode);
            Assert.StartsWith("::error title=EnergyGate EG2021::Unrecognized command or argument '--no-such-option'", usage.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(GitHubCommand.WorkspaceVariable, before);
        }
    }
}
