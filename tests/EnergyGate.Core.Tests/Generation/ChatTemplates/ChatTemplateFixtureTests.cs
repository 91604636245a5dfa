using System.Text.Json;
using EnergyGate.Core.Generation.ChatTemplates;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Generation.ChatTemplates;

/// <summary>
/// Our renderer against what jinja2, configured as Hugging Face transformers configures it, renders
/// (tests/TestData/ChatTemplates/render_fixtures.py wrote the expected files): byte for byte, for the
/// chat templates of Qwen2.5, Llama 3, Llama 3.2, DeepSeek-Coder and CodeLlama Instruct.
/// </summary>
public sealed class ChatTemplateFixtureTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "ChatTemplates");

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected", "conversations.json")));
        foreach (var family in doc.RootElement.GetProperty("templates").EnumerateObject())
        {
            foreach (var conversation in doc.RootElement.GetProperty("conversations").EnumerateObject())
            {
                data.Add(family.Name, conversation.Name, true);
                data.Add(family.Name, conversation.Name, false);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_what_transformers_renders(string family, string conversation, bool addGenerationPrompt)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected", "conversations.json")));
        var tokens = doc.RootElement.GetProperty("templates").GetProperty(family);
        var messages = TemplateValues.FromJson(doc.RootElement.GetProperty("conversations").GetProperty(conversation));
        var templatePath = Path.Combine(Folder, family + ".jinja");
        var template = ChatTemplate.Parse(File.ReadAllText(templatePath), templatePath);

        var rendered = template.Render(new Dictionary<string, object?>
        {
            ["messages"] = messages,
            ["add_generation_prompt"] = addGenerationPrompt,
            ["bos_token"] = tokens[0].GetString(),
            ["eos_token"] = tokens[1].GetString(),
        }, FixedClock.Fixtures);

        var expected = File.ReadAllText(Path.Combine(Folder, "expected", $"{family}.{conversation}.{(addGenerationPrompt ? "gen" : "nogen")}.txt"));
        Assert.Equal(expected, rendered);
    }

    [Theory]
    [InlineData("qwen2.5-instruct")]
    [InlineData("llama3.2-instruct")]
    public void Renders_tools_and_tool_calls_like_transformers(string family)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected", "conversations.json")));
        var tokens = doc.RootElement.GetProperty("templates").GetProperty(family);
        var tools = doc.RootElement.GetProperty("tools_case");
        var templatePath = Path.Combine(Folder, family + ".jinja");
        var template = ChatTemplate.Parse(File.ReadAllText(templatePath), templatePath);

        var rendered = template.Render(new Dictionary<string, object?>
        {
            ["messages"] = TemplateValues.FromJson(tools.GetProperty("messages")),
            ["tools"] = TemplateValues.FromJson(tools.GetProperty("tools")),
            ["add_generation_prompt"] = true,
            ["bos_token"] = tokens[0].GetString(),
            ["eos_token"] = tokens[1].GetString(),
        }, FixedClock.Fixtures);

        Assert.Equal(File.ReadAllText(Path.Combine(Folder, "expected", family + ".tools.txt")), rendered);
    }

    [Fact]
    public void Every_family_has_fixtures()
    {
        var families = Directory.GetFiles(Folder, "*.jinja").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["codellama-instruct", "deepseek-coder-instruct", "llama3-instruct", "llama3.2-instruct", "qwen2.5-instruct"], families);
        var expected = Directory.GetFiles(Path.Combine(Folder, "expected"), "*gen.txt");
        Assert.Equal(Cases().Count, expected.Length);
    }

    [Fact]
    public void Conversation_helper_matches_the_dictionary_form()
    {
        var templatePath = Path.Combine(Folder, "qwen2.5-instruct.jinja");
        var template = ChatTemplate.Parse(File.ReadAllText(templatePath), templatePath);
        var rendered = template.RenderConversation([("user", "Hello")], addGenerationPrompt: true, bosToken: "", eosToken: "<|im_end|>");
        Assert.Equal(
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n" +
            "<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n",
            rendered);
    }
}
