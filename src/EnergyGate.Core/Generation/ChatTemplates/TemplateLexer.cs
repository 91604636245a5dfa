using System.Globalization;
using System.Text;

namespace EnergyGate.Core.Generation.ChatTemplates;

internal enum ChunkKind { Text, Output, Statement }

/// <summary>One piece of a template: literal text, a <c>{{ }}</c> expression or a <c>{% %}</c> statement.</summary>
internal sealed record TemplateChunk(ChunkKind Kind, string Text, IReadOnlyList<ExprToken> Tokens, int Line, int Column);

internal enum ExprTokenKind { Name, String, Integer, Float, Operator, End }

internal sealed record ExprToken(ExprTokenKind Kind, string Value, int Line, int Column)
{
    public bool Is(string op) => Kind == ExprTokenKind.Operator && Value == op;

    public bool IsName(string name) => Kind == ExprTokenKind.Name && Value == name;
}

/// <summary>
/// Splits a template into text, output and statement chunks the way jinja2's lexer does with the
/// settings Hugging Face transformers uses: trim_blocks (the first newline after a block or comment tag
/// is dropped), lstrip_blocks (spaces and tabs before a block or comment tag at the start of a line are
/// dropped), <c>-</c> strips all whitespace on that side, <c>+</c> keeps it, and keep_trailing_newline
/// is off (one trailing newline of the template is dropped).
/// </summary>
internal sealed class TemplateLexer
{
    private readonly string _source;
    private readonly string _name;
    private readonly int[] _lineStarts;

    private TemplateLexer(string source, string name)
    {
        _source = source;
        _name = name;
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }
        _lineStarts = [.. starts];
    }

    public static List<TemplateChunk> Tokenize(string source, string name)
    {
        // jinja2 normalises \r\n to \n before lexing; then drops one trailing newline (keep_trailing_newline=False).
        var normalized = source.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (normalized.EndsWith('\n'))
        {
            normalized = normalized[..^1];
        }
        return new TemplateLexer(normalized, name).Run();
    }

    private ChatTemplateException Error(int offset, string problem)
    {
        var (line, column) = Position(offset);
        return new ChatTemplateException(_name, line, column, problem);
    }

    private (int Line, int Column) Position(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }
        return (index + 1, offset - _lineStarts[index] + 1);
    }

    private List<TemplateChunk> Run()
    {
        var chunks = new List<TemplateChunk>();
        var pos = 0;
        var lineStarting = true;
        while (pos <= _source.Length)
        {
            var open = FindOpener(pos);
            var textEnd = open < 0 ? _source.Length : open;
            var text = _source[pos..textEnd];
            var textStart = pos;
            if (open < 0)
            {
                AddText(chunks, text, textStart);
                break;
            }
            var kind = _source[open + 1];
            var marker = open + 2 < _source.Length ? _source[open + 2] : '\0';
            if (marker == '-')
            {
                text = text.TrimEnd();
            }
            else if (marker != '+' && kind != '{')
            {
                var lineStart = text.LastIndexOf('\n') + 1;
                if ((lineStart > 0 || lineStarting) && lineStart < text.Length && IsSpaceOnly(text, lineStart))
                {
                    text = text[..lineStart];
                }
            }
            AddText(chunks, text, textStart);
            var contentStart = open + 2 + (marker is '-' or '+' ? 1 : 0);
            int after;
            bool stripAfter;
            if (kind == '#')
            {
                var close = _source.IndexOf("#}", contentStart, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw Error(open, "comment '{#' is never closed with '#}'");
                }
                stripAfter = close > contentStart && _source[close - 1] == '-';
                after = close + 2;
                if (!stripAfter && after < _source.Length && _source[after] == '\n')
                {
                    after++;
                }
            }
            else
            {
                var tokens = new List<ExprToken>();
                after = ScanTag(contentStart, kind == '%', tokens, out stripAfter, open);
                var (line, column) = Position(open);
                chunks.Add(new TemplateChunk(kind == '%' ? ChunkKind.Statement : ChunkKind.Output, "", tokens, line, column));
            }
            var consumedEnd = after;
            if (stripAfter)
            {
                while (consumedEnd < _source.Length && char.IsWhiteSpace(_source[consumedEnd]))
                {
                    consumedEnd++;
                }
            }
            lineStarting = consumedEnd > 0 && _source[consumedEnd - 1] == '\n';
            pos = consumedEnd;
        }
        return chunks;
    }

    private static bool IsSpaceOnly(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    private void AddText(List<TemplateChunk> chunks, string text, int offset)
    {
        if (text.Length > 0)
        {
            var (line, column) = Position(offset);
            chunks.Add(new TemplateChunk(ChunkKind.Text, text, [], line, column));
        }
    }

    private int FindOpener(int from)
    {
        for (var i = from; i < _source.Length - 1; i++)
        {
            if (_source[i] == '{' && _source[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }
        return -1;
    }

    // Reads expression tokens up to the tag's closing marker; returns the offset just after it
    // (after trim_blocks' newline for statements).
    private int ScanTag(int pos, bool statement, List<ExprToken> tokens, out bool stripAfter, int open)
    {
        var depth = 0;
        while (true)
        {
            while (pos < _source.Length && char.IsWhiteSpace(_source[pos]))
            {
                pos++;
            }
            if (pos >= _source.Length)
            {
                throw Error(open, statement ? "statement '{%' is never closed with '%}'" : "expression '{{' is never closed with '}}'");
            }
            var closer = statement ? "%}" : "}}";
            if (depth == 0 || statement)
            {
                if (_source[pos] == '-' && string.CompareOrdinal(_source, pos + 1, closer, 0, 2) == 0)
                {
                    stripAfter = true;
                    AddEnd(tokens, pos);
                    return pos + 3;
                }
                if (string.CompareOrdinal(_source, pos, closer, 0, 2) == 0 && (statement || depth == 0))
                {
                    stripAfter = false;
                    AddEnd(tokens, pos);
                    var after = pos + 2;
                    if (statement && after < _source.Length && _source[after] == '\n')
                    {
                        after++;
                    }
                    return after;
                }
            }
            var c = _source[pos];
            var (line, column) = Position(pos);
            if (char.IsLetter(c) || c == '_')
            {
                var start = pos;
                while (pos < _source.Length && (char.IsLetterOrDigit(_source[pos]) || _source[pos] == '_'))
                {
                    pos++;
                }
                tokens.Add(new ExprToken(ExprTokenKind.Name, _source[start..pos], line, column));
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = pos;
                while (pos < _source.Length && (char.IsAsciiDigit(_source[pos]) || _source[pos] == '_'))
                {
                    pos++;
                }
                var isFloat = false;
                if (pos + 1 < _source.Length && _source[pos] == '.' && char.IsAsciiDigit(_source[pos + 1]))
                {
                    isFloat = true;
                    pos++;
                    while (pos < _source.Length && char.IsAsciiDigit(_source[pos]))
                    {
                        pos++;
                    }
                }
                var digits = _source[start..pos].Replace("_", "", StringComparison.Ordinal);
                tokens.Add(new ExprToken(isFloat ? ExprTokenKind.Float : ExprTokenKind.Integer, digits, line, column));
            }
            else if (c is '\'' or '"')
            {
                pos = ReadString(pos, tokens, line, column);
            }
            else
            {
                var op = ReadOperator(pos);
                if (op is null)
                {
                    throw Error(pos, $"unexpected character '{c}' inside a tag");
                }
                depth += op switch { "(" or "[" or "{" => 1, ")" or "]" or "}" => -1, _ => 0 };
                tokens.Add(new ExprToken(ExprTokenKind.Operator, op, line, column));
                pos += op.Length;
            }
        }
    }

    private void AddEnd(List<ExprToken> tokens, int pos)
    {
        var (line, column) = Position(pos);
        tokens.Add(new ExprToken(ExprTokenKind.End, "", line, column));
    }

    private static readonly string[] Operators =
    [
        "//", "**", "==", "!=", "<=", ">=",
        "+", "-", "*", "/", "%", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "=",
    ];

    private string? ReadOperator(int pos)
    {
        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(_source, pos, op, 0, op.Length) == 0)
            {
                return op;
            }
        }
        return null;
    }

    // jinja2 decodes string literals like Python's unicode-escape codec.
    private int ReadString(int pos, List<ExprToken> tokens, int line, int column)
    {
        var quote = _source[pos];
        var sb = new StringBuilder();
        var i = pos + 1;
        while (true)
        {
            if (i >= _source.Length)
            {
                throw Error(pos, "string literal is never closed");
            }
            var c = _source[i];
            if (c == quote)
            {
                break;
            }
            if (c != '\\')
            {
                sb.Append(c);
                i++;
                continue;
            }
            if (i + 1 >= _source.Length)
            {
                throw Error(i, "string literal ends with a lone backslash");
            }
            var e = _source[i + 1];
            i += 2;
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case '0': sb.Append('\0'); break;
                case '\n': break;
                case 'x': sb.Append(ReadHex(ref i, 2)); break;
                case 'u': sb.Append(ReadHex(ref i, 4)); break;
                case 'U': sb.Append(ReadHex(ref i, 8)); break;
                default: sb.Append('\\').Append(e); break;
            }
        }
        tokens.Add(new ExprToken(ExprTokenKind.String, sb.ToString(), line, column));
        return i + 1;
    }

    private string ReadHex(ref int i, int digits)
    {
        if (i + digits > _source.Length
            || !int.TryParse(_source.AsSpan(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            throw Error(i, $"escape needs {digits} hexadecimal digits");
        }
        i += digits;
        return char.ConvertFromUtf32(code);
    }
}
