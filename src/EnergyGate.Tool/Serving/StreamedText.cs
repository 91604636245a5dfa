using System.Text;

namespace EnergyGate.Tool.Serving;

/// <summary>
/// Decides how much of the generated text a stream may send yet. A stop string can span tokens and
/// the completion is cut before it, so text that is, or may become, the start of a stop string is
/// held back until the next token settles it; the streamed pieces then add up to exactly the
/// non-streamed completion.
/// </summary>
internal sealed class StreamedText(IReadOnlyList<string> stopStrings)
{
    private readonly StringBuilder _raw = new();
    private int _sent;

    /// <summary>Adds a token's released text and returns what may be sent now (often all of it; empty while held back).</summary>
    public string Append(string text)
    {
        _raw.Append(text);
        var tail = _raw.ToString(_sent, _raw.Length - _sent);
        var ready = SafeLength(tail);
        _sent += ready;
        return tail[..ready];
    }

    /// <summary>What is left to send once generation ended with <paramref name="completion"/> (the text cut before any stop string).</summary>
    public string Finish(string completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var rest = completion.Length > _sent ? completion[_sent..] : string.Empty;
        _sent = Math.Max(_sent, completion.Length);
        return rest;
    }

    /// <summary>Length of the prefix of <paramref name="tail"/> in which no stop string starts or may yet start.</summary>
    private int SafeLength(string tail)
    {
        if (stopStrings.Count == 0)
        {
            return tail.Length;
        }
        for (var i = 0; i < tail.Length; i++)
        {
            var rest = tail.AsSpan(i);
            foreach (var stop in stopStrings)
            {
                // A whole stop string here, or the tail being the beginning of one.
                var n = Math.Min(stop.Length, rest.Length);
                if (rest[..n].SequenceEqual(stop.AsSpan(0, n)))
                {
                    return i;
                }
            }
        }
        return tail.Length;
    }
}
