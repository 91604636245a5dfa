using System.Globalization;
using System.Text;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.Builder;

namespace EnergyGate.Core.Waste.Amplification;

/// <summary>A prompt padded for a prompt-length sweep.</summary>
/// <param name="Text">Context block followed by the original prompt, verbatim.</param>
/// <param name="Tokens">Length of <see cref="Text"/> under the tokenizer.</param>
/// <param name="TargetTokens">The length asked for.</param>
/// <param name="ContextLines">Lines of padding prepended (the first may be cut).</param>
public sealed record SweepPrompt(string Text, int Tokens, int TargetTokens, int ContextLines)
{
    /// <summary>Whether <see cref="Tokens"/> is within <see cref="PromptLengthSweep.Tolerance"/> of the target.</summary>
    public bool WithinTolerance => Math.Abs(Tokens - TargetTokens) <= PromptLengthSweep.Tolerance * TargetTokens;
}

/// <summary>
/// Builds the prompts of a <c>--prompt-lengths</c> sweep: a real prompt behind real code as context,
/// so the model prefills what it would in a repository instead of filler it could shortcut.
/// </summary>
public static class PromptLengthSweep
{
    /// <summary>Relative distance from the target that still counts as hitting it.</summary>
    public const double Tolerance = 0.05;

    /// <summary>The built-in Python corpus joined, as padding that ships with the tool.</summary>
    public static string CorpusPadding() => string.Join("\n", BuiltinCorpus.Sources().Select(s => s.Text));

    /// <summary>Pads <paramref name="task"/>'s prompt; see <see cref="Build(string, ITextTokenizer, int, string)"/>.</summary>
    public static SweepPrompt Build(IBenchmarkTask task, ITextTokenizer tokenizer, int targetTokens, string paddingCode)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Build(task.Prompt, tokenizer, targetTokens, paddingCode);
    }

    /// <summary>
    /// Prepends lines of <paramref name="paddingCode"/>, each as a Python comment so the problem's
    /// program stays valid, until the whole is <paramref name="targetTokens"/> tokens: whole lines
    /// first, then the earliest line cut from its start. Usually exact, a few tokens short where a cut
    /// merges. A prompt already at or over the target is returned unchanged. Deterministic.
    /// </summary>
    /// <exception cref="ArgumentException">The padding has no non-blank line.</exception>
    public static SweepPrompt Build(string prompt, ITextTokenizer tokenizer, int targetTokens, string paddingCode)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(paddingCode);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetTokens);
        var lines = paddingCode.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new ArgumentException("the padding code has no non-blank line", nameof(paddingCode));
        }
        int Count(string text) => tokenizer.Encode(text).Count;
        var own = Count(prompt);
        if (own >= targetTokens)
        {
            return new SweepPrompt(prompt, own, targetTokens, 0);
        }
        // The block ends just before a line chosen by the prompt's hash, and grows backwards: tasks
        // (and lengths of one task) then start with different text, so a runtime's prefix cache
        // cannot serve one sweep prompt's prefill from another's.
        var end = (int)(StableHash(prompt) % (uint)lines.Count);
        string Compose(int whole, int cutChars)
        {
            var text = new StringBuilder();
            if (cutChars > 0)
            {
                var line = lines[Index(end - whole - 1, lines.Count)];
                text.Append("# ").Append(line.AsSpan(line.Length - cutChars)).Append('\n');
            }
            for (var i = whole; i >= 1; i--)
            {
                text.Append("# ").Append(lines[Index(end - i, lines.Count)]).Append('\n');
            }
            return text.Append(prompt).ToString();
        }
        // Upper bound on whole lines: each adds at least one token (its newline), and the padding
        // cycles when it is shorter than the target needs.
        var wholeLines = LargestAtMost(targetTokens - own, k => Count(Compose(k, 0)) <= targetTokens);
        var cutLine = lines[Index(end - wholeLines - 1, lines.Count)];
        var cut = LargestAtMost(cutLine.Length, c => Count(Compose(wholeLines, c)) <= targetTokens);
        // Never start on the second half of a surrogate pair.
        if (cut > 0 && cut < cutLine.Length && char.IsLowSurrogate(cutLine[cutLine.Length - cut]))
        {
            cut--;
        }
        var final = Compose(wholeLines, cut);
        return new SweepPrompt(final, Count(final), targetTokens, wholeLines + (cut > 0 ? 1 : 0));
    }

    /// <summary>Parses <c>--prompt-lengths 128,512,2048</c>: positive integers, increasing, distinct.</summary>
    /// <exception cref="EnergyGateException">A value is not a positive integer, repeats, or is out of order.</exception>
    public static IReadOnlyList<int> ParseLengths(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (text.Trim().Length == 0)
        {
            throw new EnergyGateException("--prompt-lengths: give comma-separated token counts, e.g. 128,512,2048");
        }
        var lengths = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length <= 0)
            {
                throw new EnergyGateException($"--prompt-lengths: '{part}' is not a positive whole number of tokens (e.g. 128,512,2048)");
            }
            if (lengths.Contains(length))
            {
                throw new EnergyGateException($"--prompt-lengths: {length} is listed twice; give each length once");
            }
            if (lengths.Count > 0 && length < lengths[^1])
            {
                throw new EnergyGateException($"--prompt-lengths: {length} comes after {lengths[^1]}; list the lengths in increasing order");
            }
            lengths.Add(length);
        }
        return lengths;
    }

    private static int Index(int i, int count) => ((i % count) + count) % count;

    // Largest k in [0, max] with fits(k), assuming fits is monotone and fits(0) holds.
    private static int LargestAtMost(int max, Func<int, bool> fits)
    {
        var (lo, hi) = (0, max);
        while (lo < hi)
        {
            var mid = lo + (hi - lo + 1) / 2;
            (lo, hi) = fits(mid) ? (mid, hi) : (lo, mid - 1);
        }
        return lo;
    }

    // FNV-1a: string.GetHashCode is randomised per process, and the sweep must be reproducible.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 16777619u;
        }
        return hash;
    }
}
