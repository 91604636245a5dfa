namespace EnergyGate.Core.Generation.ChatTemplates;

/// <summary>
/// A chat template that cannot be parsed, uses a feature the renderer does not support, or fails while
/// rendering (including the template's own <c>raise_exception</c>). The message names the template's
/// source, line and column so the user can find the spot in tokenizer_config.json.
/// </summary>
public sealed class ChatTemplateException : EnergyGateException
{
    /// <summary>Creates the error for a position in a template.</summary>
    public ChatTemplateException(string sourceName, int line, int column, string problem)
        : base($"{sourceName}:{line}:{column}: chat template: {problem}")
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>Where the template came from (a file path, or path plus key).</summary>
    public string SourceName { get; }

    /// <summary>1-based line in the template text.</summary>
    public int Line { get; }

    /// <summary>1-based column in the template text.</summary>
    public int Column { get; }

    /// <summary>What went wrong, without the position.</summary>
    public string Problem { get; }
}
