using EnergyGate.Core.Generation.ChatTemplates;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.Smoke;

namespace EnergyGate.Core.Tests.Measurement;

/// <summary>What a cell gives the model per task under each prompt format.</summary>
public sealed class CellPromptsTests
{
    private const string Template =
        "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

    private static TokenizerChatTemplate Chat => new(ChatTemplate.Parse(Template, "test"), null, "<|im_end|>");

    [Fact]
    public void Raw_gives_the_prompt_and_chat_the_templates_conversation_cut_after_the_opened_fence()
    {
        var problem = SmokeSuite.Load()[0];
        Assert.Equal(problem.Prompt, CellPrompts.Raw.Text(problem));
        Assert.Null(CellPrompts.Raw.TemplateHash);

        var chat = CellPrompts.Chat(Chat);
        Assert.Equal(
            "<|im_start|>user\n" + HumanEvalChatPrompt.InstructionPrefix + "\n```\n" + problem.Prompt.Trim() + "\n```\n<|im_end|>\n" +
            "<|im_start|>assistant\n" + HumanEvalChatPrompt.ResponsePrefix + "\n```python\n",
            chat.Text(problem));
        Assert.Equal(PromptFormat.Chat, chat.Format);
        Assert.Matches("^[0-9a-f]{64}$", chat.TemplateHash);
    }

    [Fact]
    public void Understanding_tasks_stay_raw_under_a_chat_template()
    {
        var task = new EnergyGate.Core.Suites.LongBench.UnderstandingProblem("lcc/0", "import os\nclass A:\n", ["    pass"], 2, "lcc");
        Assert.Equal(task.Prompt, CellPrompts.Chat(Chat).Text(task));
    }
}
