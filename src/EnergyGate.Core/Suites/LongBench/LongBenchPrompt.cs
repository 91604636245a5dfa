using System.Text;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Suites.LongBench;

/// <summary>LongBench's prompt construction and middle truncation, as upstream's pred.py does them.</summary>
public static class LongBenchPrompt
{
    /// <summary>
    /// Fills the task's template from the record in one pass, like Python's <c>str.format</c>: braces
    /// inside the context or input (common in code) are copied, never treated as placeholders.
    /// </summary>
    /// <exception cref="ArgumentException">The template names a placeholder other than <c>{context}</c> or <c>{input}</c>.</exception>
    public static string Build(LongBenchRecord record, LongBenchTask task)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(task);
        var template = task.PromptTemplate;
        var prompt = new StringBuilder(template.Length + record.Context.Length + record.Input.Length);
        var at = 0;
        while (template.IndexOf('{', at) is var open and >= 0)
        {
            var close = template.IndexOf('}', open);
            if (close < 0)
            {
                break;
            }
            prompt.Append(template, at, open - at);
            prompt.Append(template[(open + 1)..close] switch
            {
                "context" => record.Context,
                "input" => record.Input,
                var other => throw new ArgumentException($"task {task.Name}: unknown placeholder {{{other}}} in the prompt template", nameof(task)),
            });
            at = close + 1;
        }
        return prompt.Append(template, at, template.Length - at).ToString();
    }

    /// <summary>
    /// pred.py's middle truncation: when the prompt has more than <paramref name="maxPromptTokens"/>
    /// tokens, keeps the first and the last <c>maxPromptTokens / 2</c> (rounded down, so an odd limit keeps
    /// one token fewer) and returns the two halves decoded and concatenated as text, which the generator
    /// then tokenizes again. A prompt within the limit is returned unchanged.
    /// </summary>
    /// <param name="prompt">The built prompt.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="maxPromptTokens">The model's context minus the task's max new tokens; at least 2.</param>
    /// <param name="bosId">
    /// The id the model's tokenizer puts in front (Llama-style); pred.py's tokenizer call adds it, so it
    /// counts towards the limit and takes a place in the head. Null for tokenizers that add none.
    /// </param>
    /// <remarks>
    /// pred.py decodes with <c>skip_special_tokens=True</c>; here the BOS and the tokenizer's end-of-sequence
    /// ids are dropped from the halves, the special tokens a prompt can contain in practice.
    /// </remarks>
    public static string Truncate(string prompt, ITextTokenizer tokenizer, int maxPromptTokens, int? bosId = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(tokenizer);
        // With a limit of 1 pred.py's half is 0 and Python's ids[-0:] keeps everything: not a truncation.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPromptTokens, 2);
        IReadOnlyList<int> ids = tokenizer.Encode(prompt);
        if (bosId is { } bos)
        {
            ids = [bos, .. ids];
        }
        if (ids.Count <= maxPromptTokens)
        {
            return prompt;
        }
        var half = maxPromptTokens / 2;
        var special = new HashSet<int>(tokenizer.EndOfSequenceIds);
        if (bosId is { } b)
        {
            special.Add(b);
        }
        string Decode(IEnumerable<int> part) => tokenizer.Decode(part.Where(id => !special.Contains(id)));
        return Decode(ids.Take(half)) + Decode(ids.Skip(ids.Count - half));
    }
}
