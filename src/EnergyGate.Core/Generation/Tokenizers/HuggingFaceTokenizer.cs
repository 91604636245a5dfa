namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>
/// A Hugging Face <c>tokenizer.json</c> (BPE models: GPT-2/CodeGen/StarCoder/Qwen2 byte-level and
/// Llama/SentencePiece-style with byte fallback), encoding and decoding as the HF tokenizers library does.
/// Added tokens, the normalizer, the pre-tokenizer and the decoder follow HF's pipeline; merging is done by
/// Microsoft.ML.Tokenizers.
/// </summary>
public sealed class HuggingFaceTokenizer : ITextTokenizer, ITokenByteSource
{
    // Marks a cached token whose bytes are not complete UTF-8 alone (no text of its own).
    private static readonly string Incomplete = new('\uFFFD', 1);

    private readonly AddedTokenSplitter _rawTokens;
    private readonly AddedTokenSplitter _normalizedTokens;
    private readonly Func<string, string>? _normalizer;
    private readonly Func<Piece, IEnumerable<Piece>>? _preTokenizer;
    private readonly Func<List<string>, List<string>>? _decoder;
    private readonly BpeWordEncoder _encoder;
    private readonly Dictionary<int, string> _idToToken;
    private readonly bool _byteLevel;
    // Filled lazily, one id at a time: a race computes the same value twice, which is harmless.
    private readonly byte[]?[] _tokenBytes;
    private readonly string?[] _tokenTexts;

    private HuggingFaceTokenizer(TokenizerDefinition definition, BpeWordEncoder encoder, IReadOnlyList<int> eos, int? bos)
    {
        EndOfSequenceIds = eos;
        BeginningOfSequenceId = bos;
        // HF matches added tokens marked normalized=false on the raw text, and the others on normalized
        // text in their normalized form (with Llama's normalizer "<x>" is found only as "▁<x>").
        _normalizer = definition.Normalizer;
        _rawTokens = new AddedTokenSplitter(definition.AddedTokens.Where(t => !t.Normalized));
        _normalizedTokens = new AddedTokenSplitter(definition.AddedTokens
            .Where(t => t.Normalized)
            .Select(t => t with { Content = _normalizer?.Invoke(t.Content) ?? t.Content }));
        _preTokenizer = definition.PreTokenizer;
        _decoder = definition.Decoder;
        _encoder = encoder;
        _idToToken = definition.Model.Vocab.ToDictionary(kv => kv.Value, kv => kv.Key);
        foreach (var token in definition.AddedTokens)
        {
            _idToToken[token.Id] = token.Content;
        }
        VocabularySize = _idToToken.Count == 0 ? 0 : _idToToken.Keys.Max() + 1;
        _byteLevel = definition.ByteLevelDecoder;
        _tokenBytes = _byteLevel ? new byte[]?[VocabularySize] : [];
        _tokenTexts = _byteLevel ? new string?[VocabularySize] : [];
    }

    /// <inheritdoc />
    public IReadOnlyList<int> EndOfSequenceIds { get; }

    /// <summary>The id a model expects first, when the model folder names one (bos_token_id or bos_token).</summary>
    public int? BeginningOfSequenceId { get; }

    /// <summary>One more than the highest id the tokenizer can produce (the model's vocabulary may be smaller).</summary>
    public int VocabularySize { get; }

    /// <summary>
    /// Loads <c>tokenizer.json</c> from <paramref name="modelDir"/>, and eos/bos ids from
    /// <c>generation_config.json</c>, <c>config.json</c> and <c>tokenizer_config.json</c> where present.
    /// </summary>
    /// <exception cref="EnergyGateException">A file is missing, not JSON, or uses an unsupported feature; the message names the file and field.</exception>
    public static HuggingFaceTokenizer Load(string modelDir)
    {
        var path = Path.Combine(modelDir, "tokenizer.json");
        var definition = TokenizerJsonReader.Read(path);
        var encoder = new BpeWordEncoder(definition.Model, new JsonFields(path));
        var tokenToId = definition.Model.Vocab.ToDictionary();
        foreach (var token in definition.AddedTokens)
        {
            tokenToId[token.Content] = token.Id;
        }
        var (eos, bos) = SpecialTokenIds.Read(modelDir, token => tokenToId.TryGetValue(token, out var id) ? id : null);
        return new HuggingFaceTokenizer(definition, encoder, eos, bos);
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        foreach (var raw in _rawTokens.Split(new Piece(text, AtStart: true)))
        {
            if (raw.TokenId is { } rawId)
            {
                ids.Add(rawId);
                continue;
            }
            var normalized = raw.Piece with { Text = _normalizer?.Invoke(raw.Piece.Text) ?? raw.Piece.Text };
            foreach (var segment in _normalizedTokens.Split(normalized))
            {
                if (segment.TokenId is { } id)
                {
                    ids.Add(id);
                }
                else
                {
                    EncodePlain(segment.Piece, ids);
                }
            }
        }
        return ids;
    }

    /// <inheritdoc />
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        // Ids the tokenizer does not know (models often pad their embedding past the vocabulary) are
        // skipped, as HF does.
        var tokens = ids.Select(id => _idToToken.GetValueOrDefault(id)).OfType<string>().ToList();
        return _decoder is null ? string.Join(' ', tokens) : string.Concat(_decoder(tokens));
    }

    /// <inheritdoc />
    public bool DecodesTokenBytes => _byteLevel;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The tokenizer's decoder is not ByteLevel (<see cref="DecodesTokenBytes"/> is false).</exception>
    public ReadOnlySpan<byte> TokenBytes(int id)
    {
        if (!_byteLevel)
        {
            throw new InvalidOperationException("this tokenizer's decoder is not ByteLevel: decode windows of ids instead");
        }
        if ((uint)id >= (uint)_tokenBytes.Length)
        {
            return [];
        }
        if (_tokenBytes[id] is { } cached)
        {
            return cached;
        }
        // The same bytes the ByteLevel decoder gives this token (unknown ids: none, as Decode skips them).
        var bytes = new List<byte>();
        if (_idToToken.TryGetValue(id, out var token))
        {
            ByteLevelAlphabet.AppendBytes(token, bytes);
        }
        return _tokenBytes[id] = [.. bytes];
    }

    /// <inheritdoc />
    public string? TokenText(int id)
    {
        if ((uint)id < (uint)_tokenTexts.Length && _tokenTexts[id] is { } cached)
        {
            return ReferenceEquals(cached, Incomplete) ? null : cached;
        }
        var bytes = TokenBytes(id);
        if ((uint)id >= (uint)_tokenTexts.Length)
        {
            return string.Empty;
        }
        var text = System.Text.Unicode.Utf8.IsValid(bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : Incomplete;
        _tokenTexts[id] = text;
        return ReferenceEquals(text, Incomplete) ? null : text;
    }

    private void EncodePlain(Piece piece, List<int> ids)
    {
        if (piece.Text.Length == 0)
        {
            return;
        }
        var words = _preTokenizer is null ? [piece] : _preTokenizer(piece);
        foreach (var word in words)
        {
            if (word.Text.Length > 0)
            {
                _encoder.Encode(word.Text, ids);
            }
        }
    }
}
