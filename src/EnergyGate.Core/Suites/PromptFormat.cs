namespace EnergyGate.Core.Suites;

/// <summary>How a suite's prompt is given to the model (<c>prompt-format:</c>).</summary>
public enum PromptFormat
{
    /// <summary>The suite's prompt as it is: a base model continues the function.</summary>
    Raw,

    /// <summary>The prompt rendered with the model's chat template (instruct models); code answers are extracted from the markdown.</summary>
    Chat,
}

/// <summary>The names of <see cref="PromptFormat"/> as written in configuration and results files.</summary>
public static class PromptFormats
{
    /// <summary><c>raw</c>.</summary>
    public const string Raw = "raw";

    /// <summary><c>chat</c>.</summary>
    public const string Chat = "chat";

    /// <summary>Every name, in enum order.</summary>
    public static IReadOnlyList<string> Names { get; } = [Raw, Chat];

    /// <summary>The name of <paramref name="format"/>.</summary>
    public static string Name(this PromptFormat format) => Names[(int)format];

    /// <summary>Parses <c>raw</c> or <c>chat</c>; null reads as raw (files written before chat existed).</summary>
    /// <exception cref="EnergyGateException">Any other name; the message lists the valid ones.</exception>
    public static PromptFormat Parse(string? name) => name switch
    {
        null or Raw => PromptFormat.Raw,
        Chat => PromptFormat.Chat,
        _ => throw new EnergyGateException($"unknown prompt format '{name}'; use one of {string.Join(", ", Names)}"),
    };

    /// <summary>
    /// The format a cell uses: the suite's own setting wins over the model's (a suite knows whether its
    /// prompts suit a chat; the model says what it was tuned on), and raw is the default.
    /// </summary>
    public static PromptFormat Resolve(string? suite, string? model) => Parse(suite ?? model);
}
