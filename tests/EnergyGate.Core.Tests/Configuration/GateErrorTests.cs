namespace EnergyGate.Core.Tests.Configuration;

/// <summary>Mistakes in <c>gate:</c>, <c>baselines:</c> and <c>machine-class:</c>: position, field, expected and found.</summary>
public sealed class GateErrorTests
{
    [Theory]
    [InlineData("gate:\n  metrics: [joules_per_problm]\n", "energygate.yml:3:13: gate.metrics[0]: unknown metric \"joules_per_problm\"; did you mean `joules_per_problem`? expected one of: joules_per_problem, prefill_joules, decode_joules, decode_joules_per_token, joules_per_correct_task, generated_tokens, tokens_per_second, batch_tokens_per_second, ttft_seconds, prefill_share, babble_share, babble_joules, max_tokens_share, prefill_amplification, prefill_flops, decode_flops, decode_bytes_per_token, flops_per_problem")]
    [InlineData("gate:\n  metrics: [tokens_per_second, tokens_per_second]\n", "energygate.yml:3:32: gate.metrics[1]: duplicate metric `tokens_per_second`")]
    [InlineData("gate:\n  metrics: joules_per_problem\n", "energygate.yml:3:12: gate.metrics: expected a list of metric ids (use [] to gate none), found \"joules_per_problem\"")]
    [InlineData("gate:\n  warn: 5\n", "energygate.yml:3:9: gate.warn: expected a percentage such as 5% or a fraction below 1 such as 0.05, found \"5\"; write 5% or 0.05")]
    [InlineData("gate:\n  fail: 12.5\n", "energygate.yml:3:9: gate.fail: expected a percentage such as 5% or a fraction below 1 such as 0.05, found \"12.5\"; write 12.5% or 0.125")]
    [InlineData("gate:\n  warn: five\n", "energygate.yml:3:9: gate.warn: expected a percentage such as 5% or a fraction below 1 such as 0.05, found \"five\"")]
    [InlineData("gate:\n  warn: '0.05'\n", "energygate.yml:3:9: gate.warn: expected a percentage such as 5% or a fraction below 1 such as 0.05, found the quoted string \"0.05\"")]
    [InlineData("gate:\n  warn: -5%\n", "energygate.yml:3:9: gate.warn: expected a percentage such as 5% or a fraction below 1 such as 0.05, found \"-5%\"")]
    [InlineData("gate:\n  floor: -1\n", "energygate.yml:3:10: gate.floor: expected a number of 0 or more, found \"-1\"")]
    [InlineData("gate:\n  alpha: 0.5\n", "energygate.yml:3:10: gate.alpha: expected a significance level greater than 0 and less than 0.5, found \"0.5\"")]
    [InlineData("gate:\n  accuracy:\n    alpha: 0\n", "energygate.yml:4:12: gate.accuracy.alpha: expected a significance level greater than 0 and less than 0.5, found \"0\"")]
    [InlineData("gate:\n  accuracy:\n    tolerance-point: 1\n", "energygate.yml:4:5: gate.accuracy.tolerance-point: unknown key `tolerance-point`; did you mean `tolerance-points`?")]
    [InlineData("gate:\n  accuracy:\n    enabled: yes\n", "energygate.yml:4:14: gate.accuracy.enabled: expected true or false, found \"yes\"")]
    [InlineData("gate:\n  fail-on: regresion\n", "energygate.yml:3:12: gate.fail-on: unknown value \"regresion\"; did you mean `regression`? expected one of: regression, inconclusive, never")]
    [InlineData("gate:\n  incomparable: ignore\n", "energygate.yml:3:17: gate.incomparable: unknown value \"ignore\"; expected one of: report, fail, compare-anyway")]
    [InlineData("gate:\n  comparability:\n    gpu: false\n", "energygate.yml:4:5: gate.comparability.gpu: unknown key `gpu`; expected one of: machine-class, cpu-model, gpu-model, meter-kind, strict-settings, cpu-family, cpu-isa, cpu-cores")]
    public void Gate_value_errors(string body, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\n" + body));

    [Theory]
    [InlineData("gate:\n  metric-overrides:\n    prefil_joules: {warn: 20%}\n", "energygate.yml:4:5: gate.metric-overrides.prefil_joules: unknown key `prefil_joules`; did you mean `prefill_joules`?")]
    [InlineData("gate:\n  metric-overrides:\n    prefill_joules: {warm: 20%}\n", "energygate.yml:4:22: gate.metric-overrides.prefill_joules.warm: unknown key `warm`; did you mean `warn`?")]
    [InlineData("gate:\n  cell-overrides:\n    - cell: humaneval/onnx/cpu\n      fail: 15%\n", "energygate.yml:4:13: gate.cell-overrides[0].cell: expected a cell pattern suite/model/runtime/provider, each part a name or * (write '/' inside a part as %2F), found \"humaneval/onnx/cpu\"")]
    [InlineData("gate:\n  cell-overrides:\n    - cell: humaneval/qwen*/onnx/cpu\n", "energygate.yml:4:13: gate.cell-overrides[0].cell: expected a cell pattern suite/model/runtime/provider, each part a name or * (write '/' inside a part as %2F), found \"humaneval/qwen*/onnx/cpu\"")]
    [InlineData("gate:\n  cell-overrides:\n    - fail: 15%\n", "energygate.yml:4:7: gate.cell-overrides[0].cell: required")]
    [InlineData("gate:\n  cell-overrides:\n    - cell: a/b/c/d\n      metric: decode_joule\n", "energygate.yml:5:15: gate.cell-overrides[0].metric: unknown metric \"decode_joule\"; did you mean `decode_joules`? expected one of: joules_per_problem, prefill_joules, decode_joules, decode_joules_per_token, joules_per_correct_task, generated_tokens, tokens_per_second, batch_tokens_per_second, ttft_seconds, prefill_share, babble_share, babble_joules, max_tokens_share, prefill_amplification, prefill_flops, decode_flops, decode_bytes_per_token, flops_per_problem")]
    [InlineData("gate:\n  acknowledgements:\n    - cell: a/b/c/d\n      metric: accuracy\n      expires: 2025-09-30\n", "energygate.yml:4:7: gate.acknowledgements[0].reason: required: say why the regression is accepted (reports show it)")]
    [InlineData("gate:\n  acknowledgements:\n    - cell: a/b/c/d\n      metric: accuracy\n      reason: ' '\n      expires: 2025-09-30\n", "energygate.yml:6:15: gate.acknowledgements[0].reason: expected a non-empty reason, shown in every report that applies the acknowledgement, found the quoted string \" \"")]
    [InlineData("gate:\n  acknowledgements:\n    - cell: a/b/c/d\n      metric: accuracy\n      reason: r\n      expires: 2025-02-30\n", "energygate.yml:7:16: gate.acknowledgements[0].expires: expected a valid date written YYYY-MM-DD, found \"2025-02-30\"")]
    [InlineData("gate:\n  acknowledgements:\n    - cell: a/b/c/d\n      metric: accuracy\n      reason: r\n      expires: 30/09/2025\n", "energygate.yml:7:16: gate.acknowledgements[0].expires: expected a valid date written YYYY-MM-DD, found \"30/09/2025\"")]
    [InlineData("gate:\n  acknowledgements:\n    - cell: a/b/c/d\n      metric: acuracy\n      reason: r\n      expires: 2025-09-30\n", "energygate.yml:5:15: gate.acknowledgements[0].metric: unknown metric \"acuracy\"; did you mean `accuracy`? expected one of: joules_per_problem, prefill_joules, decode_joules, decode_joules_per_token, joules_per_correct_task, generated_tokens, tokens_per_second, batch_tokens_per_second, ttft_seconds, prefill_share, babble_share, babble_joules, max_tokens_share, prefill_amplification, prefill_flops, decode_flops, decode_bytes_per_token, flops_per_problem, accuracy, *")]
    public void Override_and_acknowledgement_errors(string body, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\n" + body));

    // Thresholds are checked across layers by GatePolicy.Validate, so these point at the section, not one key.
    [Theory]
    [InlineData("gate:\n  warn: 20%\n", "energygate.yml:3:3: gate: thresholds: need 0 <= warn <= fail and floor >= 0 (warn 0.2, fail 0.1, floor 0.001)")]
    [InlineData("gate:\n  metric-overrides:\n    decode_joules: {warn: 30%}\n", "energygate.yml:3:3: gate: thresholds of decode_joules: need 0 <= warn <= fail and floor >= 0 (warn 0.3, fail 0.1, floor 0.001)")]
    [InlineData("gate:\n  cell-overrides:\n    - cell: '*/*/*/cuda'\n      fail: 1%\n", "energygate.yml:3:3: gate: thresholds of */*/*/cuda: need 0 <= warn <= fail and floor >= 0 (warn 0.05, fail 0.01, floor 0.001)")]
    public void Policy_rules_are_checked_after_the_fields_and_reported_at_the_gate_section(string body, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\n" + body));

    // The pre-gate names (thresholds, policy, acknowledgements) are plain unknown keys now; `gate` lists all three.
    [Theory]
    [InlineData("gate: strict\n", "energygate.yml:2:7: gate: expected a mapping, found \"strict\"")]
    [InlineData("baselines: ''\n", "energygate.yml:2:12: baselines: expected a path, found the quoted string \"\"")]
    [InlineData("machine-class: ci a10\n", "energygate.yml:2:16: machine-class: expected a machine class name of letters, digits, '.', '_' or '-', found \"ci a10\"")]
    [InlineData("machine-class: ''\n", "energygate.yml:2:16: machine-class: expected a machine class name of letters, digits, '.', '_' or '-', found the quoted string \"\"")]
    [InlineData("thresholds: {}\n", "energygate.yml:2:1: thresholds: unknown key `thresholds`; expected one of: version, python, cache-dir, results-dir, suites, sandbox, models, runtimes, measurement, decoding, baselines, machine-class, gate, report")]
    [InlineData("policy: {}\n", "energygate.yml:2:1: policy: unknown key `policy`; expected one of: version, python, cache-dir, results-dir, suites, sandbox, models, runtimes, measurement, decoding, baselines, machine-class, gate, report")]
    [InlineData("acknowledgements: []\n", "energygate.yml:2:1: acknowledgements: unknown key `acknowledgements`; expected one of: version, python, cache-dir, results-dir, suites, sandbox, models, runtimes, measurement, decoding, baselines, machine-class, gate, report")]
    public void Top_level_errors(string body, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\n" + body));

    [Fact]
    public void A_malformed_field_does_not_also_fail_the_policy_rules()
    {
        // fail falls back to its default 10% here; comparing warn 20% with it would blame a key the user got right.
        Assert.Equal("energygate.yml:4:9: gate.fail: expected a percentage such as 5% or a fraction below 1 such as 0.05, found \"lots\"",
            ConfigText.SingleError("version: 1\ngate:\n  warn: 20%\n  fail: lots\n"));
    }
}
