using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EnergyGate.Core.Suites.EvalPlus;

/// <summary>
/// Reads the original MBPP (google-research <c>mbpp.jsonl</c>: <c>task_id</c>, <c>text</c>, <c>code</c>,
/// <c>test_list</c>, <c>test_setup_code</c>, <c>challenge_test_list</c>). The prompt is the one EvalPlus gives
/// base models for MBPP+ (a docstring holding the task text and the first test); the test runs
/// <c>test_setup_code</c> then every assert of <c>test_list</c> (the challenge tests are not scored, as in
/// the paper's results).
/// </summary>
public static partial class MbppLoader
{
    /// <summary>Loads every problem of a <c>.jsonl</c> or <c>.jsonl.gz</c> file.</summary>
    /// <exception cref="EnergyGateException">Missing or malformed; the message names file, line and field.</exception>
    public static IReadOnlyList<CodeProblem> Load(string path) => JsonlRecords.Load(path, Parse);

    /// <summary>Loads every problem of a stream; <paramref name="sourceName"/> names it in errors.</summary>
    public static IReadOnlyList<CodeProblem> Load(Stream stream, string sourceName) => JsonlRecords.Load(stream, sourceName, Parse);

    /// <summary>EvalPlus's MBPP prompt: the task text and its first test inside a docstring.</summary>
    public static string Prompt(string text, string firstTest) => $"\"\"\"\n{text.Trim()}\n{firstTest.Trim()}\n\"\"\"\n";

    private static CodeProblem Parse(JsonElement record, string where)
    {
        var taskId = "Mbpp/" + JsonlRecords.Id(record, "task_id", where);
        var text = JsonlRecords.String(record, "text", where);
        var code = JsonlRecords.String(record, "code", where);
        var setup = record.TryGetProperty("test_setup_code", out _) ? JsonlRecords.String(record, "test_setup_code", where, allowEmpty: true) : "";
        var tests = new List<string>();
        var index = 0;
        foreach (var test in JsonlRecords.Array(record, "test_list", where).EnumerateArray())
        {
            if (test.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(test.GetString()))
            {
                throw new EnergyGateException($"{where}: field `test_list`[{index}] must be a non-empty string (an assert), found {test.ValueKind}");
            }
            tests.Add(test.GetString()!.Trim());
            index++;
        }
        if (tests.Count == 0)
        {
            throw new EnergyGateException($"{where}: field `test_list` is empty: nothing to test");
        }
        var entryPoint = EntryPoint(code, tests[0])
            ?? throw new EnergyGateException($"{where}: no function defined in `code` is called by the first test `{tests[0]}`");
        return new CodeProblem(taskId, Prompt(text, tests[0]), entryPoint, code, Test(setup, tests));
    }

    // The tests call the function by name, so check() ignores its argument; setup code stays at module level.
    private static string Test(string setup, IReadOnlyList<string> tests)
    {
        var source = new StringBuilder();
        source.Append(setup.ReplaceLineEndings("\n")).Append('\n');
        source.Append("def check(candidate):\n");
        foreach (var test in tests)
        {
            source.Append("    ").Append(test.ReplaceLineEndings("\n").Replace("\n", "\n    ", StringComparison.Ordinal)).Append('\n');
        }
        return source.ToString();
    }

    // The first function the solution defines that the first test calls.
    private static string? EntryPoint(string code, string firstTest) => Definition().Matches(code)
        .Select(m => m.Groups[1].Value)
        .FirstOrDefault(name => Regex.IsMatch(firstTest, $@"\b{Regex.Escape(name)}\s*\("));

    [GeneratedRegex(@"^\s*def\s+([A-Za-z_]\w*)\s*\(", RegexOptions.Multiline)]
    private static partial Regex Definition();
}
