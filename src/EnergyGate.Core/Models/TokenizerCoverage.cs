using System.Globalization;
using EnergyGate.Core.Generation.Tokenizers;

namespace EnergyGate.Core.Models;

/// <summary>
/// Checks, when a runtime loads a model folder, that its tokenizer can decode every id the model
/// can produce. Only that direction makes garbage: an id the tokenizer does not know decodes to
/// nothing, so completions silently lose text. The other direction is legitimate (the shared
/// tiny-random-gpt2 pairs a 50,295-token tokenizer with a 1,000-id model): ids the model cannot
/// embed are refused when fed to it (EG2003).
/// </summary>
public static class TokenizerCoverage
{
    /// <summary>
    /// Hugging Face models pad <c>vocab_size</c> past their tokenizer so the embedding's rows divide
    /// evenly for GPUs (Qwen2.5: 151,936 for 151,665 tokens; Phi-2: 51,200 for 50,295; GPT-J: 50,400
    /// for 50,257); the padding ids are never trained and never win. Every such model's vocabulary
    /// is at most its tokenizer's id count rounded up to a multiple of 1024, so a larger gap is refused.
    /// </summary>
    public const int PaddingMultiple = 1024;

    /// <summary>
    /// The problem with a tokenizer of <paramref name="tokenizerIds"/> ids (highest id + 1) and a
    /// model producing <paramref name="modelIds"/>, or null when the tokenizer covers the model.
    /// </summary>
    /// <param name="tokenizerIds">One more than the tokenizer's highest id, added tokens included.</param>
    /// <param name="tokenizerFile">Where the tokenizer came from, for the message.</param>
    /// <param name="modelIds">The model's vocabulary: its logits' last dimension or config's <c>vocab_size</c>.</param>
    /// <param name="modelSource">Where that number came from, for the message.</param>
    public static string? Problem(int tokenizerIds, string tokenizerFile, int modelIds, string modelSource)
    {
        var padded = (tokenizerIds + (long)PaddingMultiple - 1) / PaddingMultiple * PaddingMultiple;
        return modelIds <= padded ? null : string.Create(CultureInfo.InvariantCulture,
            $"EG2051: the tokenizer {tokenizerFile} has {tokenizerIds:N0} ids but the model ({modelSource}) produces {modelIds:N0}: "
            + $"ids {tokenizerIds:N0} and above would decode to nothing, so completions would lose text. "
            + $"This tokenizer belongs to a smaller model; put the model's own tokenizer.json beside it "
            + $"(padding explains a vocabulary of at most {padded:N0}, the tokenizer's ids rounded up to a multiple of {PaddingMultiple}).");
    }

    /// <summary>
    /// Throws EG2051 when the <c>tokenizer.json</c> in <paramref name="modelDirectory"/> cannot decode
    /// all <paramref name="modelIds"/> ids. A folder without a readable tokenizer.json passes: loading
    /// the tokenizer reports that on its own, and a runtime may be opened on a bare model.
    /// </summary>
    /// <param name="modelDirectory">The model folder.</param>
    /// <param name="modelIds">The model's vocabulary as the runtime found it.</param>
    /// <param name="modelSource">The file and field it came from, e.g. <c>model.onnx logits</c>.</param>
    /// <exception cref="EnergyGateException">The tokenizer is too small for the model.</exception>
    public static void Ensure(string modelDirectory, int modelIds, string modelSource)
    {
        var path = Path.Combine(modelDirectory, "tokenizer.json");
        if (!File.Exists(path))
        {
            return;
        }
        TokenizerDefinition definition;
        try
        {
            definition = TokenizerJsonReader.Read(path);
        }
        catch (EnergyGateException)
        {
            return;
        }
        var ids = definition.Model.Vocab.Values.Concat(definition.AddedTokens.Select(t => t.Id)).DefaultIfEmpty(-1).Max() + 1;
        if (Problem(ids, path, modelIds, modelSource) is { } problem)
        {
            throw new EnergyGateException(problem);
        }
    }
}
