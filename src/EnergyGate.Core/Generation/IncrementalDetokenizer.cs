namespace EnergyGate.Core.Generation;

/// <summary>
/// Turns generated ids into text one token at a time, the way Hugging Face TGI's <c>decode_token</c>
/// does: only a short window of ids is decoded per token, never the whole sequence (no O(n^2)).
/// </summary>
/// <remarks>
/// <para>The window runs from a prefix offset to the end. Text beyond the decoded prefix is new. When
/// the window decodes to a trailing U+FFFD (a multi-byte character cut between tokens), everything
/// before it is released and the tail is held until a later token completes it.</para>
/// <para>The window starts with the last few prompt ids so tokenizers that drop a leading space at the
/// start of a decode (SentencePiece) still give the first generated token its space.</para>
/// </remarks>
public sealed class IncrementalDetokenizer
{
    /// <summary>Prompt ids placed in front of the window as context; TGI uses the same count.</summary>
    public const int PromptContextTokens = 5;

    private const char Replacement = '\uFFFD';
    private readonly ITextTokenizer _tokenizer;
    private readonly TextBuffer _text = new();
    private int[] _ids;
    private int _count;
    private int _prefixOffset;
    private int _readOffset;
    private int _prefixLength;   // chars of Decode(_ids[_prefixOffset.._readOffset])
    private int _released;       // chars beyond the prefix already released while a tail is held

    /// <summary>Starts after <paramref name="promptIds"/>; the prompt's own text is never part of <see cref="Text"/>.</summary>
    public IncrementalDetokenizer(ITextTokenizer tokenizer, IReadOnlyList<int> promptIds)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(promptIds);
        _tokenizer = tokenizer;
        var context = Math.Min(PromptContextTokens, promptIds.Count);
        _ids = new int[Math.Max(16, context * 2)];
        for (var i = 0; i < context; i++)
            _ids[i] = promptIds[promptIds.Count - context + i];
        _count = context;
        _readOffset = context;
        _prefixLength = context == 0 ? 0 : DecodeWindow(0, context).Length;
    }

    /// <summary>The generated text released so far.</summary>
    public ReadOnlySpan<char> Text => _text.Span;

    /// <summary>Number of ids decoded in the last window; stays small however long the text grows.</summary>
    internal int LastWindowLength { get; private set; }

    /// <summary>Adds one generated id and returns the text it released (possibly empty).</summary>
    public string Append(int tokenId)
    {
        if (_count == _ids.Length)
            Array.Resize(ref _ids, _ids.Length * 2);
        _ids[_count++] = tokenId;
        var window = DecodeWindow(_prefixOffset, _count);
        var stable = window.Length;
        while (stable > _prefixLength && window[stable - 1] == Replacement)
            stable--;
        if (stable == window.Length && window.Length > _prefixLength)
        {
            // Complete: release the rest and slide the window past the ids just decoded.
            var released = Release(window, window.Length);
            _prefixOffset = _readOffset;
            _readOffset = _count;
            _prefixLength = DecodeWindow(_prefixOffset, _readOffset).Length;
            _released = 0;
            return released;
        }
        // Incomplete tail (or no text yet): release only what comes before it.
        return Release(window, stable);
    }

    /// <summary>Releases a held tail as it stands (U+FFFD included); call once generation has stopped.</summary>
    public string Flush()
    {
        if (_readOffset == _count)
            return string.Empty;
        var window = DecodeWindow(_prefixOffset, _count);
        var released = Release(window, window.Length);
        _prefixOffset = _readOffset = _count;
        _prefixLength = _released = 0;
        return released;
    }

    private string Release(string window, int end)
    {
        var start = _prefixLength + _released;
        if (end <= start)
            return string.Empty;
        var piece = window[start..end];
        _released += piece.Length;
        _text.Append(piece);
        return piece;
    }

    private string DecodeWindow(int from, int to)
    {
        LastWindowLength = to - from;
        return _tokenizer.Decode(new ArraySegment<int>(_ids, from, to - from));
    }
}
