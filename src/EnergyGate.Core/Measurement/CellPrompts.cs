using System.Collections.Concurrent;
using EnergyGate.Core.Generation.ChatTemplates;
using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// The text a cell gives the model for each task: the suite's prompt (raw), or, for code problems under
/// <c>prompt-format: chat</c>, EvalPlus's chat prompt rendered with the model's template
/// (<see cref="HumanEvalChatPrompt"/>). Generation, the shard cost estimate and served requests all read
/// prompts here, so they agree on the tokens.
/// </summary>
public sealed class CellPrompts
{
    private readonly TokenizerChatTemplate? _template;
    private readonly TimeProvider? _clock;
    // Rendered once per task: warm-ups, repetitions and samples reuse it, and a template using
    // strftime_now must not give one task two prompts within a run.
    private readonly ConcurrentDictionary<string, string> _rendered = new(StringComparer.Ordinal);

    private CellPrompts(PromptFormat format, TokenizerChatTemplate? template, TimeProvider? clock)
    {
        Format = format;
        _template = template;
        _clock = clock;
    }

    /// <summary>The suite's prompts as they are.</summary>
    public static CellPrompts Raw { get; } = new(PromptFormat.Raw, null, null);

    /// <summary>Code problems rendered with <paramref name="template"/>; other tasks stay raw.</summary>
    public static CellPrompts Chat(TokenizerChatTemplate template, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new(PromptFormat.Chat, template, clock);
    }

    /// <summary>SHA-256 of the chat template's text, hex; null for raw prompts.</summary>
    public string? TemplateHash => _template is null
        ? null
        : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(_template.Template.Source)));

    /// <summary>The format this cell's code problems are given in (and scored by).</summary>
    public PromptFormat Format { get; }

    /// <summary>The text the model continues for <paramref name="task"/>.</summary>
    public string Text(IBenchmarkTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return _template is not null && task is CodeProblem
            ? _rendered.GetOrAdd(task.TaskId, _ => HumanEvalChatPrompt.Build(_template, task.Prompt, _clock))
            : task.Prompt;
    }
}
