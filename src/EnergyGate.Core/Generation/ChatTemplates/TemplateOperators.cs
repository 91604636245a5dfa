using System.Text;

namespace EnergyGate.Core.Generation.ChatTemplates;

/// <summary>Binary operators with Python's semantics (jinja2 evaluates them in Python).</summary>
internal static class TemplateOperators
{
    public static TemplateRuntimeException Unsupported(string op, object? a, object? b = null)
    {
        if (a is Undefined ua)
        {
            return new TemplateRuntimeException($"'{ua.Name}' is undefined");
        }
        if (b is Undefined ub)
        {
            return new TemplateRuntimeException($"'{ub.Name}' is undefined");
        }
        return new TemplateRuntimeException(b is null && op.StartsWith("unary", StringComparison.Ordinal)
            ? $"bad operand type for {op}: '{TemplateValues.TypeName(a)}'"
            : $"unsupported operand types for {op}: '{TemplateValues.TypeName(a)}' and '{TemplateValues.TypeName(b)}'");
    }

    public static object? Apply(string op, object? a, object? b)
    {
        switch (op)
        {
            case "==": return TemplateValues.PyEquals(a, b);
            case "!=": return !TemplateValues.PyEquals(a, b);
            case "<": return Compare(op, a, b) < 0;
            case ">": return Compare(op, a, b) > 0;
            case "<=": return Compare(op, a, b) <= 0;
            case ">=": return Compare(op, a, b) >= 0;
            case "in": return Contains(b, a);
            case "not in": return !Contains(b, a);
            case "~": return TemplateValues.ToStr(a) + TemplateValues.ToStr(b);
            case "+": return Add(a, b);
            case "*": return Multiply(a, b);
            default: return Arithmetic(op, a, b);
        }
    }

    private static int Compare(string op, object? a, object? b)
    {
        if (TemplateValues.IsNumber(a) && TemplateValues.IsNumber(b))
        {
            return TemplateValues.ToDouble(a).CompareTo(TemplateValues.ToDouble(b));
        }
        if (a is string x && b is string y)
        {
            return Math.Sign(string.CompareOrdinal(x, y));
        }
        throw new TemplateRuntimeException(a is Undefined || b is Undefined
            ? Unsupported(op, a, b).Message
            : $"'{op}' not supported between instances of '{TemplateValues.TypeName(a)}' and '{TemplateValues.TypeName(b)}'");
    }

    public static bool Contains(object? container, object? item) => container switch
    {
        string s when item is string sub => s.Contains(sub, StringComparison.Ordinal),
        string => throw new TemplateRuntimeException($"'in <string>' requires string as left operand, not {TemplateValues.TypeName(item)}"),
        List<object?> list => list.Any(x => TemplateValues.PyEquals(x, item)),
        OrderedDictionary<string, object?> dict => item is string key && dict.ContainsKey(key),
        Namespace ns => item is string key && ns.Attributes.ContainsKey(key),
        Undefined => false,
        _ => throw new TemplateRuntimeException($"argument of type '{TemplateValues.TypeName(container)}' is not iterable"),
    };

    private static object? Add(object? a, object? b)
    {
        if (a is string x && b is string y)
        {
            return x + y;
        }
        if (a is List<object?> la && b is List<object?> lb)
        {
            return la.Concat(lb).ToList();
        }
        return Arithmetic("+", a, b);
    }

    private static object? Multiply(object? a, object? b)
    {
        if (a is string s && b is long or bool)
        {
            return Repeat(s, TemplateValues.ToLong(b));
        }
        if (b is string t && a is long or bool)
        {
            return Repeat(t, TemplateValues.ToLong(a));
        }
        if (a is List<object?> list && b is long times)
        {
            var result = new List<object?>();
            for (var i = 0; i < times; i++)
            {
                result.AddRange(list);
            }
            return result;
        }
        return Arithmetic("*", a, b);
    }

    private static string Repeat(string s, long times)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < times; i++)
        {
            sb.Append(s);
        }
        return sb.ToString();
    }

    private static object? Arithmetic(string op, object? a, object? b)
    {
        if (!TemplateValues.IsNumber(a) || !TemplateValues.IsNumber(b))
        {
            if (op == "%" && a is string)
            {
                throw new TemplateRuntimeException("printf-style string formatting with '%' is not supported by EnergyGate's chat template renderer");
            }
            throw Unsupported(op, a, b);
        }
        if (op == "/")
        {
            var divisor = TemplateValues.ToDouble(b);
            return divisor == 0 ? throw new TemplateRuntimeException("division by zero") : TemplateValues.ToDouble(a) / divisor;
        }
        if (a is double || b is double)
        {
            var x = TemplateValues.ToDouble(a);
            var y = TemplateValues.ToDouble(b);
            return op switch
            {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                "//" => y == 0 ? throw new TemplateRuntimeException("float floor division by zero") : Math.Floor(x / y),
                "%" => y == 0 ? throw new TemplateRuntimeException("float modulo") : x - (y * Math.Floor(x / y)),
                "**" => Math.Pow(x, y),
                _ => throw new TemplateRuntimeException($"unknown operator {op}"),
            };
        }
        var m = TemplateValues.ToLong(a);
        var n = TemplateValues.ToLong(b);
        switch (op)
        {
            case "+": return m + n;
            case "-": return m - n;
            case "*": return m * n;
            case "//":
            case "%":
                if (n == 0)
                {
                    throw new TemplateRuntimeException("integer division or modulo by zero");
                }
                // Python floors toward negative infinity; C# truncates toward zero.
                var quotient = m / n;
                var remainder = m % n;
                if (remainder != 0 && (remainder < 0) != (n < 0))
                {
                    quotient--;
                    remainder += n;
                }
                return op == "//" ? quotient : remainder;
            case "**":
                return n >= 0 ? (object)(long)Math.Pow(m, n) : Math.Pow(m, n);
            default:
                throw new TemplateRuntimeException($"unknown operator {op}");
        }
    }
}
