using System.Diagnostics;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Waste.Babbling;

/// <summary>
/// A babbling-suppression criterion that checks the completion only at newline boundaries (a
/// function can only be complete at the end of a line) and counts and times its checks, so a
/// study can charge their overhead against the energy they save.
/// </summary>
public abstract class CheckingCriterion : ITextStoppingCriterion
{
    /// <summary>Which check fired, for <see cref="TextStop.Detail"/>.</summary>
    protected abstract string Name { get; }

    /// <summary>Completions checked so far (one per newline boundary reached).</summary>
    public int Checks { get; private set; }

    /// <summary>Wall-clock time spent in the checks, inside the timed decode phase.</summary>
    public TimeSpan CheckTime { get; private set; }

    /// <summary>Mean time per check; zero before the first.</summary>
    public TimeSpan MeanCheckTime => Checks == 0 ? TimeSpan.Zero : CheckTime / Checks;

    /// <inheritdoc/>
    public TextStop? Check(GeneratedText text)
    {
        var newText = text.NewText;
        for (var i = newText.IndexOf('\n'); i >= 0; i = NextNewline(newText, i))
        {
            var upTo = text.Text[..(text.NewTextStart + i + 1)].ToString();
            if (UsefulEnd(upTo) is { } end)
                return new TextStop(end, Name);
        }
        return null;
    }

    /// <summary>
    /// Where the useful answer ends within <paramref name="completion"/> (text up to and including a
    /// newline), or null when it is not complete yet. Counted and timed.
    /// </summary>
    public int? UsefulEnd(string completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return Evaluate(completion);
        }
        finally
        {
            CheckTime += Stopwatch.GetElapsedTime(started);
            Checks++;
        }
    }

    /// <summary>The check itself; see <see cref="UsefulEnd"/>.</summary>
    protected abstract int? Evaluate(string completion);

    private static int NextNewline(ReadOnlySpan<char> text, int previous)
    {
        var next = text[(previous + 1)..].IndexOf('\n');
        return next < 0 ? -1 : previous + 1 + next;
    }
}
