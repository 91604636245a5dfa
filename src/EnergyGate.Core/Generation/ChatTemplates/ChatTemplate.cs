namespace EnergyGate.Core.Generation.ChatTemplates;

/// <summary>
/// A Hugging Face chat template (the Jinja text in tokenizer_config.json's <c>chat_template</c>), parsed
/// once and rendered per prompt.
/// <para>
/// WHY our own renderer: no .NET Jinja2 implementation is available on this project's NuGet feed, and
/// the prompt must match byte for byte what transformers' <c>apply_chat_template</c> renders, so this is
/// a small lexer → parser → evaluator for the subset chat templates use, configured as transformers
/// configures jinja2 (src/transformers/utils/chat_template_utils.py, <c>_compile_jinja_template</c>):
/// trim_blocks and lstrip_blocks on, keep_trailing_newline off, loop controls (break/continue),
/// <c>tojson</c> as <c>json.dumps(ensure_ascii=False, indent=...)</c>, and the globals
/// <c>raise_exception(message)</c> and <c>strftime_now(format)</c>. The sandbox is implicit: templates
/// only see the values passed in and cannot call mutating methods. Anything outside the subset fails with
/// the template's source name, line and column.
/// </para>
/// </summary>
public sealed class ChatTemplate
{
    private readonly IReadOnlyList<Node> _body;

    private ChatTemplate(string source, string sourceName, IReadOnlyList<Node> body)
    {
        Source = source;
        SourceName = sourceName;
        _body = body;
    }

    /// <summary>The template's text as read (its hash identifies the template in a run's fingerprint).</summary>
    public string Source { get; }

    /// <summary>Where the template came from, used in error messages.</summary>
    public string SourceName { get; }

    /// <summary>Parses a template; syntax errors and unsupported statements throw <see cref="ChatTemplateException"/>.</summary>
    public static ChatTemplate Parse(string source, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ChatTemplate(source, sourceName, TemplateParser.Parse(source, sourceName));
    }

    /// <summary>
    /// Renders with the given variables (typically <c>messages</c>, <c>add_generation_prompt</c>,
    /// <c>bos_token</c>, <c>eos_token</c>). Values are strings, long, double, bool, null, lists of values
    /// (<see cref="List{T}"/> of object?) and dicts (<see cref="OrderedDictionary{TKey,TValue}"/> with string keys).
    /// <paramref name="clock"/> feeds <c>strftime_now</c> (local time, as transformers' <c>datetime.now()</c>).
    /// </summary>
    public string Render(IReadOnlyDictionary<string, object?> variables, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var time = clock ?? TimeProvider.System;
        var globals = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["raise_exception"] = (TemplateFunction)((args, _) =>
                throw new TemplateRuntimeException("the template raised an exception: " + (args.Count > 0 ? TemplateValues.ToStr(args[0]) : ""))),
            ["strftime_now"] = (TemplateFunction)((args, _) =>
                PythonStrftime.Format(time.GetLocalNow().DateTime, args.Count > 0 && args[0] is string f ? f
                    : throw new TemplateRuntimeException("strftime_now needs a format string"))),
            ["namespace"] = (TemplateFunction)((args, kwargs) =>
            {
                var ns = new Namespace();
                if (args.Count > 0 && args[0] is OrderedDictionary<string, object?> initial)
                {
                    foreach (var (key, value) in initial)
                    {
                        ns.Attributes[key] = value;
                    }
                }
                foreach (var (key, value) in kwargs)
                {
                    ns.Attributes[key] = value;
                }
                return ns;
            }),
            ["range"] = (TemplateFunction)((args, _) => Range(args)),
        };
        return new TemplateEvaluator(SourceName, variables, globals).Render(_body);
    }

    /// <summary>
    /// Renders a conversation the way <c>tokenizer.apply_chat_template(messages, tokenize=False,
    /// add_generation_prompt=...)</c> does, with the tokenizer's bos/eos tokens.
    /// </summary>
    public string RenderConversation(IEnumerable<(string Role, string Content)> messages, bool addGenerationPrompt,
        string? bosToken, string? eosToken, TimeProvider? clock = null)
    {
        var list = messages.Select(m => (object?)new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["role"] = m.Role,
            ["content"] = m.Content,
        }).ToList();
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["messages"] = list,
            ["add_generation_prompt"] = addGenerationPrompt,
        };
        if (bosToken is not null)
        {
            variables["bos_token"] = bosToken;
        }
        if (eosToken is not null)
        {
            variables["eos_token"] = eosToken;
        }
        return Render(variables, clock);
    }

    private static List<object?> Range(IReadOnlyList<object?> args)
    {
        long Int(int i) => args[i] is long l ? l : throw new TemplateRuntimeException("range() arguments must be integers");
        var (start, stop, step) = args.Count switch
        {
            1 => (0L, Int(0), 1L),
            2 => (Int(0), Int(1), 1L),
            3 => (Int(0), Int(1), Int(2)),
            _ => throw new TemplateRuntimeException("range() takes 1 to 3 arguments"),
        };
        if (step == 0)
        {
            throw new TemplateRuntimeException("range() step must not be zero");
        }
        var result = new List<object?>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            result.Add(i);
            if (result.Count > 100_000)
            {
                throw new TemplateRuntimeException("range() is limited to 100000 items in chat templates");
            }
        }
        return result;
    }
}
