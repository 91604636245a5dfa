using System.Text;
using EnergyGate.Core.Generation;
using LLama.Native;

namespace EnergyGate.Runtimes.LlamaCpp;

/// <summary>
/// A GGUF file's own tokenizer, run by llama.cpp (the vocabulary alone is loaded), for user models
/// that come as one file without a tokenizer.json.
/// </summary>
public sealed class LlamaCppTokenizer : ITextTokenizer, IDisposable
{
    private readonly SafeLlamaModelHandle _vocab;

    /// <summary>Loads the vocabulary of <paramref name="ggufPath"/>.</summary>
    public LlamaCppTokenizer(string ggufPath)
    {
        LlamaCppNatives.EnsureLoaded();
        var parameters = LLamaModelParams.Default();
        parameters.vocab_only = true;
        var log = LlamaCppLog.Capture();
        try
        {
            _vocab = SafeLlamaModelHandle.LoadFromFile(ggufPath, parameters);
        }
        catch (LLama.Exceptions.LoadWeightsFailedException)
        {
            throw new Core.EnergyGateException($"EG2002: llama.cpp cannot read the tokenizer of '{ggufPath}': {log.LastErrors()}");
        }
        EndOfSequenceIds = [.. new[] { _vocab.Vocab.EOS, _vocab.Vocab.EOT }.Where(t => t is not null).Select(t => (int)t!.Value).Distinct()];
    }

    /// <inheritdoc />
    public IReadOnlyList<int> EndOfSequenceIds { get; }

    /// <inheritdoc />
    /// <remarks>Special tokens spelled in the text (e.g. <c>&lt;|endoftext|&gt;</c>) become their ids, as the tool's own tokenizer does.</remarks>
    public IReadOnlyList<int> Encode(string text) =>
        [.. _vocab.Tokenize(text, false, true, Encoding.UTF8).Select(t => (int)t)];

    /// <inheritdoc />
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var bytes = new List<byte>();
        var piece = new byte[256];
        foreach (var id in ids)
        {
            var written = (int)_vocab.TokenToSpan(id, piece, 0, true);
            if (written > piece.Length)
            {
                // The call returns the size a longer piece needs; ask again with room for it.
                piece = new byte[written];
                written = (int)_vocab.TokenToSpan(id, piece, 0, true);
            }
            bytes.AddRange(piece.AsSpan(0, written));
        }
        // A character cut at the end decodes to U+FFFD (the encoding's replacement), as the interface asks.
        return Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
    }

    /// <inheritdoc />
    public void Dispose() => _vocab.Dispose();
}
