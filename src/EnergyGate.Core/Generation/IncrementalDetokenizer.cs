using System.Buffers;
using System.Text.Unicode;

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
/// <para>A tokenizer whose decoding is its tokens' bytes concatenated (<see cref="ITokenByteSource"/>:
/// byte-level BPE) needs no window: each token's text is decoded once, a cached string when its bytes
/// are complete UTF-8, and only a character cut between tokens goes through a small byte carry. The text
/// is then exactly <see cref="ITextTokenizer.Decode"/> of the generated ids, and no time per token
/// depends on the text's length (the windowed path decodes two short windows per token).</para>
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
    private readonly ITokenByteSource? _bytes;   // non-null: the byte path, no windows
    private byte[] _carry = new byte[64];       // bytes of a character cut between tokens, then the next token's
    private int _carried;
    private char[] _chars = new char[64];

    /// <summary>Starts after <paramref name="promptIds"/>; the prompt's own text is never part of <see cref="Text"/>.</summary>
    public IncrementalDetokenizer(ITextTokenizer tokenizer, IReadOnlyList<int> promptIds)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(promptIds);
        _tokenizer = tokenizer;
        if (tokenizer is ITokenByteSource { DecodesTokenBytes: true } bytes)
        {
            // The prompt's bytes never reach the text; a character is never split between prompt and completion
            // by a byte-level tokenizer's own encoding.
            _bytes = bytes;
            _ids = [];
            return;
        }
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
        if (_bytes is not null)
            return AppendBytes(tokenId);
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
        if (_bytes is not null)
            return FlushBytes();
        if (_readOffset == _count)
            return string.Empty;
        var window = DecodeWindow(_prefixOffset, _count);
        var released = Release(window, window.Length);
        _prefixOffset = _readOffset = _count;
        _prefixLength = _released = 0;
        return released;
    }

    private string AppendBytes(int tokenId)
    {
        if (_carried == 0 && _bytes!.TokenText(tokenId) is { } whole)
        {
            // The common case: a complete token, decoded once for the tokenizer's lifetime.
            if (whole.Length > 0)
                _text.Append(whole);
            return whole;
        }
        var bytes = _bytes!.TokenBytes(tokenId);
        if (_carried + bytes.Length > _carry.Length)
            Array.Resize(ref _carry, Math.Max(_carry.Length * 2, _carried + bytes.Length));
        bytes.CopyTo(_carry.AsSpan(_carried));
        return ReleaseBytes(_carried + bytes.Length, isFinalBlock: false);
    }

    private string FlushBytes() => _carried == 0 ? string.Empty : ReleaseBytes(_carried, isFinalBlock: true);

    // Decodes _carry[..count]: invalid bytes become U+FFFD as in Decode; a cut character at the end
    // stays carried unless this is the final block.
    private string ReleaseBytes(int count, bool isFinalBlock)
    {
        if (_chars.Length < count)
            _chars = new char[Math.Max(_chars.Length * 2, count)];
        var status = Utf8.ToUtf16(_carry.AsSpan(0, count), _chars, out var read, out var written,
            replaceInvalidSequences: true, isFinalBlock);
        if (status is not (OperationStatus.Done or OperationStatus.NeedMoreData))
            throw new InvalidOperationException($"UTF-8 decoding of {count} token bytes stopped with {status}");
        _carry.AsSpan(read, count - read).CopyTo(_carry);
        _carried = count - read;
        if (written == 0)
            return string.Empty;
        var piece = new string(_chars, 0, written);
        _text.Append(piece);
        return piece;
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
