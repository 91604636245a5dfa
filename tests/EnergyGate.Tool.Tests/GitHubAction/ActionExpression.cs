using System.Globalization;
using System.Text;

namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>
/// The part of GitHub Actions' expression language action.yml uses, evaluated as the runner does:
/// literals ('text', true, false, null, numbers), context paths (inputs.x, steps.id.outputs.y,
/// steps.id.outcome, github.token), ==, != (strings compared ignoring case), !, &amp;&amp; and ||
/// (which return an operand, not a bool: <c>a || b</c> is a when a is truthy), parentheses and the
/// status functions always() and success(). Templates replace every <c>${{ }}</c> in a text.
/// </summary>
internal sealed class ActionExpression
{
    private static readonly string[] StatusFunctions = ["always()", "success()", "failure()", "cancelled()"];
    private readonly string _text;
    private readonly Func<string, object?> _context;
    private readonly Func<string, bool> _status;
    private int _at;

    private ActionExpression(string text, Func<string, object?> context, Func<string, bool> status) =>
        (_text, _context, _status) = (text, context, status);

    /// <summary>The value of one expression (without the <c>${{ }}</c>).</summary>
    public static object? Evaluate(string expression, Func<string, object?> context, Func<string, bool> status)
    {
        var parser = new ActionExpression(expression, context, status);
        var value = parser.Or();
        parser.Skip();
        return parser._at == expression.Length ? value : throw parser.Error("unexpected text");
    }

    /// <summary>A text with every <c>${{ expression }}</c> replaced by its value as a string.</summary>
    public static string Template(string text, Func<string, object?> context, Func<string, bool> status)
    {
        var result = new StringBuilder();
        var at = 0;
        while (text.IndexOf("${{", at, StringComparison.Ordinal) is var open and >= 0)
        {
            var close = text.IndexOf("}}", open, StringComparison.Ordinal);
            result.Append(text, at, open - at).Append(AsString(Evaluate(text[(open + 3)..close].Trim(), context, status)));
            at = close + 2;
        }
        return result.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>An <c>if:</c> condition; without a status function GitHub adds <c>success() &amp;&amp;</c>.</summary>
    public static bool Condition(string condition, Func<string, object?> context, Func<string, bool> status)
    {
        var expression = condition.Trim();
        if (expression.StartsWith("${{", StringComparison.Ordinal))
        {
            expression = expression[3..^2].Trim();
        }
        var hasStatus = StatusFunctions.Any(f => expression.Contains(f, StringComparison.Ordinal));
        return Truthy(Evaluate(hasStatus ? expression : $"success() && ({expression})", context, status));
    }

    public static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0,
        string s => s.Length > 0,
        _ => true,
    };

    public static string AsString(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => (string)value,
    };

    private object? Or()
    {
        var left = And();
        while (Take("||"))
        {
            var right = And();
            left = Truthy(left) ? left : right;
        }
        return left;
    }

    private object? And()
    {
        var left = Comparison();
        while (Take("&&"))
        {
            var right = Comparison();
            left = Truthy(left) ? right : left;
        }
        return left;
    }

    private object? Comparison()
    {
        var left = Unary();
        if (Take("=="))
        {
            return Same(left, Unary());
        }
        if (Take("!="))
        {
            return !Same(left, Unary());
        }
        return left;
    }

    private object? Unary() => Take("!") ? !Truthy(Unary()) : Primary();

    private object? Primary()
    {
        Skip();
        if (Take("("))
        {
            var inner = Or();
            return Take(")") ? inner : throw Error("')' expected");
        }
        if (_at < _text.Length && _text[_at] == '\'')
        {
            var value = new StringBuilder();
            for (_at++; ; _at++)
            {
                if (_at >= _text.Length)
                {
                    throw Error("unterminated string");
                }
                if (_text[_at] == '\'' && !(_at + 1 < _text.Length && _text[_at + 1] == '\''))
                {
                    _at++;
                    return value.ToString();
                }
                if (_text[_at] == '\'')
                {
                    _at++;
                }
                value.Append(_text[_at]);
            }
        }
        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '.' or '-' or '_' or '*'))
        {
            _at++;
        }
        var word = _text[start.._at];
        if (Take("()"))
        {
            return _status(word);
        }
        return word switch
        {
            "" => throw Error("a value expected"),
            "true" => true,
            "false" => false,
            "null" => null,
            _ when double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            _ => _context(word),
        };
    }

    /// <summary>GitHub compares strings ignoring case, and null as the empty string does where both become 0.</summary>
    private static bool Same(object? left, object? right) =>
        string.Equals(AsString(left), AsString(right), StringComparison.OrdinalIgnoreCase);

    private bool Take(string token)
    {
        Skip();
        if (string.CompareOrdinal(_text, _at, token, 0, token.Length) != 0)
        {
            return false;
        }
        _at += token.Length;
        return true;
    }

    private void Skip()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private FormatException Error(string what) => new($"expression '{_text}': {what} at {_at}");
}
