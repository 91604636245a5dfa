using System.Text.RegularExpressions;

namespace EnergyGate.Core.Models.Hub;

/// <summary>
/// Which files of a hub repository a model needs: the plan's <c>files:</c> globs, or by default what
/// the runtimes read from a folder (ONNX graphs and their external data, safetensors shards and index,
/// configs, tokenizer files). GGUF repositories hold many quantizations of several GB each, so a
/// <c>.gguf</c> file is taken only when <c>files:</c> names it.
/// </summary>
public static class HubFileSelection
{
    /// <summary>The default patterns, in the glob syntax of <c>files:</c>.</summary>
    public static IReadOnlyList<string> DefaultPatterns { get; } =
    [
        "*.json", "*.onnx", "*.onnx_data", "*.onnx.data", "*.safetensors", "merges.txt", "vocab.txt", "tokenizer.model",
        "onnx/*.json", "onnx/*.onnx", "onnx/*.onnx_data", "onnx/*.onnx.data",
    ];

    /// <summary>The files of <paramref name="all"/> that match any of <paramref name="patterns"/> (null: the defaults), sorted by path.</summary>
    public static IReadOnlyList<HubFile> Select(IReadOnlyList<HubFile> all, IReadOnlyList<string>? patterns)
    {
        var regexes = (patterns ?? DefaultPatterns).Select(ToRegex).ToList();
        return [.. all.Where(f => regexes.Any(r => r.IsMatch(f.Path))).OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A glob over the whole '/'-separated path: <c>*</c> and <c>?</c> stay within one folder, <c>**</c>
    /// crosses folders. A pattern without '/' matches files at the repository's root only, as
    /// huggingface_hub's <c>allow_patterns</c> users expect for <c>*.json</c>.
    /// </summary>
    public static Regex ToRegex(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        var pattern = new System.Text.StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                pattern.Append(".*");
                i++;
                // "**/" also matches no folder at all.
                if (i + 1 < glob.Length && glob[i + 1] == '/')
                {
                    pattern.Length -= 2;
                    pattern.Append("(?:.*/)?");
                    i++;
                }
            }
            else
            {
                pattern.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }
        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>Null when <paramref name="glob"/> is usable in <c>files:</c>, else why not.</summary>
    public static string? Problem(string glob) =>
        glob.Length == 0 ? "an empty pattern"
        : glob.StartsWith('/') ? "a pattern relative to the repository root (no leading '/')"
        : glob.Contains('\\') ? "'/' as the folder separator"
        : glob.Split('/').Any(p => p is ".." or ".") ? "a path without '.' or '..' parts"
        : null;
}
