using System.Text;

namespace EnergyGate.Core.History;

/// <summary>The history file of a machine class: <c>&lt;machine class&gt;.jsonl</c> with every character outside [A-Za-z0-9._-] replaced by '-'.</summary>
public static class HistoryFileName
{
    /// <summary>The history file extension.</summary>
    public const string Extension = ".jsonl";

    /// <summary>
    /// The file name for <paramref name="machineClass"/>. Simple on purpose: the GitHub Action and other
    /// scripts find a class's file by the same rule. Two classes that differ only in replaced characters
    /// share a file; the store keeps them apart by each line's <c>machine_class</c>.
    /// </summary>
    public static string For(string machineClass)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(machineClass);
        var name = new StringBuilder(machineClass.Length + Extension.Length);
        foreach (var ch in machineClass)
        {
            name.Append(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-' ? ch : '-');
        }
        return name.Append(Extension).ToString();
    }
}
