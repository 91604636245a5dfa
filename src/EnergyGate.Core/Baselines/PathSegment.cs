using System.Security.Cryptography;
using System.Text;

namespace EnergyGate.Core.Baselines;

/// <summary>Turns a name (model id, provider, machine class) into one safe, portable path segment.</summary>
internal static class PathSegment
{
    private static readonly HashSet<string> WindowsReserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>
    /// Keeps letters, digits, '.', '_' and '-'; anything else becomes '_'. When that changed the name,
    /// a short hash of the original is appended so "Qwen/Coder" and "Qwen_Coder" get different files.
    /// </summary>
    public static string Sanitize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var ch in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-' ? ch : '_');
        }
        // Leading dots would hide the file or walk up ("..").
        var safe = builder.ToString().TrimStart('.');
        if (safe.Length > 80)
        {
            safe = safe[..80];
        }
        var stem = safe.Split('.')[0];
        if (safe.Length == 0 || WindowsReserved.Contains(stem))
        {
            safe = "_" + safe;
        }
        return safe == name ? safe : $"{safe}-{ShortHash(name)}";
    }

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
}
