using System.Globalization;
using EnergyGate.Core.Reporting;
using EnergyGate.Core.Tests.Configuration;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>
/// The Markdown report against the committed snapshot, under the invariant culture and under de-DE
/// (decimal comma): the bytes must be identical. Set EG_UPDATE_SNAPSHOTS=1 to rewrite the snapshot,
/// then review the diff.
/// </summary>
public sealed class ReportSnapshotTests
{
    private static readonly string SnapshotPath = Path.Join(RepoFiles.Root, "tests", "EnergyGate.Core.Tests", "Snapshots", "gate-report.md");

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public void Markdown_matches_the_snapshot_in_every_culture(string culture)
    {
        var actual = InCulture(culture, () => MarkdownReport.Render(ReportFixture.Result()));
        if (Environment.GetEnvironmentVariable("EG_UPDATE_SNAPSHOTS") == "1" && culture.Length == 0)
        {
            File.WriteAllText(SnapshotPath, actual);
        }
        Assert.Equal(File.ReadAllText(SnapshotPath), actual);
    }

    [Fact]
    public void Html_and_json_do_not_depend_on_the_culture()
    {
        var result = ReportFixture.Result();
        Assert.Equal(InCulture("", () => HtmlReport.Render(result)), InCulture("de-DE", () => HtmlReport.Render(result)));
        Assert.Equal(InCulture("", () => JsonReport.Render(result)), InCulture("de-DE", () => JsonReport.Render(result)));
    }

    internal static T InCulture<T>(string name, Func<T> action)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = name.Length == 0 ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(name);
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
