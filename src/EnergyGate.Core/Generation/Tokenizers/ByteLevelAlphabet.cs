using System.Text;

namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>
/// GPT-2's reversible byte-to-character map: printable bytes stand for themselves, the others borrow
/// characters from U+0100 on, so every byte string becomes a string of visible vocabulary characters.
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = BuildMap();
    private static readonly Dictionary<char, byte> CharToByte =
        Enumerable.Range(0, 256).ToDictionary(b => ByteToChar[b], b => (byte)b);

    /// <summary>The character GPT-2 uses for <paramref name="value"/>.</summary>
    public static char Map(byte value) => ByteToChar[value];

    public static string Encode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = ByteToChar[bytes[i]];
        }
        return new string(chars);
    }

    /// <summary>
    /// Appends the bytes <paramref name="token"/> stands for. A token with a character outside the map (an
    /// added token such as a run of spaces) contributes its own UTF-8 bytes, as the HF ByteLevel decoder does.
    /// </summary>
    public static void AppendBytes(string token, List<byte> into)
    {
        var start = into.Count;
        foreach (var c in token)
        {
            if (!CharToByte.TryGetValue(c, out var b))
            {
                into.RemoveRange(start, into.Count - start);
                into.AddRange(Encoding.UTF8.GetBytes(token));
                return;
            }
            into.Add(b);
        }
    }

    private static char[] BuildMap()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= 33 and <= 126 or >= 161 and <= 172 or >= 174 and <= 255;
            map[b] = printable ? (char)b : (char)next++;
        }
        return map;
    }
}
