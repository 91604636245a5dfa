namespace EnergyGate.Core.Suites.EvalPlus;

/// <summary>
/// What EvalPlus does for MBPP+ beyond plain output comparison, as Python the check program runs:
/// <list type="bullet">
/// <item>its inputs hold lists where about fifty tasks take tuples, sets, dicts of tuples or complex numbers
/// (JSON has none of them); <c>mbpp_deserialize_inputs</c> (evalplus/data/mbpp.py) rebuilds them by task id,
/// and so does <c>_eg_mbpp_inputs</c>, group for group (an empty set stays EvalPlus's <c>{}</c>, a dict);</item>
/// <item>the special oracles of <c>unsafe_execute</c> (evalplus/eval/__init__.py, lists in
/// evalplus/eval/_special_oracle.py): <c>are_equivalent</c> (Mbpp/164) always passes, <c>sum_div</c> (Mbpp/295)
/// also passes on 0, <c>surface_Area</c> (Mbpp/581) and <c>digit_distance_nums</c> (Mbpp/558) also pass on the
/// oracle's reading of the task, eight tasks compare as sets, and three whose outputs cannot be serialized
/// only say whether something (not None) came back, on the reference side too (<c>trusted_exec</c>'s
/// <c>output_not_none</c>).</item>
/// </list>
/// </summary>
internal static class MbppPlusRules
{
    /// <summary>The number of an <c>Mbpp/N</c> task id, or null for ids of another shape (a private file's own).</summary>
    public static int? TaskNumber(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        const string Prefix = "Mbpp/";
        return taskId.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(taskId.AsSpan(Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
    }

    /// <summary>Python defining <c>_eg_mbpp_inputs(task, inputs)</c>, <c>_eg_mbpp_same(...)</c> and the oracle lists; indented for the check function's body.</summary>
    public const string Python = """
            _EG_NOT_NONE = ("check_str", "text_match_three", "text_starta_endb")
            _EG_SET_EQ = ("similar_elements", "find_char_long", "common_in_nested_lists", "extract_singly",
                          "larg_nnum", "intersection_array", "find_dissimilar", "Diff")

            def _eg_mbpp_inputs(task, inputs):
                # Each group is one shape of argument list; tasks outside every group take the JSON as it is.
                T = tuple
                def each(convert):
                    return [convert(a) for a in inputs]
                def deep(x):
                    return T(deep(i) for i in x) if isinstance(x, list) else x
                if task in (2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596, 616, 630, 726, 740, 744, 809):
                    return each(lambda a: [T(x) for x in a])
                if task in (63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780):
                    return each(lambda a: [[T(x) for x in arg] for arg in a])
                if task in (75, 413, 444, 753):
                    return each(lambda a: [[T(x) for x in a[0]], a[1]])
                if task in (106, 750):
                    return each(lambda a: [a[0], T(a[1])])
                if task == 115:
                    return each(lambda a: [[set(x) if isinstance(x, list) and x else {} for x in a[0]]])
                if task == 124:
                    return each(lambda a: (float(a[0]), complex(a[1])))
                if task in (250, 405, 446, 617, 720, 763, 808):
                    return each(lambda a: [T(a[0]), a[1]])
                if task in (259, 401, 445):
                    return each(lambda a: [T(T(x) for x in arg) for arg in a])
                if task == 278:
                    return each(lambda a: [T(T(x) if isinstance(x, list) else x for x in a[0])])
                if task == 307:
                    return each(lambda a: [T(a[0]), a[1], a[2]])
                if task == 722:
                    return each(lambda a: [{k: T(v) for k, v in a[0].items()}] + a[1:])
                if task == 252:
                    return each(lambda a: [complex(a[0])])
                if task in (580, 615, 791):
                    return each(deep)
                return inputs

            def _eg_surface_area(base_edge, height):
                # Mbpp/581: "height" read as the pyramid's perpendicular height.
                slant = _eg_math.sqrt((base_edge / 2) ** 2 + height ** 2)
                return round(base_edge ** 2 + 4 * (base_edge * slant) / 2)

            def _eg_digit_distance(a, b):
                # Mbpp/558: the shorter number padded with leading zeros.
                x, y = str(a), str(b)
                width = max(len(x), len(y))
                return sum(abs(int(p) - int(q)) for p, q in zip(x.zfill(width), y.zfill(width)))

            def _eg_mbpp_same(entry_point, args, out, exp, same, atol):
                if entry_point == "are_equivalent":
                    return True
                if entry_point == "sum_div":
                    return same or out == 0
                if entry_point == "surface_Area":
                    return same or abs(out - _eg_surface_area(*args)) <= atol
                if entry_point == "digit_distance_nums":
                    return same or out == _eg_digit_distance(*args)
                if entry_point in _EG_SET_EQ:
                    return set(out) == set(exp)
                if entry_point in _EG_NOT_NONE:
                    return out == exp if isinstance(out, bool) else exp == (out is not None)
                return same

        """;
}
