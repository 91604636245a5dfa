using System.Text;
using System.Text.RegularExpressions;

namespace EnergyGate.Core.Scoring.Sanitizing;

/// <summary>
/// Turns an instruct model's chat answer into the program to test, following the rules of EvalPlus's
/// sanitizer (evalplus/sanitize.py): take the code out of the markdown answer, keep every import, keep
/// the entry point function and the top-level functions, classes and variables it reaches (transitively
/// by name), and drop everything else: test code, prints, asserts, <c>if __name__ == "__main__":</c> blocks.
/// <para>
/// Where we differ (documented in docs/configuration.md): EvalPlus finds the code as the longest run of
/// lines that Python's parser accepts and walks a tree-sitter syntax tree; the tool must not depend on a
/// Python parser, so this reads markdown fences (the fenced block that defines the entry point, else the
/// longest) and splits top-level statements by indentation, bracket depth and triple-quoted strings.
/// Name references are found lexically (identifiers outside strings and comments), which may keep a
/// definition EvalPlus would drop when a name only appears inside an f-string; it never drops one EvalPlus keeps.
/// </para>
/// </summary>
public static partial class ChatCompletionSanitizer
{
    private enum ChunkKind { Import, Definition, Other }

    private sealed record Chunk(ChunkKind Kind, string? Name, string Text);

    /// <summary>The sanitized program text (ends with a newline when not empty).</summary>
    public static string Sanitize(string answer, string entryPoint)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var code = ExtractCode(answer.Replace("\r\n", "\n", StringComparison.Ordinal), entryPoint);
        var chunks = SplitTopLevel(code);
        var definitions = chunks.Where(c => c.Kind == ChunkKind.Definition).ToList();
        var keep = Reachable(definitions, entryPoint);
        var sb = new StringBuilder();
        foreach (var chunk in chunks)
        {
            if (chunk.Kind == ChunkKind.Import || (chunk.Kind == ChunkKind.Definition && keep.Contains(chunk)))
            {
                sb.Append(chunk.Text.TrimEnd()).Append('\n');
            }
        }
        return sb.ToString();
    }

    /// <summary>The code of the answer: the fenced block defining the entry point, else the longest block, else the text itself.</summary>
    public static string ExtractCode(string answer, string entryPoint)
    {
        var blocks = new List<string>();
        var lines = answer.Split('\n');
        List<string>? current = null;
        var firstFence = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                if (firstFence < 0)
                {
                    firstFence = i;
                }
                if (current is null)
                {
                    current = [];
                }
                else
                {
                    blocks.Add(string.Join('\n', current));
                    current = null;
                }
            }
            else
            {
                current?.Add(lines[i]);
            }
        }
        if (current is not null)
        {
            // An unclosed fence: the answer ran out of tokens inside the code, or the prompt opened the fence
            // and the model's first "```" closes it. EvalPlus primes the answer with an opening fence, so text
            // before the first fence is code when it defines the entry point.
            var before = string.Join('\n', lines.Take(firstFence));
            blocks.Add(DefinesEntryPoint(before, entryPoint) ? before : string.Join('\n', current));
        }
        if (blocks.Count == 0)
        {
            return answer;
        }
        return blocks.FirstOrDefault(b => DefinesEntryPoint(b, entryPoint)) ?? blocks.OrderByDescending(b => b.Length).First();
    }

    private static bool DefinesEntryPoint(string code, string entryPoint) =>
        Regex.IsMatch(code, $@"^\s*(async\s+)?def\s+{Regex.Escape(entryPoint)}\s*\(", RegexOptions.Multiline, TimeSpan.FromSeconds(1));

    // Splits the code into top-level statements: a statement starts at a line with no indentation, outside
    // brackets and triple-quoted strings, that does not continue the previous one (else/elif/except/finally,
    // a closing bracket, a backslash continuation); decorators join the definition below them.
    private static List<Chunk> SplitTopLevel(string code)
    {
        var statements = new List<List<string>>();
        var depth = 0;
        string? openTriple = null;
        var continued = false;
        foreach (var line in code.Split('\n'))
        {
            var startsStatement = openTriple is null && depth == 0 && !continued && line.Length > 0
                && !char.IsWhiteSpace(line[0]) && line[0] != '#' && line[0] is not (')' or ']' or '}')
                && !ContinuationKeyword().IsMatch(line);
            if (startsStatement && !(statements.Count > 0 && statements[^1].Count > 0 && statements[^1].All(l => l.StartsWith('@') || l.Trim().Length == 0)
                                     && statements[^1].Any(l => l.StartsWith('@'))))
            {
                statements.Add([]);
            }
            if (statements.Count == 0)
            {
                statements.Add([]);
            }
            statements[^1].Add(line);
            (depth, openTriple, continued) = Scan(line, depth, openTriple);
        }
        return [.. statements.Select(Classify)];
    }

    private static Chunk Classify(List<string> lines)
    {
        var text = string.Join('\n', lines);
        var head = lines.FirstOrDefault(l => l.Length > 0 && !l.StartsWith('@') && !l.StartsWith('#')) ?? "";
        if (ImportLine().IsMatch(head))
        {
            return new Chunk(ChunkKind.Import, null, text);
        }
        var definition = DefinitionLine().Match(head);
        if (definition.Success)
        {
            return new Chunk(ChunkKind.Definition, definition.Groups["name"].Value, text);
        }
        var assignment = AssignmentLine().Match(head);
        return assignment.Success
            ? new Chunk(ChunkKind.Definition, assignment.Groups["name"].Value, text)
            : new Chunk(ChunkKind.Other, null, text);
    }

    private static HashSet<Chunk> Reachable(List<Chunk> definitions, string entryPoint)
    {
        var byName = new Dictionary<string, List<Chunk>>(StringComparer.Ordinal);
        foreach (var d in definitions)
        {
            if (!byName.TryGetValue(d.Name!, out var list))
            {
                byName[d.Name!] = list = [];
            }
            list.Add(d);
        }
        if (!byName.ContainsKey(entryPoint))
        {
            // EvalPlus keeps nothing but imports when the entry point is missing; the test then fails with a
            // NameError that says so, which is the honest outcome.
            return [];
        }
        var keep = new HashSet<Chunk>();
        var queue = new Queue<string>([entryPoint]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { entryPoint };
        while (queue.Count > 0)
        {
            foreach (var chunk in byName[queue.Dequeue()])
            {
                keep.Add(chunk);
                foreach (var name in Identifiers(chunk.Text))
                {
                    if (byName.ContainsKey(name) && seen.Add(name))
                    {
                        queue.Enqueue(name);
                    }
                }
            }
        }
        return keep;
    }

    // Identifiers outside string literals and comments.
    private static List<string> Identifiers(string code)
    {
        var names = new List<string>();
        string? openTriple = null;
        foreach (var line in code.Split('\n'))
        {
            var stripped = new StringBuilder();
            var i = 0;
            while (i < line.Length)
            {
                if (openTriple is not null)
                {
                    var end = line.IndexOf(openTriple, i, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        i = line.Length;
                        break;
                    }
                    i = end + 3;
                    openTriple = null;
                    continue;
                }
                var c = line[i];
                if (c == '#')
                {
                    break;
                }
                if (c is '"' or '\'')
                {
                    if (i + 2 < line.Length && line[i + 1] == c && line[i + 2] == c)
                    {
                        openTriple = new string(c, 3);
                        i += 3;
                        continue;
                    }
                    i = SkipString(line, i);
                    stripped.Append(' ');
                    continue;
                }
                stripped.Append(c);
                i++;
            }
            names.AddRange(Identifier().Matches(stripped.ToString()).Select(m => m.Value));
        }
        return names;
    }

    private static int SkipString(string line, int start)
    {
        var quote = line[start];
        var i = start + 1;
        while (i < line.Length && line[i] != quote)
        {
            i += line[i] == '\\' ? 2 : 1;
        }
        return Math.Min(i + 1, line.Length);
    }

    // Bracket depth, open triple-quoted string and backslash continuation after a line.
    private static (int Depth, string? OpenTriple, bool Continued) Scan(string line, int depth, string? openTriple)
    {
        var i = 0;
        while (i < line.Length)
        {
            if (openTriple is not null)
            {
                var end = line.IndexOf(openTriple, i, StringComparison.Ordinal);
                if (end < 0)
                {
                    return (depth, openTriple, false);
                }
                i = end + 3;
                openTriple = null;
                continue;
            }
            var c = line[i];
            switch (c)
            {
                case '#':
                    return (depth, null, false);
                case '"' or '\'':
                    if (i + 2 < line.Length && line[i + 1] == c && line[i + 2] == c)
                    {
                        openTriple = new string(c, 3);
                        i += 3;
                        continue;
                    }
                    i = SkipString(line, i);
                    continue;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
            i++;
        }
        return (depth, openTriple, openTriple is null && line.EndsWith('\\'));
    }

    [GeneratedRegex(@"^(else|elif|except|finally)\b")]
    private static partial Regex ContinuationKeyword();

    [GeneratedRegex(@"^(import\s|from\s+\S+\s+import\s)")]
    private static partial Regex ImportLine();

    [GeneratedRegex(@"^(async\s+def|def|class)\s+(?<name>[A-Za-z_]\w*)")]
    private static partial Regex DefinitionLine();

    [GeneratedRegex(@"^(?<name>[A-Za-z_]\w*)\s*(:[^=]*)?=(?!=)")]
    private static partial Regex AssignmentLine();

    [GeneratedRegex(@"[A-Za-z_]\w*")]
    private static partial Regex Identifier();
}
