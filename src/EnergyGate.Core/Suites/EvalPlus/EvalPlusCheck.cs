using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EnergyGate.Core.Suites.EvalPlus;

/// <summary>
/// Writes the <c>check(candidate)</c> function that scores an EvalPlus problem the way EvalPlus does:
/// the canonical solution runs on every input (base, then plus) to give the expected output and its
/// time; the completion then runs on the same inputs, each under
/// <c>max(min_time_limit, gt_time_limit_factor x canonical time)</c>, and must give the expected output
/// (exactly, or within <c>atol</c> for floats; <c>find_zero</c> is judged by its polynomial, as EvalPlus
/// does). The first failing test ends the check (EvalPlus without <c>--test-details</c>).
/// </summary>
public static partial class EvalPlusCheck
{
    // Escapes only what JSON must, so the literal stays readable; every JSON escape is also a Python escape.
    private static readonly JsonSerializerOptions Literal = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Names start with _eg_ so they cannot clash with a completion's own; the timeout is a BaseException
    // so that a completion's `except Exception:` cannot swallow it.
    private const string Template = """
        def check(candidate):
            import copy as _eg_copy
            import json as _eg_json
            import math as _eg_math
            import signal as _eg_signal
            import time as _eg_time

            class _EgTimeout(BaseException):
                pass

            def _eg_alarm(signum, frame):
                raise _EgTimeout()

            def _eg_run(fn, args, limit):
                _eg_signal.setitimer(_eg_signal.ITIMER_REAL, limit)
                try:
                    return fn(*_eg_copy.deepcopy(args))
                finally:
                    _eg_signal.setitimer(_eg_signal.ITIMER_REAL, 0)

            def _eg_floats(x):
                if isinstance(x, float):
                    return True
                return isinstance(x, (list, tuple)) and all(isinstance(i, float) for i in x)

            def _eg_flat(x):
                return list(x) if isinstance(x, (list, tuple)) else [x]

            def _eg_close(out, exp, atol):
                # numpy.testing.assert_allclose's rule (rtol 1e-7, NaN equal to NaN), without numpy.
                outs, exps = _eg_flat(out), _eg_flat(exp)
                if len(outs) != len(exps):
                    return False
                for o, e in zip(outs, exps):
                    try:
                        if _eg_math.isnan(o) and _eg_math.isnan(e):
                            continue
                        if not abs(o - e) <= atol + 1e-7 * abs(e):
                            return False
                    except TypeError:
                        return False
                return True

            def _eg_poly(xs, x):
                return sum(c * _eg_math.pow(x, i) for i, c in enumerate(xs))

        @MBPPRULES
            _eg_signal.signal(_eg_signal.SIGALRM, _eg_alarm)
            entry_point = @ENTRY
            mbpp_task = @MBPP
            budget = @BUDGET
            reference_scope = {"__name__": "__reference__"}
            exec(@REFERENCE, reference_scope)
            reference = reference_scope[entry_point]
            inputs = _eg_json.loads(@INPUTS)
            if mbpp_task is not None:
                inputs = _eg_mbpp_inputs(mbpp_task, inputs)
            expected, limits = [], []
            for args in inputs:
                started = _eg_time.perf_counter()
                expected.append(_eg_run(reference, args, budget))
                limits.append(max(@MIN, @FACTOR * (_eg_time.perf_counter() - started)))
            if mbpp_task is not None and entry_point in _EG_NOT_NONE:
                expected = [x is not None for x in expected]
            spent = 0.0
            for i, args in enumerate(inputs):
                atol = @ATOL
                limit = min(limits[i], max(budget - spent, 0.001))
                started = _eg_time.perf_counter()
                try:
                    out = _eg_run(candidate, args, limit)
                except _EgTimeout:
                    raise AssertionError("test %d of %d: timed out after %.3f s" % (i, len(inputs), limit)) from None
                spent += _eg_time.perf_counter() - started
                exp = expected[i]
                if entry_point == "find_zero":
                    if not abs(_eg_poly(*args, out)) <= atol:
                        raise AssertionError("test %d of %d: find_zero(%r) = %r is not a zero" % (i, len(inputs), args, out))
                    continue
                if atol == 0 and _eg_floats(exp):
                    atol = 1e-6
                same = out == exp
                if not isinstance(same, bool):
                    same = False
                if mbpp_task is not None:
                    same = _eg_mbpp_same(entry_point, args, out, exp, same, atol)
                if not same and not (atol != 0 and type(out) == type(exp) and _eg_close(out, exp, atol)):
                    raise AssertionError("test %d of %d: %s(*%.200r) returned %.200r, expected %.200r" % (i, len(inputs), entry_point, args, out, exp))
        """;

    /// <summary>The test source of one problem.</summary>
    /// <param name="entryPoint">The function under test.</param>
    /// <param name="referenceProgram">A program defining the canonical <paramref name="entryPoint"/> (prompt + body, or MBPP+'s whole solution).</param>
    /// <param name="inputsJson">A JSON array of argument lists: base inputs followed by plus inputs.</param>
    /// <param name="atol">The absolute tolerance for floats (0: exact, 1e-6 for float outputs).</param>
    /// <param name="timing">The per-test and per-task limits.</param>
    /// <param name="mbppTask">The MBPP+ task number (<c>Mbpp/N</c>): its inputs are rebuilt and its special oracles apply as EvalPlus does (<see cref="MbppPlusRules"/>); null for HumanEval+ and ids of another shape.</param>
    public static string Build(string entryPoint, string referenceProgram, string inputsJson, double atol, EvalPlusTiming timing, int? mbppTask = null)
    {
        ArgumentNullException.ThrowIfNull(timing);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MBPP"] = mbppTask is { } task ? task.ToString(CultureInfo.InvariantCulture) : "None",
            ["MBPPRULES"] = mbppTask is null ? "" : MbppPlusRules.Python.TrimEnd() + "\n",
            ["ENTRY"] = PythonString(entryPoint),
            ["BUDGET"] = PythonFloat(timing.TaskBudget),
            ["REFERENCE"] = PythonString(referenceProgram),
            ["INPUTS"] = PythonString(inputsJson),
            ["MIN"] = PythonFloat(timing.MinTimeLimit),
            ["FACTOR"] = PythonFloat(timing.GtTimeLimitFactor),
            ["ATOL"] = PythonFloat(atol),
        };
        // One pass, so a placeholder-like word inside the data is never replaced.
        return Placeholder().Replace(Template, m => values[m.Groups[1].Value]);
    }

    [GeneratedRegex(@"@(ENTRY|BUDGET|REFERENCE|INPUTS|MIN|FACTOR|ATOL|MBPPRULES|MBPP)\b")]
    private static partial Regex Placeholder();

    private static string PythonString(string text) => JsonSerializer.Serialize(text, Literal);

    private static string PythonFloat(double value) => value.ToString("R", CultureInfo.InvariantCulture) switch
    {
        var s when s.Contains('.', StringComparison.Ordinal) || s.Contains('E', StringComparison.Ordinal) => s,
        var s => s + ".0",
    };
}
