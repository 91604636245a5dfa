using System.Text;

namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>action/step_summary.py: the report goes into $GITHUB_STEP_SUMMARY, cut under GitHub's 1 MiB.</summary>
public sealed class StepSummaryTests : IDisposable
{
    private const int OneMiB = 1024 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ActionSandbox _sandbox = new();

    [Fact]
    public async Task A_small_report_is_appended_whole()
    {
        File.WriteAllText(_sandbox.SummaryFile, "# An earlier step\n");
        var report = "No significant change\n\n| cell | J |\n|---|---|\n| smoke/tiny | 1.5 \u2192 1.4 |\n";

        var run = await SummarizeAsync(report);

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal("# An earlier step\n" + report, File.ReadAllText(_sandbox.SummaryFile));
    }

    [Fact]
    public async Task A_report_over_one_MiB_is_cut_on_a_character_boundary_with_a_note()
    {
        // 3- and 4-byte characters throughout, so a cut at a byte count lands inside one unless it backs up.
        var line = "| cell | \u20ac\u20ac\u20ac \U0001F600\U0001F600 | \u00e9\u00e9 |\n";
        var report = "Energy regression in 1 of 50000 cells\n\n" + string.Concat(Enumerable.Repeat(line, 50_000));
        Assert.True(Encoding.UTF8.GetByteCount(report) > 1.5 * OneMiB);
        File.WriteAllText(_sandbox.SummaryFile, new string('x', 300_000) + "\n");

        var run = await SummarizeAsync(report);

        Assert.True(run.ExitCode == 0, run.All);
        var bytes = File.ReadAllBytes(_sandbox.SummaryFile);
        Assert.InRange(bytes.Length, OneMiB - 8192, OneMiB);
        var text = StrictUtf8.GetString(bytes);
        Assert.StartsWith(new string('x', 300_000) + "\nEnergy regression in 1 of 50000 cells", text, StringComparison.Ordinal);
        Assert.Contains("to stay under GitHub's 1 MiB step-summary limit", text, StringComparison.Ordinal);
        Assert.Contains(line + "\n> Report truncated", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_summary_already_full_gets_a_warning_instead_of_the_report()
    {
        File.WriteAllText(_sandbox.SummaryFile, new string('x', OneMiB - 100));

        var run = await SummarizeAsync("No significant change\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("::warning", run.Output, StringComparison.Ordinal);
        Assert.Equal(OneMiB - 100, new FileInfo(_sandbox.SummaryFile).Length);
    }

    [Fact]
    public async Task A_gate_that_wrote_no_report_says_so()
    {
        var run = await _sandbox.RunAsync("step_summary.py", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["EG_REPORT"] = "",
            ["EG_VERDICT"] = "error",
            ["EG_SUMMARY_LINE"] = "EnergyGate check wrote no report (exit code 2)",
        });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("The gate did not produce a report (EnergyGate check wrote no report (exit code 2))", File.ReadAllText(_sandbox.SummaryFile), StringComparison.Ordinal);
    }

    private Task<ScriptRun> SummarizeAsync(string report) =>
        _sandbox.RunAsync("step_summary.py", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["EG_REPORT"] = _sandbox.Write("report.md", report),
            ["EG_VERDICT"] = "regression",
        });

    public void Dispose() => _sandbox.Dispose();
}
