namespace EnergyGate.Core.Generation.ChatTemplates;

/// <summary>
/// A failure inside a filter, test, method or operator; the evaluator catches it at the expression
/// being evaluated and turns it into a <see cref="ChatTemplateException"/> with that expression's position.
/// </summary>
internal sealed class TemplateRuntimeException : Exception
{
    public TemplateRuntimeException(string message) : base(message) { }

    public TemplateRuntimeException(string message, Exception inner) : base(message, inner) { }

    public TemplateRuntimeException() { }
}
