namespace EnergyGate.Core.Suites.EvalPlus;

/// <summary>The EvalPlus dataset files: the same fields, told apart by how a prompt and a solution fit together.</summary>
public enum EvalPlusFormat
{
    /// <summary>HumanEvalPlus-v*.jsonl.gz: <c>prompt</c> is a signature and docstring, <c>canonical_solution</c> its body.</summary>
    HumanEvalPlus,

    /// <summary>MbppPlus-v*.jsonl.gz: <c>prompt</c> is a docstring (task text and one assert), <c>canonical_solution</c> a whole program.</summary>
    MbppPlus,
}
