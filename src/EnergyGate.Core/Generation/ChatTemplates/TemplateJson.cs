using System.Globalization;
using System.Text;

namespace EnergyGate.Core.Generation.ChatTemplates;

/// <summary>
/// The <c>tojson</c> filter as transformers defines it: Python's
/// <c>json.dumps(x, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sort_keys)</c>
/// (no HTML escaping, unlike jinja2's built-in tojson).
/// </summary>
internal static class TemplateJson
{
    public static string Dumps(object? value, string? indent, string? itemSeparator, string? keySeparator, bool sortKeys)
    {
        var sb = new StringBuilder();
        Write(sb, value, indent, itemSeparator ?? (indent is null ? ", " : ","), keySeparator ?? ": ", sortKeys, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, string? indent, string itemSep, string keySep, bool sortKeys, int level)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : TemplateValues.FormatFloat(d));
                break;
            case string s:
                WriteString(sb, s);
                break;
            case List<object?> list:
                WriteContainer(sb, '[', ']', list.Count, indent, itemSep, level, i =>
                    Write(sb, list[i], indent, itemSep, keySep, sortKeys, level + 1));
                break;
            case OrderedDictionary<string, object?> dict:
                var entries = sortKeys ? [.. dict.OrderBy(kv => kv.Key, StringComparer.Ordinal)] : dict.ToList();
                WriteContainer(sb, '{', '}', entries.Count, indent, itemSep, level, i =>
                {
                    WriteString(sb, entries[i].Key);
                    sb.Append(keySep);
                    Write(sb, entries[i].Value, indent, itemSep, keySep, sortKeys, level + 1);
                });
                break;
            default:
                throw new TemplateRuntimeException($"tojson: object of type {TemplateValues.TypeName(value)} is not JSON serializable");
        }
    }

    private static void WriteContainer(StringBuilder sb, char open, char close, int count, string? indent, string itemSep, int level, Action<int> writeItem)
    {
        if (count == 0)
        {
            sb.Append(open).Append(close);
            return;
        }
        sb.Append(open);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(itemSep);
            }
            if (indent is not null)
            {
                sb.Append('\n');
                for (var k = 0; k <= level; k++)
                {
                    sb.Append(indent);
                }
            }
            writeItem(i);
        }
        if (indent is not null)
        {
            sb.Append('\n');
            for (var k = 0; k < level; k++)
            {
                sb.Append(indent);
            }
        }
        sb.Append(close);
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }
}
