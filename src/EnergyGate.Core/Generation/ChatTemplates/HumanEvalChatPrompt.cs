namespace EnergyGate.Core.Generation.ChatTemplates;

/// <summary>
/// The chat prompt for a HumanEval-style problem, built as EvalPlus builds it
/// (evalplus/provider/utility.py, <c>make_raw_chat_prompt</c>, with the prefixes of evalplus/codegen.py):
/// the user message is the instruction, then the problem's prompt stripped inside a plain markdown fence;
/// the assistant message is pre-filled with the response prefix and an opened <c>```python</c> fence, and the
/// rendered conversation is cut right after that fence, so the model continues inside the code block.
/// </summary>
public static class HumanEvalChatPrompt
{
    /// <summary>EvalPlus's instruction, verbatim.</summary>
    public const string InstructionPrefix = "Please provide a self-contained Python script that solves the following problem in a markdown code block:";

    /// <summary>EvalPlus's response prefix, verbatim.</summary>
    public const string ResponsePrefix = "Below is a Python script with a self-contained function that solves the problem and passes corresponding tests:";

    // EvalPlus's splitter: rendered in place of the answer, then everything from it on is cut.
    private const string MagicSplitter = "-[[]]-this-is-really-our-highest-priority-[[]]-";

    /// <summary>Renders the prompt text the model continues from.</summary>
    public static string Build(TokenizerChatTemplate template, string taskPrompt, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(taskPrompt);
        var user = $"{InstructionPrefix}\n```\n{taskPrompt.Trim()}\n```\n";
        var assistant = $"{ResponsePrefix}\n```python\n{MagicSplitter}\n```\n";
        var rendered = template.Template.RenderConversation([("user", user), ("assistant", assistant)], addGenerationPrompt: false,
            template.BosToken, template.EosToken, clock);
        var cut = rendered.IndexOf(MagicSplitter, StringComparison.Ordinal);
        if (cut < 0)
        {
            throw new EnergyGateException(
                $"{template.Template.SourceName}: the chat template does not render the assistant's message, so the EvalPlus-style " +
                "prompt (answer pre-filled with an opened code block) cannot be built; use `prompt-format: raw` for this model.");
        }
        return rendered[..cut];
    }
}
