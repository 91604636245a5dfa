using System.Text.Json;
using EnergyGate.Core.Generation.ChatTemplates;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Generation.ChatTemplates;

/// <summary>
/// One small template per feature (whitespace control, loops, namespace, literals, operators, tests,
/// filters, string methods, tojson, strftime_now, undefined values), each compared with jinja2's output
/// stored by render_fixtures.py; plus the errors for templates we cannot render.
/// </summary>
public sealed class ChatTemplateFeatureTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "ChatTemplates", "expected", "features");

    public static TheoryData<string> Features()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "features.json")));
        var data = new TheoryData<string>();
        foreach (var feature in doc.RootElement.EnumerateObject())
        {
            data.Add(feature.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void Feature_renders_like_jinja2(string feature)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "features.json")));
        var entry = doc.RootElement.GetProperty(feature);
        var variables = (OrderedDictionary<string, object?>)TemplateValues.FromJson(entry.GetProperty("variables"))!;
        var template = ChatTemplate.Parse(entry.GetProperty("template").GetString()!, feature);

        var rendered = template.Render(variables.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), FixedClock.Fixtures);

        Assert.Equal(File.ReadAllText(Path.Combine(Folder, feature + ".txt")), rendered);
    }

    [Theory]
    [InlineData("{% if x %}open", 1, 4, "'if' is never closed with 'endif'")]
    [InlineData("a\n{% macro m() %}{% endmacro %}", 2, 4, "the 'macro' statement is not supported")]
    [InlineData("line one\n  {{ x | wordwrap }}", 2, 10, "the filter 'wordwrap' is not supported")]
    [InlineData("{{ x is divisible }}", 1, 6, "the test 'divisible' is not supported")]
    [InlineData("{{ 'a' + }}", 1, 10, "expected a value")]
    [InlineData("{{ 'abc }}", 1, 4, "string literal is never closed")]
    [InlineData("{% endfor %}", 1, 4, "unexpected 'endfor' with no open block")]
    [InlineData("{{ 'x' % 2 }}", 1, 8, "printf-style string formatting")]
    [InlineData("{{ strftime_now('%Z') }}", 1, 16, "'%Z' is not supported")]
    public void Unsupported_or_broken_templates_name_the_position(string source, int line, int column, string problem)
    {
        var error = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse(source, "model/tokenizer_config.json").Render(
            new Dictionary<string, object?>(StringComparer.Ordinal), FixedClock.Fixtures));
        Assert.Equal("model/tokenizer_config.json", error.SourceName);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"model/tokenizer_config.json:{line}:{column}: chat template: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raise_exception_reports_the_templates_message_and_position()
    {
        var template = ChatTemplate.Parse("ok\n{{ raise_exception('Conversation roles must alternate') }}", "t.jinja");
        var error = Assert.Throws<ChatTemplateException>(() => template.Render(new Dictionary<string, object?>(StringComparer.Ordinal)));
        Assert.Equal(2, error.Line);
        Assert.Contains("the template raised an exception: Conversation roles must alternate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Using_an_undefined_value_in_arithmetic_names_it()
    {
        var template = ChatTemplate.Parse("{{ 'a' + missing }}", "t.jinja");
        var error = Assert.Throws<ChatTemplateException>(() => template.Render(new Dictionary<string, object?>(StringComparer.Ordinal)));
        Assert.Contains("'missing' is undefined", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Attribute_assignment_needs_a_namespace()
    {
        var template = ChatTemplate.Parse("{% set x = 1 %}{% set x.y = 2 %}", "t.jinja");
        var error = Assert.Throws<ChatTemplateException>(() => template.Render(new Dictionary<string, object?>(StringComparer.Ordinal)));
        Assert.Contains("namespace()", error.Problem, StringComparison.Ordinal);
    }
}
