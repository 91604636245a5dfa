using EnergyGate.Core.Baselines;
using EnergyGate.Core.Configuration;

namespace EnergyGate.Core.Tests.Configuration;

public sealed class ConfigPositionsTests
{
    private const string Yaml = """
        version: 1
        models:
          - name: tiny
            source: builtin:tiny
          - name: other
            source: builtin:tiny
        runtimes:
          - runtime: onnx
            provider: cpu
        suites:
          - name: smoke
          - name: smoke-lcc
        """;

    [Fact]
    public void A_cell_points_at_its_model_entry()
    {
        var positions = ConfigPositions.Parse(Yaml, "energygate.yml");
        Assert.Equal(new ConfigLocation("energygate.yml", 5, 5), positions.ForCell(new CellKey("smoke", "other", "onnx", "cpu")));
    }

    [Fact]
    public void Without_a_models_list_the_suite_entry_then_the_runtime_entry_is_used()
    {
        var positions = ConfigPositions.Parse(Yaml.Replace("models:", "old-models:", StringComparison.Ordinal), "e.yml");
        Assert.Equal(12, positions.ForCell(new CellKey("smoke-lcc", "tiny", "onnx", "cpu"))?.Line);
        Assert.Equal(11, positions.ForCell(new CellKey("smoke+syntax", "tiny", "onnx", "cpu"))?.Line);   // a suppression-study variant
        Assert.Equal(8, positions.ForCell(new CellKey("humaneval", "tiny", "onnx", "cpu"))?.Line);
    }

    [Fact]
    public void A_cell_the_file_does_not_define_has_no_position()
    {
        Assert.Null(ConfigPositions.Parse("version: 1\n", "e.yml").ForCell(new CellKey("smoke", "tiny", "onnx", "cpu")));
        Assert.Null(ConfigPositions.Parse("version: [1\n", "e.yml").ForCell(new CellKey("smoke", "tiny", "onnx", "cpu")));
        Assert.Null(ConfigPositions.None.ForCell(new CellKey("smoke", "tiny", "onnx", "cpu")));
    }

    [Fact]
    public void A_named_runtime_entry_is_the_position_of_its_own_cells()
    {
        const string yaml = """
            version: 1
            runtimes:
              - {runtime: torch, provider: cpu}
              - {runtime: torch, provider: cpu, dtype: bfloat16, name: torch-bf16}
            """;
        var positions = ConfigPositions.Parse(yaml, "e.yml");
        Assert.Equal(3, positions.ForCell(new CellKey("smoke", "tiny", "torch", "cpu"))?.Line);
        Assert.Equal(4, positions.ForCell(new CellKey("smoke", "tiny", "torch-bf16", "cpu"))?.Line);
    }

    [Fact]
    public void A_budget_limit_is_found_in_the_first_budget_that_matches_the_cell_and_names_the_metric()
    {
        const string yaml = """
            version: 1
            gate:
              budgets:
                - cell: "smoke/*/torch/*"
                  decode_joules: 2
                - "pass@1": 0.5
                  decode_joules: 3
            """;
        var positions = ConfigPositions.Parse(yaml, "e.yml");
        Assert.Equal(new ConfigLocation("e.yml", 5, 7), positions.ForBudget(new CellKey("smoke", "tiny", "torch", "cpu"), "decode_joules"));
        Assert.Equal(new ConfigLocation("e.yml", 7, 7), positions.ForBudget(new CellKey("smoke", "tiny", "onnx", "cpu"), "decode_joules"));
        Assert.Equal(new ConfigLocation("e.yml", 6, 7), positions.ForBudget(new CellKey("smoke", "tiny", "torch", "cpu"), "pass@1"));
        Assert.Null(positions.ForBudget(new CellKey("smoke", "tiny", "onnx", "cpu"), "ttft_seconds"));
        Assert.Null(ConfigPositions.None.ForBudget(new CellKey("smoke", "tiny", "onnx", "cpu"), "decode_joules"));
    }
}
