using System.Globalization;
using System.Text;

namespace EnergyGate.Core.Generation.ChatTemplates;

/// <summary>
/// Attribute/item access, iteration, filters, tests and string/dict methods, each as jinja2 and Python
/// define them. What is not here is reported by name as unsupported rather than guessed.
/// </summary>
internal static class TemplateBuiltins
{
    public static List<object?> Iterate(object? value) => value switch
    {
        List<object?> list => list,
        OrderedDictionary<string, object?> dict => dict.Keys.Cast<object?>().ToList(),
        string s => Runes(s).Select(r => (object?)r).ToList(),
        Undefined => [],
        _ => throw new TemplateRuntimeException($"'{TemplateValues.TypeName(value)}' object is not iterable"),
    };

    private static List<string> Runes(string s) => s.EnumerateRunes().Select(r => r.ToString()).ToList();

    public static object? GetAttribute(object? target, string name)
    {
        switch (target)
        {
            case Undefined u:
                throw new TemplateRuntimeException($"'{u.Name}' is undefined (reading its attribute '{name}')");
            case OrderedDictionary<string, object?> dict:
                return (object?)DictMethod(dict, name) ?? (dict.TryGetValue(name, out var value) ? value : new Undefined(name));
            case string s:
                return (object?)StringMethod(s, name) ?? new Undefined(name);
            case Namespace ns:
                return ns.Attributes.TryGetValue(name, out var attribute) ? attribute : new Undefined(name);
            case LoopInfo loop:
                return loop.Get(name);
            default:
                return new Undefined(name);
        }
    }

    public static object? GetItem(object? target, object? key)
    {
        switch (target)
        {
            case Undefined u:
                throw new TemplateRuntimeException($"'{u.Name}' is undefined (reading its item [{TemplateValues.Repr(key)}])");
            case List<object?> list when key is long or bool:
                var index = TemplateValues.ToLong(key);
                if (index < 0)
                {
                    index += list.Count;
                }
                return index >= 0 && index < list.Count ? list[(int)index] : new Undefined($"[{TemplateValues.Repr(key)}]");
            case string s when key is long or bool:
                var runes = Runes(s);
                var at = TemplateValues.ToLong(key);
                if (at < 0)
                {
                    at += runes.Count;
                }
                return at >= 0 && at < runes.Count ? runes[(int)at] : new Undefined($"[{TemplateValues.Repr(key)}]");
            case OrderedDictionary<string, object?> dict when key is string k:
                return dict.TryGetValue(k, out var value) ? value : (object?)DictMethod(dict, k) ?? new Undefined(k);
            default:
                return key is string name ? GetAttribute(target, name) : new Undefined($"[{TemplateValues.Repr(key)}]");
        }
    }

    public static object? Slice(object? target, object? start, object? stop, object? step)
    {
        List<object?> items;
        var isString = false;
        switch (target)
        {
            case List<object?> list:
                items = list;
                break;
            case string s:
                items = Runes(s).Cast<object?>().ToList();
                isString = true;
                break;
            case Undefined u:
                throw new TemplateRuntimeException($"'{u.Name}' is undefined (slicing it)");
            default:
                throw new TemplateRuntimeException($"'{TemplateValues.TypeName(target)}' object is not subscriptable");
        }
        long Index(object? v, string what) => v switch
        {
            long or bool => TemplateValues.ToLong(v),
            _ => throw new TemplateRuntimeException($"slice {what} must be an integer or none"),
        };
        var n = (long)items.Count;
        var stride = step is null ? 1 : Index(step, "step");
        if (stride == 0)
        {
            throw new TemplateRuntimeException("slice step cannot be zero");
        }
        long Clamp(object? v, long fallback)
        {
            if (v is null)
            {
                return fallback;
            }
            var i = Index(v, "bound");
            if (i < 0)
            {
                i += n;
            }
            return stride > 0 ? Math.Clamp(i, 0, n) : Math.Clamp(i, -1, n - 1);
        }
        var from = Clamp(start, stride > 0 ? 0 : n - 1);
        var to = Clamp(stop, stride > 0 ? n : -1);
        var result = new List<object?>();
        for (var i = from; stride > 0 ? i < to : i > to; i += stride)
        {
            result.Add(items[(int)i]);
        }
        return isString ? string.Concat(result.Cast<string>()) : result;
    }

    // ---- methods ----

    private static TemplateFunction? DictMethod(OrderedDictionary<string, object?> dict, string name) => name switch
    {
        "items" => (_, _) => dict.Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList(),
        "keys" => (_, _) => dict.Keys.Cast<object?>().ToList(),
        "values" => (_, _) => dict.Values.ToList(),
        "get" => (args, _) => args.Count > 0 && args[0] is string key && dict.TryGetValue(key, out var v) ? v : args.Count > 1 ? args[1] : null,
        _ => null,
    };

    private static TemplateFunction? StringMethod(string s, string name) => name switch
    {
        "strip" => (args, _) => Strip(s, Arg(args, 0), true, true),
        "lstrip" => (args, _) => Strip(s, Arg(args, 0), true, false),
        "rstrip" => (args, _) => Strip(s, Arg(args, 0), false, true),
        "upper" => (_, _) => s.ToUpperInvariant(),
        "lower" => (_, _) => s.ToLowerInvariant(),
        "title" => (_, _) => Title(s),
        "capitalize" => (_, _) => Capitalize(s),
        "startswith" => (args, _) => Affix(s, Arg(args, 0), "startswith", (x, p) => x.StartsWith(p, StringComparison.Ordinal)),
        "endswith" => (args, _) => Affix(s, Arg(args, 0), "endswith", (x, p) => x.EndsWith(p, StringComparison.Ordinal)),
        "replace" => (args, _) => Replace(s, args),
        "split" => (args, kwargs) => Split(s, args.Count > 0 ? args[0] : kwargs.GetValueOrDefault("sep"),
            args.Count > 1 ? args[1] : kwargs.GetValueOrDefault("maxsplit", -1L)),
        "find" => (args, _) => (long)s.IndexOf(RequireString(Arg(args, 0), "find"), StringComparison.Ordinal),
        "count" => (args, _) => (long)CountOccurrences(s, RequireString(Arg(args, 0), "count")),
        _ => null,
    };

    private static object? Arg(IReadOnlyList<object?> args, int index) => index < args.Count ? args[index] : null;

    private static string RequireString(object? value, string method) =>
        value as string ?? throw new TemplateRuntimeException($"{method}() needs a string argument, not {TemplateValues.TypeName(value)}");

    private static string Strip(string s, object? chars, bool left, bool right)
    {
        if (chars is null)
        {
            return left && right ? s.Trim() : left ? s.TrimStart() : s.TrimEnd();
        }
        var set = RequireString(chars, "strip").ToCharArray();
        return left && right ? s.Trim(set) : left ? s.TrimStart(set) : s.TrimEnd(set);
    }

    private static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previousCased = false;
        foreach (var c in s)
        {
            sb.Append(previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousCased = char.IsLetter(c);
        }
        return sb.ToString();
    }

    private static string Capitalize(string s) =>
        s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    private static bool Affix(string s, object? affix, string method, Func<string, string, bool> test) => affix switch
    {
        string p => test(s, p),
        List<object?> options => options.Any(o => test(s, RequireString(o, method))),
        _ => throw new TemplateRuntimeException($"{method}() needs a string or a tuple of strings, not {TemplateValues.TypeName(affix)}"),
    };

    private static string Replace(string s, IReadOnlyList<object?> args)
    {
        var old = RequireString(Arg(args, 0), "replace");
        var replacement = RequireString(Arg(args, 1), "replace");
        var count = args.Count > 2 ? TemplateValues.ToLong(args[2]) : -1;
        if (count < 0)
        {
            return old.Length == 0 ? InsertEverywhere(s, replacement) : s.Replace(old, replacement, StringComparison.Ordinal);
        }
        var sb = new StringBuilder();
        var pos = 0;
        for (var done = 0; done < count; done++)
        {
            var at = s.IndexOf(old, pos, StringComparison.Ordinal);
            if (at < 0 || old.Length == 0)
            {
                break;
            }
            sb.Append(s, pos, at - pos).Append(replacement);
            pos = at + old.Length;
        }
        return sb.Append(s, pos, s.Length - pos).ToString();
    }

    private static string InsertEverywhere(string s, string insert) =>
        insert + string.Concat(Runes(s).Select(r => r + insert));

    private static int CountOccurrences(string s, string sub)
    {
        if (sub.Length == 0)
        {
            return Runes(s).Count + 1;
        }
        var count = 0;
        for (var at = s.IndexOf(sub, StringComparison.Ordinal); at >= 0; at = s.IndexOf(sub, at + sub.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static List<object?> Split(string s, object? separator, object? maxSplit)
    {
        var limit = maxSplit is long l ? l : -1;
        var parts = new List<object?>();
        if (separator is null)
        {
            // Python's split(): runs of whitespace, no empty strings.
            var i = 0;
            while (i < s.Length)
            {
                while (i < s.Length && char.IsWhiteSpace(s[i]))
                {
                    i++;
                }
                if (i >= s.Length)
                {
                    break;
                }
                if (limit >= 0 && parts.Count == limit)
                {
                    parts.Add(s[i..].TrimEnd());
                    return parts;
                }
                var start = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i]))
                {
                    i++;
                }
                parts.Add(s[start..i]);
            }
            return parts;
        }
        var sep = RequireString(separator, "split");
        if (sep.Length == 0)
        {
            throw new TemplateRuntimeException("split(): empty separator");
        }
        var pos = 0;
        while (limit < 0 || parts.Count < limit)
        {
            var at = s.IndexOf(sep, pos, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }
            parts.Add(s[pos..at]);
            pos = at + sep.Length;
        }
        parts.Add(s[pos..]);
        return parts;
    }

    // ---- filters ----

    public static object? ApplyFilter(string name, object? value, List<object?> args, Dictionary<string, object?> kwargs, TemplateEvaluator evaluator)
    {
        _ = evaluator;
        object? Param(int index, string key, object? fallback) =>
            index < args.Count ? args[index] : kwargs.TryGetValue(key, out var v) ? v : fallback;
        switch (name)
        {
            case "trim":
                return Strip(TemplateValues.ToStr(value), Param(0, "chars", null), true, true);
            case "length":
            case "count":
                return value switch
                {
                    string s => (object)(long)Runes(s).Count,
                    List<object?> list => (long)list.Count,
                    OrderedDictionary<string, object?> dict => (long)dict.Count,
                    Undefined => 0L,
                    _ => throw new TemplateRuntimeException($"object of type '{TemplateValues.TypeName(value)}' has no len()"),
                };
            case "tojson":
                var indent = Param(0, "indent", null) switch
                {
                    null => null,
                    long n => new string(' ', (int)n),
                    string s => s,
                    var other => throw new TemplateRuntimeException($"tojson: indent must be an integer or a string, not {TemplateValues.TypeName(other)}"),
                };
                string? itemSep = null, keySep = null;
                if (kwargs.TryGetValue("separators", out var separators) && separators is List<object?> { Count: 2 } pair)
                {
                    itemSep = RequireString(pair[0], "tojson separators");
                    keySep = RequireString(pair[1], "tojson separators");
                }
                if (kwargs.TryGetValue("ensure_ascii", out var ascii) && TemplateValues.IsTrue(ascii))
                {
                    throw new TemplateRuntimeException("tojson(ensure_ascii=true) is not supported by EnergyGate's chat template renderer");
                }
                return TemplateJson.Dumps(value, indent, itemSep, keySep, TemplateValues.IsTrue(kwargs.GetValueOrDefault("sort_keys")));
            case "upper":
                return TemplateValues.ToStr(value).ToUpperInvariant();
            case "lower":
                return TemplateValues.ToStr(value).ToLowerInvariant();
            case "capitalize":
                return Capitalize(TemplateValues.ToStr(value));
            case "title":
                return Title(TemplateValues.ToStr(value));
            case "default":
            case "d":
                var boolean = TemplateValues.IsTrue(Param(1, "boolean", false));
                return value is Undefined || (boolean && !TemplateValues.IsTrue(value)) ? Param(0, "default_value", "") : value;
            case "join":
                var separator = TemplateValues.ToStr(Param(0, "d", ""));
                var attribute = Param(1, "attribute", null) as string;
                return string.Join(separator, Iterate(value).Select(item => TemplateValues.ToStr(attribute is null ? item : GetAttribute(item, attribute))));
            case "items":
                return value switch
                {
                    OrderedDictionary<string, object?> dict => dict.Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList(),
                    Undefined => new List<object?>(),
                    _ => throw new TemplateRuntimeException($"items: expected a mapping, got {TemplateValues.TypeName(value)}"),
                };
            case "selectattr":
            case "rejectattr":
                return SelectAttr(value, args, name == "selectattr");
            case "map":
                if (kwargs.TryGetValue("attribute", out var mapAttribute) && mapAttribute is string attr)
                {
                    return Iterate(value).Select(item => GetAttribute(item, attr) is Undefined && kwargs.TryGetValue("default", out var fallback) ? fallback : GetAttribute(item, attr)).ToList();
                }
                throw new TemplateRuntimeException("map: only map(attribute='name') is supported by EnergyGate's chat template renderer");
            case "string":
                return TemplateValues.ToStr(value);
            case "list":
                return Iterate(value).ToList();
            case "first":
                var firstItems = Iterate(value);
                return firstItems.Count > 0 ? firstItems[0] : new Undefined("first");
            case "last":
                var lastItems = Iterate(value);
                return lastItems.Count > 0 ? lastItems[^1] : new Undefined("last");
            case "reverse":
                var reversed = Iterate(value).ToList();
                reversed.Reverse();
                return value is string ? string.Concat(reversed.Cast<string>()) : reversed;
            case "replace":
                return Replace(TemplateValues.ToStr(value), args);
            case "int":
                return value switch
                {
                    long l => (object?)l,
                    bool b => b ? 1L : 0L,
                    double d => (long)Math.Truncate(d),
                    string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
                    _ => Param(0, "default", 0L),
                };
            case "float":
                return value switch
                {
                    long or double or bool => (object?)TemplateValues.ToDouble(value),
                    string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                    _ => Param(0, "default", 0.0),
                };
            case "abs":
                return value switch
                {
                    long l => (object)Math.Abs(l),
                    double d => Math.Abs(d),
                    _ => throw new TemplateRuntimeException($"bad operand type for abs(): '{TemplateValues.TypeName(value)}'"),
                };
            case "safe":
                return value;
            default:
                throw new TemplateRuntimeException($"the filter '{name}' is not supported by EnergyGate's chat template renderer");
        }
    }

    private static List<object?> SelectAttr(object? value, List<object?> args, bool select)
    {
        if (args.Count == 0 || args[0] is not string attribute)
        {
            throw new TemplateRuntimeException((select ? "selectattr" : "rejectattr") + " needs the attribute name as its first argument");
        }
        var testName = args.Count > 1 ? args[1] as string ?? throw new TemplateRuntimeException("the test name must be a string") : null;
        var testArgs = args.Skip(2).ToList();
        return Iterate(value).Where(item =>
        {
            var attributeValue = GetAttribute(item, attribute);
            var passed = testName is null ? TemplateValues.IsTrue(attributeValue) : ApplyTest(testName, attributeValue, testArgs);
            return passed == select;
        }).ToList();
    }

    // ---- tests ----

    public static bool ApplyTest(string name, object? value, List<object?> args)
    {
        object? First() => args.Count > 0 ? args[0] : throw new TemplateRuntimeException($"the test '{name}' needs an argument");
        return name switch
        {
            "defined" => value is not Undefined,
            "undefined" => value is Undefined,
            "none" => value is null,
            "string" => value is string,
            "number" => value is long or double,
            "integer" => value is long,
            "float" => value is double,
            "boolean" => value is bool,
            "true" => value is true,
            "false" => value is false,
            "mapping" => value is OrderedDictionary<string, object?>,
            "iterable" => value is string or List<object?> or OrderedDictionary<string, object?> or Undefined,
            "sequence" => value is string or List<object?> or OrderedDictionary<string, object?>,
            "callable" => value is TemplateFunction,
            "odd" => TemplateValues.ToLong(value) % 2 != 0,
            "even" => TemplateValues.ToLong(value) % 2 == 0,
            "divisibleby" => TemplateValues.ToLong(value) % TemplateValues.ToLong(First()) == 0,
            "eq" or "equalto" or "==" => TemplateValues.PyEquals(value, First()),
            "ne" or "!=" => !TemplateValues.PyEquals(value, First()),
            "in" => TemplateOperators.Contains(First(), value),
            "lower" => value is string s && string.Equals(s, s.ToLowerInvariant(), StringComparison.Ordinal),
            "upper" => value is string u && string.Equals(u, u.ToUpperInvariant(), StringComparison.Ordinal),
            "sameas" => value is null ? First() is null : ReferenceEquals(value, First()) || (value is bool b && First() is bool c && b == c),
            _ => throw new TemplateRuntimeException($"the test '{name}' is not supported by EnergyGate's chat template renderer"),
        };
    }
}
