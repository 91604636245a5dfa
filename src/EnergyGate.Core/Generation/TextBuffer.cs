namespace EnergyGate.Core.Generation;

/// <summary>A growable char array: unlike StringBuilder it hands out one contiguous span without copying.</summary>
internal sealed class TextBuffer
{
    private char[] _chars = new char[256];
    private int _length;

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, _length);

    public void Append(string text)
    {
        if (_length + text.Length > _chars.Length)
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + text.Length));
        text.CopyTo(0, _chars, _length, text.Length);
        _length += text.Length;
    }
}
