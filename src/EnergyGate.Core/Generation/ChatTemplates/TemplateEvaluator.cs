using System.Text;

namespace EnergyGate.Core.Generation.ChatTemplates;

/// <summary>Runs a parsed template against variables, writing the output like jinja2 would.</summary>
internal sealed class TemplateEvaluator
{
    private enum Flow { Normal, Break, Continue }

    private readonly string _name;
    private readonly StringBuilder _output = new();
    private readonly List<Dictionary<string, object?>> _scopes = [];
    private readonly IReadOnlyDictionary<string, object?> _globals;

    public TemplateEvaluator(string name, IReadOnlyDictionary<string, object?> variables, IReadOnlyDictionary<string, object?> globals)
    {
        _name = name;
        _globals = globals;
        _scopes.Add(new Dictionary<string, object?>(variables, StringComparer.Ordinal));
    }

    public string Render(IReadOnlyList<Node> body)
    {
        var flow = Execute(body);
        if (flow != Flow.Normal)
        {
            throw new ChatTemplateException(_name, 1, 1, "'break' or 'continue' outside a loop");
        }
        return _output.ToString();
    }

    private Flow Execute(IReadOnlyList<Node> nodes)
    {
        foreach (var node in nodes)
        {
            var flow = ExecuteOne(node);
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }
        return Flow.Normal;
    }

    private Flow ExecuteOne(Node node)
    {
        switch (node)
        {
            case TextNode text:
                _output.Append(text.Text);
                return Flow.Normal;
            case OutputNode output:
                _output.Append(TemplateValues.ToStr(Eval(output.Value)));
                return Flow.Normal;
            case IfNode ifNode:
                foreach (var (condition, body) in ifNode.Branches)
                {
                    if (TemplateValues.IsTrue(Eval(condition)))
                    {
                        return Execute(body);
                    }
                }
                return ifNode.Else is null ? Flow.Normal : Execute(ifNode.Else);
            case ForNode forNode:
                ExecuteFor(forNode);
                return Flow.Normal;
            case SetNode set:
                ExecuteSet(set);
                return Flow.Normal;
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            default:
                throw new ChatTemplateException(_name, node.Line, node.Column, $"cannot execute {node.GetType().Name}");
        }
    }

    private void ExecuteSet(SetNode set)
    {
        var value = Eval(set.Value);
        if (set.Attribute is null)
        {
            _scopes[^1][set.Name] = value;
            return;
        }
        if (Lookup(set.Name) is not Namespace ns)
        {
            throw new ChatTemplateException(_name, set.Line, set.Column,
                $"'set {set.Name}.{set.Attribute}' needs '{set.Name}' to be a namespace() object (jinja2 allows attribute assignment only on namespaces)");
        }
        ns.Attributes[set.Attribute] = value;
    }

    private void ExecuteFor(ForNode node)
    {
        var iterable = Eval(node.Iterable);
        List<object?> items;
        try
        {
            items = TemplateBuiltins.Iterate(iterable);
        }
        catch (TemplateRuntimeException ex)
        {
            throw new ChatTemplateException(_name, node.Iterable.Line, node.Iterable.Column, ex.Message);
        }
        if (node.Filter is not null)
        {
            var kept = new List<object?>();
            foreach (var item in items)
            {
                _scopes.Add(BindTargets(node, item));
                try
                {
                    if (TemplateValues.IsTrue(Eval(node.Filter)))
                    {
                        kept.Add(item);
                    }
                }
                finally
                {
                    _scopes.RemoveAt(_scopes.Count - 1);
                }
            }
            items = kept;
        }
        if (items.Count == 0)
        {
            if (node.Else is not null)
            {
                Execute(node.Else);
            }
            return;
        }
        for (var i = 0; i < items.Count; i++)
        {
            var scope = BindTargets(node, items[i]);
            scope["loop"] = new LoopInfo(items, i);
            _scopes.Add(scope);
            try
            {
                if (Execute(node.Body) == Flow.Break)
                {
                    break;
                }
            }
            finally
            {
                _scopes.RemoveAt(_scopes.Count - 1);
            }
        }
    }

    private Dictionary<string, object?> BindTargets(ForNode node, object? item)
    {
        var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (node.Targets.Count == 1)
        {
            scope[node.Targets[0]] = item;
            return scope;
        }
        if (item is not List<object?> parts || parts.Count != node.Targets.Count)
        {
            throw new ChatTemplateException(_name, node.Line, node.Column,
                $"cannot unpack {TemplateValues.TypeName(item)} into {node.Targets.Count} loop variables");
        }
        for (var i = 0; i < parts.Count; i++)
        {
            scope[node.Targets[i]] = parts[i];
        }
        return scope;
    }

    private object? Lookup(string name)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].TryGetValue(name, out var value))
            {
                return value;
            }
        }
        return _globals.TryGetValue(name, out var global) ? global : new Undefined(name);
    }

    private object? Eval(Expr expr)
    {
        try
        {
            return EvalCore(expr);
        }
        catch (TemplateRuntimeException ex)
        {
            throw new ChatTemplateException(_name, expr.Line, expr.Column, ex.Message);
        }
    }

    private object? EvalCore(Expr expr)
    {
        switch (expr)
        {
            case ConstExpr c:
                return c.Value;
            case NameExpr n:
                return Lookup(n.Name);
            case ListExpr l:
                return l.Items.Select(Eval).ToList();
            case DictExpr d:
                var dict = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (keyExpr, valueExpr) in d.Items)
                {
                    if (Eval(keyExpr) is not string key)
                    {
                        throw new TemplateRuntimeException("dict literal keys must be strings in EnergyGate's chat template renderer");
                    }
                    dict[key] = Eval(valueExpr);
                }
                return dict;
            case AttributeExpr a:
                return TemplateBuiltins.GetAttribute(Eval(a.Target), a.Name);
            case ItemExpr i:
                return TemplateBuiltins.GetItem(Eval(i.Target), Eval(i.Key));
            case SliceExpr s:
                return TemplateBuiltins.Slice(Eval(s.Target), Optional(s.Start), Optional(s.Stop), Optional(s.Step));
            case CallExpr call:
                return Call(call);
            case FilterExpr f:
                return TemplateBuiltins.ApplyFilter(f.Name, Eval(f.Target), f.Args.Select(Eval).ToList(), Kwargs(f.Kwargs), this);
            case TestExpr t:
                var result = TemplateBuiltins.ApplyTest(t.Name, Eval(t.Target), t.Args.Select(Eval).ToList());
                return t.Negated ? !result : result;
            case UnaryExpr u:
                return Unary(u);
            case BinaryExpr b:
                return Binary(b);
            case ConditionalExpr c:
                return TemplateValues.IsTrue(Eval(c.Condition)) ? Eval(c.Then) : c.Else is null ? new Undefined("conditional") : Eval(c.Else);
            default:
                throw new TemplateRuntimeException($"cannot evaluate {expr.GetType().Name}");
        }
    }

    private object? Optional(Expr? expr) => expr is null ? null : Eval(expr);

    private Dictionary<string, object?> Kwargs(IReadOnlyList<(string Name, Expr Value)> kwargs)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in kwargs)
        {
            result[name] = Eval(value);
        }
        return result;
    }

    private object? Call(CallExpr call)
    {
        var target = Eval(call.Target);
        var args = call.Args.Select(Eval).ToList();
        var kwargs = Kwargs(call.Kwargs);
        return target switch
        {
            TemplateFunction function => function(args, kwargs),
            Undefined u => throw new TemplateRuntimeException($"'{u.Name}' is undefined and cannot be called"),
            _ => throw new TemplateRuntimeException($"'{TemplateValues.TypeName(target)}' object is not callable"),
        };
    }

    /// <summary>Calls a test by name on a value, for selectattr/rejectattr.</summary>
    internal static bool RunTest(string name, object? value, List<object?> args) => TemplateBuiltins.ApplyTest(name, value, args);

    private object? Unary(UnaryExpr u)
    {
        var operand = Eval(u.Operand);
        switch (u.Operator)
        {
            case "not":
                return !TemplateValues.IsTrue(operand);
            case "-":
                return operand switch
                {
                    long l => (object)(-l),
                    double d => -d,
                    bool b => b ? -1L : 0L,
                    _ => throw TemplateOperators.Unsupported("unary -", operand),
                };
            default:
                return operand switch
                {
                    long or double => operand,
                    bool b => (object)(b ? 1L : 0L),
                    _ => throw TemplateOperators.Unsupported("unary +", operand),
                };
        }
    }

    private object? Binary(BinaryExpr b)
    {
        switch (b.Operator)
        {
            case "and":
                var left = Eval(b.Left);
                return TemplateValues.IsTrue(left) ? Eval(b.Right) : left;
            case "or":
                var first = Eval(b.Left);
                return TemplateValues.IsTrue(first) ? first : Eval(b.Right);
            default:
                return TemplateOperators.Apply(b.Operator, Eval(b.Left), Eval(b.Right));
        }
    }
}

/// <summary>jinja2's <c>loop</c> variable inside a for loop.</summary>
internal sealed class LoopInfo(List<object?> items, int index0)
{
    public object? Get(string name) => name switch
    {
        "index0" => (long)index0,
        "index" => (long)index0 + 1,
        "revindex" => (long)(items.Count - index0),
        "revindex0" => (long)(items.Count - index0 - 1),
        "first" => index0 == 0,
        "last" => index0 == items.Count - 1,
        "length" => (long)items.Count,
        "depth" => 1L,
        "depth0" => 0L,
        "previtem" => index0 > 0 ? items[index0 - 1] : new Undefined("loop.previtem"),
        "nextitem" => index0 < items.Count - 1 ? items[index0 + 1] : new Undefined("loop.nextitem"),
        _ => new Undefined("loop." + name),
    };
}
