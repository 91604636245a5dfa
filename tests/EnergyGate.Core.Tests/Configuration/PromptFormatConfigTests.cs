using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Tests.Configuration;

/// <summary><c>prompt-format: raw | chat</c> on models and suites: validation, resolution, the settings hash and decoding.</summary>
public sealed class PromptFormatConfigTests
{
    private static ResolvedSettings Resolve(string yaml) =>
        SettingsResolver.Resolve(ConfigText.Parse(yaml), new Dictionary<string, string?>(), CliOverrides.None, "/home/u");

    private const string TwoModels = """
        version: 1
        models:
          - name: base
            source: builtin:tiny
          - name: instruct
            source: builtin:tiny
            prompt-format: chat
        suites:
          - name: smoke
          - name: smoke-lcc

        """;

    [Fact]
    public void A_model_level_chat_applies_to_its_code_suites_only_and_a_suite_setting_wins()
    {
        var plan = RunPlan.Create(Resolve(TwoModels));
        Assert.Equal(["smoke/instruct/onnx/cpu"], plan.Cells.Where(RunFingerprint.IsChat).Select(c => c.Id));

        var suiteRaw = RunPlan.Create(Resolve(TwoModels.Replace("  - name: smoke\n", "  - name: smoke\n    prompt-format: raw\n", StringComparison.Ordinal)));
        Assert.DoesNotContain(suiteRaw.Cells, RunFingerprint.IsChat);

        var suiteChat = RunPlan.Create(Resolve(TwoModels.Replace("  - name: smoke\n", "  - name: smoke\n    prompt-format: chat\n", StringComparison.Ordinal)));
        Assert.Equal(["smoke/base/onnx/cpu", "smoke/instruct/onnx/cpu"], suiteChat.Cells.Where(RunFingerprint.IsChat).Select(c => c.Id));
    }

    [Fact]
    public void Chat_changes_the_settings_hash_and_raw_written_out_keeps_the_old_one()
    {
        const string Plain = "version: 1\nmodels:\n  - name: m\n    source: builtin:tiny\nsuites:\n  - name: smoke\n";
        string Hash(string yaml)
        {
            var settings = Resolve(yaml);
            return RunFingerprint.SettingsHash(settings, RunPlan.Create(settings));
        }

        var raw = Hash(Plain);
        Assert.Equal(raw, Hash(Plain + "    prompt-format: raw\n"));
        Assert.NotEqual(raw, Hash(Plain + "    prompt-format: chat\n"));
        Assert.NotEqual(raw, Hash(Plain.Replace("builtin:tiny\n", "builtin:tiny\n    prompt-format: chat\n", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("models:\n  - name: m\n    source: builtin:tiny\n    prompt-format: instruct\n",
        "energygate.yml:5:20: models[0].prompt-format: unknown value \"instruct\"; expected one of: raw, chat")]
    [InlineData("suites:\n  - name: smoke\n    prompt-format: chatml\n",
        "energygate.yml:4:20: suites[0].prompt-format: unknown value \"chatml\"; did you mean `chat`? expected one of: raw, chat")]
    [InlineData("suites:\n  - name: smoke-lcc\n    prompt-format: chat\n",
        "energygate.yml:4:20: suites[0].prompt-format: `chat` applies only to code-generation suites (humaneval, humaneval-plus, mbpp, mbpp-plus, smoke); `smoke-lcc` completes code from long context, which LongBench gives chat models raw too; remove the key or use `raw`")]
    public void Errors_name_the_position_and_the_accepted_values(string body, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\n" + body));

    [Fact]
    public void Chat_replaces_the_default_codex_stop_words_with_evalplus_chat_set_but_keeps_configured_ones()
    {
        var suite = new SuiteSettings(SuiteNames.Smoke, null, [1], 1);
        var codex = new GenerationSettings { StopStrings = GenerationSettings.HumanEvalStopStrings };
        Assert.Equal(GenerationSettings.ChatStopStrings, SuiteTasks.Decoding(suite, codex, PromptFormat.Chat).StopStrings);
        Assert.Contains("\n```\n", GenerationSettings.ChatStopStrings);
        Assert.Equal(GenerationSettings.HumanEvalStopStrings, SuiteTasks.Decoding(suite, codex, PromptFormat.Raw).StopStrings);

        var own = new GenerationSettings { StopStrings = ["\n###"] };
        Assert.Equal(["\n###"], SuiteTasks.Decoding(suite, own, PromptFormat.Chat).StopStrings);
        Assert.Empty(SuiteTasks.Decoding(suite with { Suppression = SuppressionNames.Syntax }, codex, PromptFormat.Chat).StopStrings);
    }
}
