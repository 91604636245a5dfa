using EnergyGate.Core.Configuration;
using EnergyGate.Core.Reporting;
using EnergyGate.Core.Tests.Configuration;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>
/// The kWh / CO2e / cost conversions: hand-computed arithmetic, the report section against a
/// committed snapshot (fixture: <see cref="ReportFixture"/>) in two cultures, and the <c>report:</c> settings.
/// </summary>
public sealed class FootprintTests
{
    private static readonly string SnapshotPath = Path.Join(RepoFiles.Root, "tests", "EnergyGate.Core.Tests", "Snapshots", "footprint.md");

    private static readonly FootprintSettings Priced = new(300, "test grid", 1.5, 0.2, "EUR");

    [Fact]
    public void One_kilowatt_hour_of_it_energy_is_scaled_by_pue_then_priced_and_weighted_by_the_grid()
    {
        var f = Footprint.Of(3_600_000, Priced);

        Assert.Equal(1.5, f.Kwh, 12);          // 1 kWh x PUE 1.5
        Assert.Equal(450, f.GramsCo2e, 9);     // 1.5 kWh x 300 g/kWh
        Assert.Equal(0.3, f.Cost!.Value, 12);  // 1.5 kWh x 0.2 EUR
        Assert.Null(Footprint.Of(3_600_000, FootprintSettings.Default).Cost);
    }

    [Fact]
    public void Every_cell_with_energy_gets_figures_per_thousand_problems_and_per_million_tokens_with_its_kind()
    {
        var result = ReportFixture.Result();
        var cells = FootprintSection.Cells(result, Priced);

        Assert.Equal(5, cells.Count);
        Assert.All(cells, c => Assert.Equal(EnergyGate.Core.Baselines.MeterKind.Measured, c.Kind));
        // Per million tokens = per problem / tokens per problem x 1e6; per 1,000 problems = per problem x 1,000.
        Assert.All(cells, c => Assert.Equal(c.PerThousandProblems.Kwh / 1_000 / 250 * 1_000_000, c.PerMillionTokens!.Kwh, 9));
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public void The_markdown_section_matches_its_snapshot_in_every_culture(string culture)
    {
        var actual = ReportSnapshotTests.InCulture(culture, () => FootprintSection.Markdown(ReportFixture.Result(), Priced));
        if (Environment.GetEnvironmentVariable("EG_UPDATE_SNAPSHOTS") == "1" && culture.Length == 0)
        {
            File.WriteAllText(SnapshotPath, actual);
        }
        Assert.Equal(File.ReadAllText(SnapshotPath), actual);
        Assert.DoesNotContain(",", actual.Split('\n').First(l => l.StartsWith("| humaneval/tiny-coder/onnx/cpu", StringComparison.Ordinal)).Replace("1,000", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_price_the_section_says_so_and_has_no_money_columns()
    {
        var text = FootprintSection.Markdown(ReportFixture.Result(), FootprintSettings.Default);

        Assert.Contains("480 gCO2e/kWh (world average 2023, Ember Global Electricity Review 2024); no price set (report.price-per-kwh)", text, StringComparison.Ordinal);
        Assert.Contains("| Cell | per 1,000 problems | gCO2e | per 1M tokens | gCO2e |\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_report_carries_the_footprint_and_its_inputs()
    {
        var json = JsonReport.Render(ReportFixture.Result(), Priced);

        Assert.Contains("\"carbon_intensity_g_per_kwh\": 300", json, StringComparison.Ordinal);
        Assert.Contains("\"currency\": \"EUR\"", json, StringComparison.Ordinal);
        Assert.Contains("\"per_thousand_problems\"", json, StringComparison.Ordinal);
        Assert.Contains("\"energy_kind\": \"measured\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_section_resolves_over_the_defaults()
    {
        var settings = SettingsResolver.Resolve(ConfigText.Parse("version: 1\nreport:\n  carbon-intensity: 250\n  price-per-kwh: 0.3\n  currency: USD\n  pue: 1.2\n"),
            new Dictionary<string, string?>(), CliOverrides.None, "/home/u");
        var defaults = SettingsResolver.Resolve(ConfigText.Parse("version: 1\n"), new Dictionary<string, string?>(), CliOverrides.None, "/home/u");

        Assert.Equal(new FootprintSettings(250, "configured in report.carbon-intensity", 1.2, 0.3, "USD"), settings.Footprint);
        Assert.Equal(FootprintSettings.Default, defaults.Footprint);
    }

    [Theory]
    [InlineData("report:\n  price-per-kwh: 0.3\n", "energygate.yml:3:18: report.price-per-kwh: give `currency` with the price, e.g. `currency: EUR`")]
    [InlineData("report:\n  currency: EUR\n", "energygate.yml:3:13: report.currency: applies only with `price-per-kwh`")]
    [InlineData("report:\n  price-per-kwh: 0.3\n  currency: euro\n", "energygate.yml:4:13: report.currency: expected an ISO 4217 currency code such as EUR or USD, found \"euro\"")]
    [InlineData("report:\n  pue: 0.9\n", "energygate.yml:3:8: report.pue: expected a number from 1 to 5, found \"0.9\"")]
    [InlineData("report:\n  carbon: 300\n", "energygate.yml:3:3: report.carbon: unknown key `carbon`; expected one of: carbon-intensity, price-per-kwh, currency, pue")]
    public void Report_errors_name_the_position_and_what_was_expected(string body, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\n" + body));
}
