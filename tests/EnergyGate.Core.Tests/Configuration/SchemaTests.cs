using System.Text.Json;
using System.Text.RegularExpressions;
using EnergyGate.Core.Configuration;
using Json.Schema;

using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Tests.Configuration;

/// <summary>Keeps docs/energygate.schema.json, docs/configuration.md and the loader in step.</summary>
public sealed partial class SchemaTests
{
    private static readonly string SchemaText = RepoFiles.Read("docs", "energygate.schema.json");
    private static readonly JsonSchema Schema = JsonSchema.FromText(SchemaText);
    private static readonly JsonElement SchemaJson = JsonDocument.Parse(SchemaText).RootElement;

    [Fact]
    public void SchemaIsValidDraft202012() =>
        Assert.True(MetaSchemas.Draft202012.Evaluate(SchemaJson).IsValid);

    [Fact]
    public void SchemaPropertiesAreExactlyTheLoaderKeys()
    {
        var sandbox = SchemaJson.GetProperty("properties").GetProperty("sandbox");
        var suite = SchemaJson.GetProperty("$defs").GetProperty("suite");

        Assert.Equal(ConfigKeys.Root.Order(), PropertyNames(SchemaJson));
        Assert.Equal(ConfigKeys.SandboxSection.Order(), PropertyNames(sandbox));
        Assert.Equal(ConfigKeys.Suite.Order(), PropertyNames(suite));
        Assert.Equal(SuiteDefinitions.Names, suite.GetProperty("properties").GetProperty("name").GetProperty("anyOf")[0].GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(ConfigReader.SuiteKinds, suite.GetProperty("properties").GetProperty("kind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        var model = SchemaJson.GetProperty("$defs").GetProperty("model");
        var tiny = model.GetProperty("properties").GetProperty("tiny");
        var runtime = SchemaJson.GetProperty("$defs").GetProperty("runtime");
        var measurement = SchemaJson.GetProperty("properties").GetProperty("measurement");
        var decoding = SchemaJson.GetProperty("properties").GetProperty("decoding");
        Assert.Equal(ConfigKeys.Model.Order(), PropertyNames(model));
        Assert.Equal(ConfigKeys.TinySection.Order(), PropertyNames(tiny));
        Assert.Equal(ConfigKeys.Runtime.Order(), PropertyNames(runtime));
        Assert.Equal(ConfigKeys.MeasurementSection.Order(), PropertyNames(measurement));
        // The meter names come from MeterProviders: a new meter must reach the schema too.
        Assert.Equal(RunConfigReader.Meters, measurement.GetProperty("properties").GetProperty("meter").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(ConfigKeys.DecodingSection.Order(), PropertyNames(decoding));
        Assert.Equal(RunConfigReader.Meters, measurement.GetProperty("properties").GetProperty("meter").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(RunConfigReader.Providers, runtime.GetProperty("properties").GetProperty("provider").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(EnergyGate.Core.Runtimes.RuntimeDefinitions.Names, runtime.GetProperty("properties").GetProperty("runtime").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        foreach (var option in EnergyGate.Core.Runtimes.RuntimeDefinitions.All.SelectMany(d => d.Options).Where(o => o.Kind == EnergyGate.Core.Runtimes.RuntimeOptionKind.Word))
        {
            Assert.Equal(option.Values, runtime.GetProperty("properties").GetProperty(option.Key).GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        }
        foreach (var level in new[] { SchemaJson, sandbox, suite, model, tiny, runtime, measurement, decoding })
        {
            Assert.False(level.GetProperty("additionalProperties").GetBoolean());
        }
    }

    [Fact]
    public void GateSchemaLevelsAreExactlyTheLoaderKeys()
    {
        var defs = SchemaJson.GetProperty("$defs");
        var gate = SchemaJson.GetProperty("properties").GetProperty("gate");
        var gateProperties = gate.GetProperty("properties");
        var accuracy = gateProperties.GetProperty("accuracy");
        var comparability = gateProperties.GetProperty("comparability");
        var metricOverrides = gateProperties.GetProperty("metric-overrides");
        var (metricOverride, cellOverride, acknowledgement) = (defs.GetProperty("metricOverride"), defs.GetProperty("cellOverride"), defs.GetProperty("acknowledgement"));

        Assert.Equal(ConfigKeys.GateSection.Order(), PropertyNames(gate));
        Assert.Equal(ConfigKeys.AccuracySection.Order(), PropertyNames(accuracy));
        Assert.Equal(ConfigKeys.ComparabilitySection.Order(), PropertyNames(comparability));
        Assert.Equal(ConfigKeys.MetricOverride.Order(), PropertyNames(metricOverride));
        Assert.Equal(ConfigKeys.CellOverride.Order(), PropertyNames(cellOverride));
        Assert.Equal(ConfigKeys.Acknowledgement.Order(), PropertyNames(acknowledgement));
        Assert.Equal(GateValues.KnownMetrics.Order(), PropertyNames(metricOverrides));
        Assert.Equal(GateValues.KnownMetrics, Enum(defs.GetProperty("metricId")));
        Assert.Equal(GateValues.AcknowledgedMetricIds, Enum(acknowledgement.GetProperty("properties").GetProperty("metric")));
        Assert.Equal(GateValues.FailOnNames, Enum(gateProperties.GetProperty("fail-on")));
        Assert.Equal(GateValues.IncomparableNames, Enum(gateProperties.GetProperty("incomparable")));
        var budget = defs.GetProperty("budget");
        Assert.Equal(ConfigKeys.Budget.Order(), PropertyNames(budget));
        // The suite-kind rules (no pass@1 for understanding suites, no code_sim for code generation) name the suites of each kind.
        var kindRules = budget.GetProperty("allOf").EnumerateArray()
            .Select(rule => rule.GetProperty("if").GetProperty("properties").GetProperty("cell").GetProperty("pattern").GetString()!)
            .Select(pattern => SuiteAlternatives().Match(pattern).Groups[1].Value.Split('|'))
            .ToList();
        Assert.Equal(SuiteDefinitions.NamesWhere(d => d.Kind == SuiteKind.Understanding), kindRules[0]);
        Assert.Equal(SuiteDefinitions.NamesWhere(d => d.Kind == SuiteKind.Generation), kindRules[1]);
        foreach (var level in new[] { gate, accuracy, comparability, metricOverrides, metricOverride, cellOverride, acknowledgement, budget })
        {
            Assert.False(level.GetProperty("additionalProperties").GetBoolean());
        }
    }

    [Fact]
    public void EveryExampleInTheUserDocsLoadsAndMatchesTheSchema()
    {
        var examples = YamlBlock().Matches(RepoFiles.Read("docs", "configuration.md"))
            .Select(m => m.Groups[1].Value)
            .Where(y => y.StartsWith("version: 1", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(examples);
        foreach (var yaml in examples)
        {
            ConfigText.Parse(yaml);
            AssertSchema(yaml, valid: true);
        }
    }

    [Theory]
    [InlineData("version: 1\n")]
    [InlineData("version: 1\nsuites:\n  - name: humaneval\n    data-dir: d\n    k: [1, 2]\n    samples-per-task: 2\nsandbox:\n  timeout: 0.25\n")]
    [InlineData("version: 2\n")]
    [InlineData("python: x\n")]
    [InlineData("version: 1\nmodels: []\n")]
    [InlineData("version: 1\nmodels:\n  - name: m\n    source: builtin:tiny\n    tiny: {layers: 4, hidden: 128}\n")]
    [InlineData("version: 1\nmodels:\n  - name: m\n    source: builtin:tiny\n    tiny: {architecture: llama, kv-heads: 2, intermediate: 512, rope-theta: 10000, rms-norm-eps: 1e-6}\n")]
    [InlineData("version: 1\nmodels:\n  - name: m\n    source: builtin:tiny\n    tiny: {architecture: mistral}\n")]
    [InlineData("version: 1\nmodels:\n  - name: m\n    source: builtin:tiny\n    tiny: {kv-heads: 2}\n")]
    [InlineData("version: 1\nmodels:\n  - name: m\n    source: builtin:tiny\n    tiny: {architecture: gpt2, intermediate: 256}\n")]
    [InlineData("version: 1\nmodels:\n  - name: m\n    source: builtin:tiny\n    tiny: {architecture: llama, rope-theta: 1}\n")]
    [InlineData("version: 1\nmodels:\n  - name: m\n")]
    [InlineData("version: 1\nruntimes:\n  - runtime: onnx\n    provider: cuda\n    allow-cpu-fallback: true\n")]
    [InlineData("version: 1\nruntimes:\n  - runtime: onnx\n    provider: gpu\n")]
    [InlineData("version: 1\nmeasurement:\n  meter: estimate\n  repetitions: 5\n  idle-seconds: 0\n")]
    [InlineData("version: 1\nmeasurement:\n  repetitions: 0\n")]
    [InlineData("version: 1\ndecoding:\n  max-new-tokens: 64\n  top-p: 0.9\n  stop: []\n")]
    [InlineData("version: 1\ndecoding:\n  top-p: 1.5\n")]
    [InlineData("version: 1\nthresholds: {}\n")]
    [InlineData("version: 1\nsuites:\n  - name: lcc\n    file: f.jsonl\n")]
    [InlineData("version: 1\nsuites:\n  - name: smoke-lcc\n    data-dir: d\n")]
    [InlineData("version: 1\nsuites:\n  - name: humaneval\n    file: f.jsonl\n")]
    [InlineData("version: 1\nsandbx: {}\n")]
    [InlineData("version: 1\nsuites: []\n")]
    [InlineData("version: 1\nsuites:\n  - name: mbpp\n")]
    [InlineData("version: 1\nsuites:\n  - k: [1]\n")]
    [InlineData("version: 1\nsuites:\n  - name: smoke\n    data-dir: d\n")]
    [InlineData("version: 1\nsuites:\n  - name: smoke\n    k: [0]\n")]
    [InlineData("version: 1\nsuites:\n  - name: smoke\n    k: ['1']\n")]
    [InlineData("version: 1\nsuites:\n  - name: smoke\n    samples-per-task: 2\n    k: [2, 2]\n")]
    [InlineData("version: 1\nsandbox:\n  timeout: 0\n")]
    [InlineData("version: 1\nsandbox:\n  timeout: 86401\n")]
    [InlineData("version: 1\nsandbox:\n  workers: 1.5\n")]
    [InlineData("version: 1\nsandbox:\n  memory-mib: 2147483648\n")]
    [InlineData("version: 1\ncache-dir: ''\n")]
    [InlineData("version: 1\ngate: {}\n")]
    [InlineData("version: 1\nbaselines: perf/baselines\nmachine-class: ci-a10\n")]
    [InlineData("version: 1\nmachine-class: ci a10\n")]
    [InlineData("version: 1\ngate:\n  warn: 5%\n  fail: 0.5\n  floor: 0\n  alpha: 0.02\n")]
    [InlineData("version: 1\ngate:\n  warn: '5%'\n")]
    [InlineData("version: 1\ngate:\n  warn: 5\n")]
    [InlineData("version: 1\ngate:\n  warn: '0.05'\n")]
    [InlineData("version: 1\ngate:\n  warn: -5%\n")]
    [InlineData("version: 1\ngate:\n  floor: -1\n")]
    [InlineData("version: 1\ngate:\n  alpha: 0.5\n")]
    [InlineData("version: 1\ngate:\n  metrics: []\n  accuracy: {enabled: false, tolerance-points: 0, alpha: 0.1}\n")]
    [InlineData("version: 1\ngate:\n  metrics: [decode_joule]\n")]
    [InlineData("version: 1\ngate:\n  metrics: [decode_joules, decode_joules]\n")]
    [InlineData("version: 1\ngate:\n  fail-on: never\n  incomparable: compare-anyway\n")]
    [InlineData("version: 1\ngate:\n  fail-on: always\n")]
    [InlineData("version: 1\ngate:\n  comparability: {gpu-model: false, strict-settings: [driver_version]}\n")]
    [InlineData("version: 1\ngate:\n  comparability: {gpu: false}\n")]
    [InlineData("version: 1\ngate:\n  metric-overrides:\n    prefill_joules: {warn: 20%, fail: 40%, floor: 0.05}\n")]
    [InlineData("version: 1\ngate:\n  metric-overrides:\n    prefil_joules: {warn: 20%}\n")]
    [InlineData("version: 1\ngate:\n  cell-overrides:\n    - cell: 'humaneval/*/onnx/cpu'\n      metric: decode_joules\n      fail: 15%\n")]
    [InlineData("version: 1\ngate:\n  cell-overrides:\n    - cell: humaneval/onnx/cpu\n")]
    [InlineData("version: 1\ngate:\n  cell-overrides:\n    - cell: humaneval/qwen*/onnx/cpu\n")]
    [InlineData("version: 1\ngate:\n  cell-overrides:\n    - fail: 15%\n")]
    [InlineData("version: 1\ngate:\n  acknowledgements:\n    - {cell: a/b/c/d, metric: '*', reason: r, expires: 2025-09-30}\n")]
    [InlineData("version: 1\ngate:\n  acknowledgements:\n    - {cell: a/b/c/d, metric: accuracy, expires: 2025-09-30}\n")]
    [InlineData("version: 1\ngate:\n  acknowledgements:\n    - {cell: a/b/c/d, metric: accuracy, reason: ' ', expires: 2025-09-30}\n")]
    [InlineData("version: 1\ngate:\n  acknowledgements:\n    - {cell: a/b/c/d, metric: accuracy, reason: r, expires: 30/09/2025}\n")]
    [InlineData("version: 1\ngate:\n  budgets: []\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {cell: 'humaneval/*/onnx/*', decode_joules_per_token: 0.004, tokens_per_second: 20, pass@1: '>= 0.6'}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {joules_per_problem: '<=1.5', ttft_seconds: <= 0.25, babble_share: 0.2, code_sim: 40}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {pass@1: '>= 0.6'}\n    - {cell: 'lcc/*/*/*', code_sim: '>= 35.5'}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {decode_joule_per_token: 0.004}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {decode_joules: lots}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {decode_joules: '2'}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {decode_joules: '< 2'}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {decode_joules: -1}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {pass@1: 60}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {pass@1: '>= 1.5'}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {pass@1: '<= 1.0'}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {code_sim: '>= 100.5'}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {code_sim: 100}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {cell: 'humaneval/*/*/*'}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {cell: 'humaneval/*', decode_joules: 2}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {cell: 'smoke-lcc/*/*/*', pass@1: 0.5}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {cell: 'smoke+syntax/*/*/*', code_sim: 40}\n")]
    [InlineData("version: 1\ngate:\n  budgets:\n    - {cell: 'smoke-lcc/*/*/*', code_sim: 40}\n")]
    [InlineData("version: 1\ngate:\n  budgets: {decode_joules: 2}\n")]
    public void LoaderAndSchemaAgree(string yaml)
    {
        var loaderAccepts = true;
        try
        {
            ConfigText.Parse(yaml);
        }
        catch (ConfigurationException)
        {
            loaderAccepts = false;
        }

        AssertSchema(yaml, valid: loaderAccepts);
    }

    private static void AssertSchema(string yaml, bool valid)
    {
        var result = Schema.Evaluate(YamlJson.Convert(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid == valid, $"schema says valid={result.IsValid}, loader says {valid}, for:\n{yaml}\n{JsonSerializer.Serialize(result)}");
    }

    private static IEnumerable<string?> Enum(JsonElement level) =>
        level.GetProperty("enum").EnumerateArray().Select(e => e.GetString());

    private static IEnumerable<string> PropertyNames(JsonElement level) =>
        level.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order();

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"^\^\(([^)]*)\)")]
    private static partial Regex SuiteAlternatives();
}
