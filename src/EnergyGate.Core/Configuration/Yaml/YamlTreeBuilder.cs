using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EnergyGate.Core.Configuration.Yaml;

/// <summary>Reads one YAML document from YamlDotNet's event parser into <see cref="YamlNode"/>s.</summary>
internal sealed class YamlTreeBuilder
{
    /// <summary>
    /// Deepest nesting of sequences and mappings accepted. The builder recurses once per level, so
    /// 50,000 nested '[' overflowed the stack and killed the process; the schema's deepest keys
    /// (gate.overrides.CELL.METRIC) sit a few levels down, and 64 leaves room for future sections.
    /// </summary>
    public const int MaxDepth = 64;

    private readonly Parser parser;
    private readonly Dictionary<string, YamlNode> anchors = new(StringComparer.Ordinal);

    private YamlTreeBuilder(string text) => parser = new Parser(new StringReader(text));

    /// <summary>
    /// Returns the document's root, or null for an empty file. Syntax errors become a
    /// <see cref="ConfigError"/> with the position the parser stopped at.
    /// </summary>
    public static YamlNode? Build(string text, string fileName, out ConfigError? syntaxError)
    {
        var builder = new YamlTreeBuilder(text);
        syntaxError = null;
        try
        {
            return builder.ReadStream(fileName, ref syntaxError);
        }
        catch (NestingTooDeepException ex)
        {
            syntaxError = new ConfigError(fileName, (int)ex.At.Line, (int)ex.At.Column, "",
                $"YAML nests sequences and mappings more than {MaxDepth} levels deep here; energygate.yml's sections need only a few");
        }
        catch (YamlException ex)
        {
            syntaxError = new ConfigError(fileName, (int)ex.Start.Line, (int)ex.Start.Column, "", $"invalid YAML: {ex.Message}{ComparisonHint(text, ex.Start)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18.1's scanner throws this instead of a YamlException on some unterminated
            // flow collections ("a: [1"); the last event read is the best position we have.
            var at = builder.parser.Current?.Start ?? Mark.Empty;
            syntaxError = new ConfigError(fileName, (int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column), "",
                "invalid YAML: the parser could not continue after this point (an unclosed '[' or '{'?)");
        }
        return null;
    }

    /// <summary>
    /// An unquoted budget comparison (<c>pass@1: &gt;= 0.6</c>) starts a folded block scalar, which YAML
    /// then rejects with a message about block scalars; say what was meant and how to write it.
    /// </summary>
    private static string ComparisonHint(string text, Mark at)
    {
        var lines = text.Split('\n');
        var (line, column) = ((int)at.Line - 1, (int)at.Column - 1);
        return line >= 0 && line < lines.Length && column >= 0 && column < lines[line].Length
            && lines[line][column..].TrimStart().StartsWith(">=", StringComparison.Ordinal)
            ? "; a comparison such as >= 0.6 must be quoted: \">= 0.6\""
            : "";
    }

    private YamlNode? ReadStream(string fileName, ref ConfigError? error)
    {
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            return null;
        }
        parser.Consume<DocumentStart>();
        var root = ReadNode(0);
        parser.Consume<DocumentEnd>();
        if (parser.Accept<DocumentStart>(out var second))
        {
            error = new ConfigError(fileName, (int)second.Start.Line, (int)second.Start.Column, "",
                "expected a single YAML document, found a second one ('---')");
        }
        return root;
    }

    /// <param name="depth">Collections enclosing this node.</param>
    private YamlNode ReadNode(int depth)
    {
        var ev = parser.Consume<ParsingEvent>();
        var (line, column) = ((int)ev.Start.Line, (int)ev.Start.Column);
        if (ev is SequenceStart or MappingStart && depth >= MaxDepth)
        {
            throw new NestingTooDeepException(ev.Start);
        }
        YamlNode node;
        switch (ev)
        {
            case AnchorAlias alias:
                return anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new SemanticErrorException(alias.Start, alias.End, $"the alias *{alias.Value.Value} refers to no anchor defined before it");
            case Scalar scalar:
                var stringTagged = !scalar.Tag.IsEmpty && scalar.Tag.Value == "tag:yaml.org,2002:str";
                node = new YamlScalar(line, column, scalar.Value, scalar.Style, stringTagged);
                break;
            case SequenceStart:
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(depth + 1));
                }
                node = new YamlSequence(line, column, items);
                break;
            case MappingStart:
                var entries = new List<KeyValuePair<YamlNode, YamlNode>>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = ReadNode(depth + 1);
                    entries.Add(new(key, ReadNode(depth + 1)));
                }
                node = new YamlMapping(line, column, entries);
                break;
            default:
                throw new SemanticErrorException(ev.Start, ev.End, $"unexpected {ev.GetType().Name}");
        }
        if (ev is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            anchors[anchored.Anchor.Value] = node;
        }
        return node;
    }

    /// <summary>Where the collection one level too deep starts.</summary>
    private sealed class NestingTooDeepException(Mark at) : Exception
    {
        public Mark At { get; } = at;
    }
}
