using EnergyGate.Core.Configuration;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Core.Tests.Configuration;

/// <summary>A private suite with a name of its own: <c>{name: my-suite, kind: humaneval, file: x.jsonl}</c>.</summary>
public sealed class OwnSuiteNameTests
{
    private static ResolvedSettings Resolve(string yaml) =>
        SettingsResolver.Resolve(ConfigText.Parse(yaml), new Dictionary<string, string?>(), CliOverrides.None, "/home/u");

    [Fact]
    public void Two_private_suites_of_one_kind_run_under_their_own_names_in_cell_ids()
    {
        var settings = Resolve("""
            version: 1
            suites:
              - name: humaneval
              - name: team-a
                kind: humaneval
                file: a.jsonl
              - name: team-b
                kind: humaneval
                file: b.jsonl
                prompt-format: chat

            """);
        Assert.Equal(["humaneval", "humaneval", "humaneval"], settings.Suites.Select(s => s.Name));
        Assert.Equal(["humaneval", "team-a", "team-b"], settings.Suites.Select(s => s.Label));
        Assert.Equal(Path.Combine(ConfigText.BaseDirectory, "a.jsonl"), settings.Suites[1].File);
        var plan = RunPlan.Create(settings);
        Assert.Equal(["humaneval/tiny/onnx/cpu", "team-a/tiny/onnx/cpu", "team-b/tiny/onnx/cpu"], plan.Cells.Select(c => c.Id));
        Assert.True(RunFingerprint.IsChat(plan.Cells[2]));

        // The kind is part of the settings: the same name read as another format is another plan.
        var asPlus = Resolve("version: 1\nsuites:\n  - name: team-a\n    kind: humaneval-plus\n    file: a.jsonl\n");
        var asHumanEval = Resolve("version: 1\nsuites:\n  - name: team-a\n    kind: humaneval\n    file: a.jsonl\n");
        Assert.NotEqual(RunFingerprint.SettingsHash(asPlus, RunPlan.Create(asPlus)), RunFingerprint.SettingsHash(asHumanEval, RunPlan.Create(asHumanEval)));
    }

    [Theory]
    [InlineData("  - name: mine\n    kind: humaneval\n",
        "energygate.yml:4:11: suites[0].kind: a suite with a name of its own reads its problems from `file:` in the `humaneval` format; add e.g. `file: problems.jsonl`")]
    [InlineData("  - name: mine\n    kind: smoke\n    file: x.jsonl\n",
        "energygate.yml:4:11: suites[0].kind: unknown value \"smoke\"; expected one of: humaneval, humaneval-plus, mbpp, mbpp-plus, lcc, repobench-p, lcc_e, repobench-p_e")]
    [InlineData("  - name: humaneval\n    kind: humaneval\n    file: x.jsonl\n",
        "energygate.yml:3:11: suites[0].name: `humaneval` is a built-in suite; with `kind:` give the suite a name of its own (e.g. `my-humaneval`), or drop `kind:` to run `humaneval` from `file:`")]
    [InlineData("  - name: team/a\n    kind: mbpp\n    file: x.jsonl\n",
        "energygate.yml:3:11: suites[0].name: `team/a` is not a valid suite name; use letters, digits, '-', '_' and '.', starting with a letter or digit, e.g. `my-suite`")]
    [InlineData("  - name: mine\n    kind: mbpp\n    file: x.jsonl\n  - name: mine\n    kind: lcc\n    file: y.jsonl\n",
        "energygate.yml:6:11: suites[1].name: duplicate suite `mine` (first listed at 3:11)")]
    [InlineData("  - name: mine\n    kind: lcc\n    file: x.jsonl\n    prompt-format: chat\n",
        "energygate.yml:6:20: suites[0].prompt-format: `chat` applies only to code-generation suites (humaneval, humaneval-plus, mbpp, mbpp-plus, smoke); `mine` completes code from long context, which LongBench gives chat models raw too; remove the key or use `raw`")]
    public void Errors_name_the_position_and_what_to_write(string suites, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\nsuites:\n" + suites));
}
