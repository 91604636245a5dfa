using EnergyGate.Core.Generation.ChatTemplates;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Generation.ChatTemplates;

/// <summary>
/// The EvalPlus-style chat prompt against what EvalPlus's make_raw_chat_prompt renders through jinja2
/// (render_fixtures.py), and tokenizer_config.json loading with its errors.
/// </summary>
public sealed class HumanEvalChatPromptTests : IDisposable
{
    private static readonly string Folder = Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "ChatTemplates");
    private readonly string _model = Path.Combine(Path.GetTempPath(), "eg-chat-" + Guid.NewGuid().ToString("N"));

    public HumanEvalChatPromptTests() => Directory.CreateDirectory(_model);

    public void Dispose() => Directory.Delete(_model, recursive: true);

    private static readonly (string Family, string Bos, string Eos)[] Families =
    [
        ("qwen2.5-instruct", "", "<|im_end|>"),
        ("llama3-instruct", "<|begin_of_text|>", "<|eot_id|>"),
        ("llama3.2-instruct", "<|begin_of_text|>", "<|eot_id|>"),
        ("deepseek-coder-instruct", "<｜begin▁of▁sentence｜>", "<|EOT|>"),
        ("codellama-instruct", "<s>", "</s>"),
    ];

    public static TheoryData<string> FamilyNames() => [.. Families.Select(f => f.Family)];

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public void Builds_what_evalplus_builds(string family)
    {
        var (_, bos, eos) = Families.Single(f => f.Family == family);
        var config = new System.Text.Json.Nodes.JsonObject
        {
            ["chat_template"] = File.ReadAllText(Path.Combine(Folder, family + ".jinja")),
            ["bos_token"] = new System.Text.Json.Nodes.JsonObject { ["content"] = bos, ["lstrip"] = false },
            ["eos_token"] = eos,
        };
        File.WriteAllText(Path.Combine(_model, TokenizerChatTemplate.FileName), config.ToJsonString());
        var template = TokenizerChatTemplate.Load(_model);

        var prompt = HumanEvalChatPrompt.Build(template, File.ReadAllText(Path.Combine(Folder, "expected", "evalplus-task-prompt.txt")), FixedClock.Fixtures);

        Assert.Equal(File.ReadAllText(Path.Combine(Folder, "expected", family + ".evalplus-prompt.txt")), prompt);
        Assert.EndsWith("```python\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void List_form_uses_the_default_template()
    {
        File.WriteAllText(Path.Combine(_model, TokenizerChatTemplate.FileName),
            """{"chat_template": [{"name": "tool_use", "template": "TOOLS"}, {"name": "default", "template": "{{ messages[0].content }}"}]}""");
        var template = TokenizerChatTemplate.Load(_model);
        Assert.Equal("hi", template.Template.RenderConversation([("user", "hi")], true, null, null));
        Assert.Null(template.BosToken);
    }

    [Fact]
    public void A_model_without_a_template_is_a_clear_error()
    {
        File.WriteAllText(Path.Combine(_model, TokenizerChatTemplate.FileName), """{"bos_token": "<s>"}""");
        var error = Assert.Throws<EnergyGateException>(() => TokenizerChatTemplate.Load(_model));
        Assert.Contains("no `chat_template` key", error.Message, StringComparison.Ordinal);
        Assert.Contains(_model, error.Message, StringComparison.Ordinal);
        Assert.Contains("prompt-format: raw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_tokenizer_config_is_a_clear_error()
    {
        var error = Assert.Throws<EnergyGateException>(() => TokenizerChatTemplate.Load(_model));
        Assert.Contains(Path.Combine(_model, "tokenizer_config.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_template_names_the_file_and_key()
    {
        File.WriteAllText(Path.Combine(_model, TokenizerChatTemplate.FileName), """{"chat_template": "{% for m in messages %}"}""");
        var error = Assert.Throws<ChatTemplateException>(() => TokenizerChatTemplate.Load(_model));
        Assert.Equal(Path.Combine(_model, "tokenizer_config.json") + " (chat_template)", error.SourceName);
        Assert.Contains("never closed with 'endfor'", error.Message, StringComparison.Ordinal);
    }
}
