using System.Globalization;

namespace EnergyGate.Core.Generation.ChatTemplates;

/// <summary>
/// Builds the syntax tree from the lexer's chunks, with jinja2's operator precedence (lowest first):
/// conditional, or, and, not, comparisons and <c>in</c>, <c>+ -</c>, <c>~</c>, <c>* / // %</c>, <c>**</c>,
/// unary minus, then primaries with attribute/item/call postfixes, filters (<c>|</c>) and tests (<c>is</c>).
/// Statements: if/elif/else, for (with <c>if</c> filter and <c>else</c>), set, break, continue. Anything
/// else (macro, call, block, include, set blocks, ...) is reported as unsupported with its position.
/// </summary>
internal sealed class TemplateParser
{
    private static readonly HashSet<string> UnsupportedStatements = new(StringComparer.Ordinal)
    {
        "macro", "call", "filter", "block", "extends", "include", "import", "from", "with", "raw", "generation", "autoescape", "do",
    };

    private readonly List<TemplateChunk> _chunks;
    private readonly string _name;
    private int _chunk;
    private IReadOnlyList<ExprToken> _tokens = [];
    private int _pos;

    private TemplateParser(List<TemplateChunk> chunks, string name)
    {
        _chunks = chunks;
        _name = name;
    }

    public static IReadOnlyList<Node> Parse(string source, string name)
    {
        var parser = new TemplateParser(TemplateLexer.Tokenize(source, name), name);
        var body = parser.ParseBody([], out var endTag);
        if (endTag is not null)
        {
            throw parser.Error(endTag, $"unexpected '{endTag.Value}' with no open block");
        }
        return body;
    }

    private ChatTemplateException Error(ExprToken token, string problem) => new(_name, token.Line, token.Column, problem);

    private ChatTemplateException Error(TemplateChunk chunk, string problem) => new(_name, chunk.Line, chunk.Column, problem);

    // Parses nodes until a statement whose keyword is in `ends` (returned as endTag, positioned after the
    // keyword) or the end of the template (endTag null).
    private List<Node> ParseBody(HashSet<string> ends, out ExprToken? endTag)
    {
        var nodes = new List<Node>();
        while (_chunk < _chunks.Count)
        {
            var chunk = _chunks[_chunk++];
            switch (chunk.Kind)
            {
                case ChunkKind.Text:
                    nodes.Add(new TextNode(chunk.Text, chunk.Line, chunk.Column));
                    break;
                case ChunkKind.Output:
                    Begin(chunk);
                    var value = ParseExpression();
                    ExpectEnd();
                    nodes.Add(new OutputNode(value, chunk.Line, chunk.Column));
                    break;
                default:
                    Begin(chunk);
                    var keyword = Current;
                    if (keyword.Kind != ExprTokenKind.Name)
                    {
                        throw Error(keyword.Kind == ExprTokenKind.End ? ToToken(chunk) : keyword, "a statement must start with a keyword such as 'if', 'for' or 'set'");
                    }
                    if (ends.Contains(keyword.Value))
                    {
                        _pos++;
                        endTag = keyword;
                        return nodes;
                    }
                    _pos++;
                    nodes.Add(ParseStatement(keyword));
                    break;
            }
        }
        endTag = null;
        return nodes;
    }

    private static ExprToken ToToken(TemplateChunk chunk) => new(ExprTokenKind.End, "", chunk.Line, chunk.Column);

    private void Begin(TemplateChunk chunk)
    {
        _tokens = chunk.Tokens;
        _pos = 0;
    }

    private ExprToken Current => _tokens[_pos];

    private ExprToken Peek(int ahead = 1) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private ExprToken Next() => _tokens[_pos++ < _tokens.Count - 1 ? _pos - 1 : _tokens.Count - 1];

    private void ExpectEnd()
    {
        if (Current.Kind != ExprTokenKind.End)
        {
            throw Error(Current, $"unexpected '{Current.Value}'; expected the end of the tag");
        }
    }

    private ExprToken Expect(string op)
    {
        if (!Current.Is(op))
        {
            throw Error(Current, $"expected '{op}' but found '{Describe(Current)}'");
        }
        return Next();
    }

    private string ExpectName()
    {
        if (Current.Kind != ExprTokenKind.Name)
        {
            throw Error(Current, $"expected a name but found '{Describe(Current)}'");
        }
        return Next().Value;
    }

    private static string Describe(ExprToken token) => token.Kind == ExprTokenKind.End ? "end of tag" : token.Value;

    private Node ParseStatement(ExprToken keyword)
    {
        switch (keyword.Value)
        {
            case "if":
                return ParseIf(keyword);
            case "for":
                return ParseFor(keyword);
            case "set":
                return ParseSet(keyword);
            case "break":
                ExpectEnd();
                return new BreakNode(keyword.Line, keyword.Column);
            case "continue":
                ExpectEnd();
                return new ContinueNode(keyword.Line, keyword.Column);
            case "elif" or "else" or "endif" or "endfor" or "endset" or "endmacro" or "endblock" or "endfilter" or "endcall" or "endgeneration":
                throw Error(keyword, $"unexpected '{keyword.Value}' with no open block");
            default:
                throw Error(keyword, UnsupportedStatements.Contains(keyword.Value)
                    ? $"the '{keyword.Value}' statement is not supported by EnergyGate's chat template renderer"
                    : $"unknown statement '{keyword.Value}'");
        }
    }

    private IfNode ParseIf(ExprToken keyword)
    {
        var branches = new List<(Expr, IReadOnlyList<Node>)>();
        IReadOnlyList<Node>? elseBody = null;
        var condition = ParseExpression();
        ExpectEnd();
        while (true)
        {
            var body = ParseBody(new HashSet<string>(StringComparer.Ordinal) { "elif", "else", "endif" }, out var end);
            branches.Add((condition, body));
            if (end is null)
            {
                throw Error(keyword, "'if' is never closed with 'endif'");
            }
            if (end.Value == "elif")
            {
                condition = ParseExpression();
                ExpectEnd();
                continue;
            }
            if (end.Value == "else")
            {
                ExpectEnd();
                elseBody = ParseBody(new HashSet<string>(StringComparer.Ordinal) { "endif" }, out var endIf);
                if (endIf is null)
                {
                    throw Error(keyword, "'if' is never closed with 'endif'");
                }
            }
            ExpectEnd();
            return new IfNode(branches, elseBody, keyword.Line, keyword.Column);
        }
    }

    private ForNode ParseFor(ExprToken keyword)
    {
        var targets = new List<string> { ExpectName() };
        while (Current.Is(","))
        {
            Next();
            targets.Add(ExpectName());
        }
        if (!Current.IsName("in"))
        {
            throw Error(Current, $"expected 'in' after the loop variable but found '{Describe(Current)}'");
        }
        Next();
        var iterable = ParseExpression(withCondition: false);
        Expr? filter = null;
        if (Current.IsName("if"))
        {
            Next();
            filter = ParseExpression(withCondition: false);
        }
        if (Current.IsName("recursive"))
        {
            throw Error(Current, "recursive loops are not supported by EnergyGate's chat template renderer");
        }
        ExpectEnd();
        var body = ParseBody(new HashSet<string>(StringComparer.Ordinal) { "else", "endfor" }, out var end);
        if (end is null)
        {
            throw Error(keyword, "'for' is never closed with 'endfor'");
        }
        IReadOnlyList<Node>? elseBody = null;
        if (end.Value == "else")
        {
            ExpectEnd();
            elseBody = ParseBody(new HashSet<string>(StringComparer.Ordinal) { "endfor" }, out var endFor);
            if (endFor is null)
            {
                throw Error(keyword, "'for' is never closed with 'endfor'");
            }
        }
        ExpectEnd();
        return new ForNode(targets, iterable, filter, body, elseBody, keyword.Line, keyword.Column);
    }

    private SetNode ParseSet(ExprToken keyword)
    {
        var name = ExpectName();
        string? attribute = null;
        if (Current.Is("."))
        {
            Next();
            attribute = ExpectName();
        }
        if (Current.Kind == ExprTokenKind.End)
        {
            throw Error(keyword, "block assignments ('{% set x %}...{% endset %}') are not supported by EnergyGate's chat template renderer");
        }
        if (Current.Is(","))
        {
            throw Error(Current, "tuple assignment in 'set' is not supported by EnergyGate's chat template renderer");
        }
        Expect("=");
        var value = ParseExpression();
        ExpectEnd();
        return new SetNode(name, attribute, value, keyword.Line, keyword.Column);
    }

    // ---- expressions ----

    private Expr ParseExpression(bool withCondition = true)
    {
        var expr = ParseOr();
        while (withCondition && Current.IsName("if"))
        {
            var token = Next();
            var condition = ParseOr();
            Expr? otherwise = null;
            if (Current.IsName("else"))
            {
                Next();
                otherwise = ParseExpression();
            }
            expr = new ConditionalExpr(condition, expr, otherwise, token.Line, token.Column);
        }
        return expr;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsName("or"))
        {
            var token = Next();
            left = new BinaryExpr("or", left, ParseAnd(), token.Line, token.Column);
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsName("and"))
        {
            var token = Next();
            left = new BinaryExpr("and", left, ParseNot(), token.Line, token.Column);
        }
        return left;
    }

    private Expr ParseNot()
    {
        if (Current.IsName("not"))
        {
            var token = Next();
            return new UnaryExpr("not", ParseNot(), token.Line, token.Column);
        }
        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        var left = ParseMath1();
        while (true)
        {
            var token = Current;
            string op;
            if (token.Kind == ExprTokenKind.Operator && token.Value is "==" or "!=" or "<" or ">" or "<=" or ">=")
            {
                op = token.Value;
                Next();
            }
            else if (token.IsName("in"))
            {
                op = "in";
                Next();
            }
            else if (token.IsName("not") && Peek().IsName("in"))
            {
                op = "not in";
                Next();
                Next();
            }
            else
            {
                return left;
            }
            left = new BinaryExpr(op, left, ParseMath1(), token.Line, token.Column);
        }
    }

    private Expr ParseMath1()
    {
        var left = ParseConcat();
        while (Current.Is("+") || Current.Is("-"))
        {
            var token = Next();
            left = new BinaryExpr(token.Value, left, ParseConcat(), token.Line, token.Column);
        }
        return left;
    }

    private Expr ParseConcat()
    {
        var left = ParseMath2();
        while (Current.Is("~"))
        {
            var token = Next();
            left = new BinaryExpr("~", left, ParseMath2(), token.Line, token.Column);
        }
        return left;
    }

    private Expr ParseMath2()
    {
        var left = ParsePow();
        while (Current.Is("*") || Current.Is("/") || Current.Is("//") || Current.Is("%"))
        {
            var token = Next();
            left = new BinaryExpr(token.Value, left, ParsePow(), token.Line, token.Column);
        }
        return left;
    }

    private Expr ParsePow()
    {
        var left = ParseUnary(withFilter: true);
        while (Current.Is("**"))
        {
            var token = Next();
            left = new BinaryExpr("**", left, ParseUnary(withFilter: true), token.Line, token.Column);
        }
        return left;
    }

    private Expr ParseUnary(bool withFilter)
    {
        Expr node;
        if (Current.Is("-") || Current.Is("+"))
        {
            var token = Next();
            node = new UnaryExpr(token.Value, ParseUnary(withFilter: false), token.Line, token.Column);
        }
        else
        {
            node = ParsePostfix(ParsePrimary());
        }
        return withFilter ? ParseFilterExpr(node) : node;
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case ExprTokenKind.Name:
                Next();
                return token.Value switch
                {
                    "true" or "True" => new ConstExpr(true, token.Line, token.Column),
                    "false" or "False" => new ConstExpr(false, token.Line, token.Column),
                    "none" or "None" => new ConstExpr(null, token.Line, token.Column),
                    _ => new NameExpr(token.Value, token.Line, token.Column),
                };
            case ExprTokenKind.String:
                Next();
                var text = token.Value;
                while (Current.Kind == ExprTokenKind.String)
                {
                    text += Next().Value;
                }
                return new ConstExpr(text, token.Line, token.Column);
            case ExprTokenKind.Integer:
                Next();
                if (!long.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
                {
                    throw Error(token, $"integer literal {token.Value} is too large");
                }
                return new ConstExpr(integer, token.Line, token.Column);
            case ExprTokenKind.Float:
                Next();
                return new ConstExpr(double.Parse(token.Value, CultureInfo.InvariantCulture), token.Line, token.Column);
            case ExprTokenKind.Operator when token.Value == "(":
                Next();
                if (Current.Is(")"))
                {
                    Next();
                    return new ListExpr([], token.Line, token.Column);
                }
                var inner = ParseExpression();
                if (Current.Is(","))
                {
                    var items = new List<Expr> { inner };
                    while (Current.Is(","))
                    {
                        Next();
                        if (Current.Is(")"))
                        {
                            break;
                        }
                        items.Add(ParseExpression());
                    }
                    Expect(")");
                    return new ListExpr(items, token.Line, token.Column);
                }
                Expect(")");
                return inner;
            case ExprTokenKind.Operator when token.Value == "[":
                Next();
                var list = new List<Expr>();
                while (!Current.Is("]"))
                {
                    list.Add(ParseExpression());
                    if (!Current.Is(","))
                    {
                        break;
                    }
                    Next();
                }
                Expect("]");
                return new ListExpr(list, token.Line, token.Column);
            case ExprTokenKind.Operator when token.Value == "{":
                Next();
                var pairs = new List<(Expr, Expr)>();
                while (!Current.Is("}"))
                {
                    var key = ParseExpression();
                    Expect(":");
                    pairs.Add((key, ParseExpression()));
                    if (!Current.Is(","))
                    {
                        break;
                    }
                    Next();
                }
                Expect("}");
                return new DictExpr(pairs, token.Line, token.Column);
            default:
                throw Error(token, $"unexpected '{Describe(token)}'; expected a value");
        }
    }

    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            var token = Current;
            if (token.Is("."))
            {
                Next();
                var name = Current;
                if (name.Kind == ExprTokenKind.Integer)
                {
                    Next();
                    node = new ItemExpr(node, new ConstExpr(long.Parse(name.Value, CultureInfo.InvariantCulture), name.Line, name.Column), token.Line, token.Column);
                }
                else
                {
                    node = new AttributeExpr(node, ExpectName(), token.Line, token.Column);
                }
            }
            else if (token.Is("["))
            {
                Next();
                node = ParseSubscript(node, token);
            }
            else if (token.Is("("))
            {
                node = ParseCall(node);
            }
            else
            {
                return node;
            }
        }
    }

    private Expr ParseSubscript(Expr target, ExprToken open)
    {
        Expr? start = null;
        if (!Current.Is(":"))
        {
            start = ParseExpression();
            if (Current.Is("]"))
            {
                Next();
                return new ItemExpr(target, start, open.Line, open.Column);
            }
        }
        Expect(":");
        Expr? stop = null;
        Expr? step = null;
        if (!Current.Is("]") && !Current.Is(":"))
        {
            stop = ParseExpression();
        }
        if (Current.Is(":"))
        {
            Next();
            if (!Current.Is("]"))
            {
                step = ParseExpression();
            }
        }
        Expect("]");
        return new SliceExpr(target, start, stop, step, open.Line, open.Column);
    }

    private (List<Expr> Args, List<(string, Expr)> Kwargs) ParseArguments()
    {
        Expect("(");
        var args = new List<Expr>();
        var kwargs = new List<(string, Expr)>();
        while (!Current.Is(")"))
        {
            if (Current.Is("*") || Current.Is("**"))
            {
                throw Error(Current, "'*args' and '**kwargs' in calls are not supported by EnergyGate's chat template renderer");
            }
            if (Current.Kind == ExprTokenKind.Name && Peek().Is("="))
            {
                var name = Next().Value;
                Next();
                kwargs.Add((name, ParseExpression()));
            }
            else
            {
                if (kwargs.Count > 0)
                {
                    throw Error(Current, "a positional argument cannot follow a keyword argument");
                }
                args.Add(ParseExpression());
            }
            if (!Current.Is(","))
            {
                break;
            }
            Next();
        }
        Expect(")");
        return (args, kwargs);
    }

    private CallExpr ParseCall(Expr target)
    {
        var open = Current;
        var (args, kwargs) = ParseArguments();
        return new CallExpr(target, args, kwargs, open.Line, open.Column);
    }

    private Expr ParseFilterExpr(Expr node)
    {
        while (true)
        {
            if (Current.Is("|"))
            {
                Next();
                var nameToken = Current;
                var name = ExpectName();
                while (Current.Is("."))
                {
                    Next();
                    name += "." + ExpectName();
                }
                List<Expr> args = [];
                List<(string, Expr)> kwargs = [];
                if (Current.Is("("))
                {
                    (args, kwargs) = ParseArguments();
                }
                node = new FilterExpr(node, name, args, kwargs, nameToken.Line, nameToken.Column);
            }
            else if (Current.IsName("is"))
            {
                var isToken = Next();
                var negated = false;
                if (Current.IsName("not"))
                {
                    Next();
                    negated = true;
                }
                var name = ExpectName();
                List<Expr> args = [];
                if (Current.Is("("))
                {
                    var (positional, keywords) = ParseArguments();
                    if (keywords.Count > 0)
                    {
                        throw Error(isToken, "keyword arguments to tests are not supported by EnergyGate's chat template renderer");
                    }
                    args = positional;
                }
                else if ((Current.Kind is ExprTokenKind.Name or ExprTokenKind.String or ExprTokenKind.Integer or ExprTokenKind.Float
                          || Current.Is("[") || Current.Is("{"))
                         && !Current.IsName("else") && !Current.IsName("or") && !Current.IsName("and"))
                {
                    args = [ParsePostfix(ParsePrimary())];
                }
                node = new TestExpr(node, name, negated, args, isToken.Line, isToken.Column);
            }
            else if (Current.Is("("))
            {
                node = ParseCall(node);
            }
            else
            {
                return node;
            }
        }
    }
}
