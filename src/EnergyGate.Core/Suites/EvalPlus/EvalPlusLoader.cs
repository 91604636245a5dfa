using System.Text.Json;

namespace EnergyGate.Core.Suites.EvalPlus;

/// <summary>
/// Reads EvalPlus's HumanEval+ and MBPP+ files (one object a line: <c>task_id</c>, <c>prompt</c>,
/// <c>entry_point</c>, <c>canonical_solution</c>, <c>base_input</c>, <c>plus_input</c>, <c>atol</c>; other
/// fields such as <c>contract</c>, <c>test</c> or <c>assertion</c> are not used) into problems whose test
/// is <see cref="EvalPlusCheck"/>: the completion against the canonical solution's outputs on every input.
/// </summary>
public static class EvalPlusLoader
{
    /// <summary>Loads every problem of a <c>.jsonl</c> or <c>.jsonl.gz</c> file.</summary>
    /// <exception cref="EnergyGateException">Missing or malformed; the message names file, line and field.</exception>
    public static IReadOnlyList<CodeProblem> Load(string path, EvalPlusFormat format, EvalPlusTiming? timing = null) =>
        JsonlRecords.Load(path, (record, where) => Parse(record, where, format, timing ?? EvalPlusTiming.Default));

    /// <summary>Loads every problem of a stream; <paramref name="sourceName"/> names it in errors.</summary>
    public static IReadOnlyList<CodeProblem> Load(Stream stream, string sourceName, EvalPlusFormat format, EvalPlusTiming? timing = null) =>
        JsonlRecords.Load(stream, sourceName, (record, where) => Parse(record, where, format, timing ?? EvalPlusTiming.Default));

    private static CodeProblem Parse(JsonElement record, string where, EvalPlusFormat format, EvalPlusTiming timing)
    {
        var taskId = JsonlRecords.String(record, "task_id", where);
        var prompt = JsonlRecords.String(record, "prompt", where);
        var entryPoint = JsonlRecords.String(record, "entry_point", where);
        var canonical = JsonlRecords.String(record, "canonical_solution", where);
        var inputs = Inputs(record, where);
        var atol = JsonlRecords.Number(record, "atol", where, absent: 0);
        // HumanEval+'s canonical solution is a body for the prompt's signature; MBPP+'s is a whole program
        // (its prompt is only a docstring).
        var reference = format == EvalPlusFormat.HumanEvalPlus ? prompt + canonical : canonical;
        return new CodeProblem(taskId, prompt, entryPoint, canonical, EvalPlusCheck.Build(entryPoint, reference, inputs, atol, timing,
            format == EvalPlusFormat.MbppPlus ? MbppPlusRules.TaskNumber(taskId) : null))
        {
            TimeLimit = timing.ProgramTimeLimit,
        };
    }

    // Base inputs then plus inputs, one JSON array of argument lists.
    private static string Inputs(JsonElement record, string where)
    {
        var all = new List<string>();
        foreach (var field in new[] { "base_input", "plus_input" })
        {
            var index = 0;
            foreach (var arguments in JsonlRecords.Array(record, field, where).EnumerateArray())
            {
                if (arguments.ValueKind != JsonValueKind.Array)
                {
                    throw new EnergyGateException($"{where}: field `{field}`[{index}] must be an array of arguments, found {arguments.ValueKind}");
                }
                all.Add(arguments.GetRawText());
                index++;
            }
        }
        return all.Count > 0 ? "[" + string.Join(",", all) + "]" : throw new EnergyGateException($"{where}: `base_input` and `plus_input` are both empty: nothing to test");
    }
}
