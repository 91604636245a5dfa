using System.Text;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Tests.Generation.Fakes;

/// <summary>
/// Byte-level like GPT-2: ids 0-255 are single bytes, so a multi-byte character spans tokens and a
/// cut one decodes to U+FFFD. Extra ids stand for multi-byte pieces ("\nde", "ab" + half an "é").
/// </summary>
public sealed class ByteTokenizer : ITextTokenizer, ITokenByteSource
{
    public const int Eos = 256;
    private readonly Dictionary<int, byte[]> _pieces = [];
    private int _nextId = 257;

    /// <summary>Mimics SentencePiece, which drops the space that starts a decoded run.</summary>
    public bool DropsLeadingSpace { get; init; }

    public IReadOnlyList<int> EndOfSequenceIds { get; init; } = [Eos];

    /// <summary>Offers its tokens' bytes (<see cref="ITokenByteSource"/>), as a byte-level BPE tokenizer does.</summary>
    public bool ExposesBytes { get; init; }

    public bool DecodesTokenBytes => ExposesBytes && !DropsLeadingSpace;

    public int DecodeCalls { get; private set; }

    public int TokenBytesCalls { get; private set; }

    public ReadOnlySpan<byte> TokenBytes(int id)
    {
        TokenBytesCalls++;
        return id < 256 ? new[] { (byte)id } : _pieces.TryGetValue(id, out var piece) ? piece : [];
    }

    public string? TokenText(int id)
    {
        var bytes = TokenBytes(id);
        return System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : null;
    }

    public int LongestDecode { get; private set; }

    /// <summary>Adds a token for <paramref name="text"/> and returns its id.</summary>
    public int AddPiece(string text) => AddPiece(Encoding.UTF8.GetBytes(text));

    public int AddPiece(byte[] bytes)
    {
        _pieces[_nextId] = bytes;
        return _nextId++;
    }

    public IReadOnlyList<int> Encode(string text) => [.. Encoding.UTF8.GetBytes(text).Select(b => (int)b)];

    public string Decode(IEnumerable<int> ids)
    {
        var bytes = new List<byte>();
        var count = 0;
        foreach (var id in ids)
        {
            count++;
            if (id < 256)
                bytes.Add((byte)id);
            else if (_pieces.TryGetValue(id, out var piece))
                bytes.AddRange(piece);
        }
        DecodeCalls++;
        LongestDecode = Math.Max(LongestDecode, count);
        var text = Encoding.UTF8.GetString([.. bytes]);
        return DropsLeadingSpace && text.StartsWith(' ') ? text[1..] : text;
    }

    /// <summary>The single-byte ids of <paramref name="text"/>.</summary>
    public static int[] Bytes(string text) => [.. Encoding.UTF8.GetBytes(text).Select(b => (int)b)];
}
