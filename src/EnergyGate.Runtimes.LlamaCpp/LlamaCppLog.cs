using System.Text;
using LLama.Native;

namespace EnergyGate.Runtimes.LlamaCpp;

/// <summary>
/// llama.cpp's log, kept off the console (it writes every loaded tensor to stderr, which would bury the
/// tool's own output) and held in memory so that a refused file or context can be explained in the error.
/// </summary>
internal static class LlamaCppLog
{
    private const int Kept = 32;
    private static readonly Lock Gate = new();
    private static readonly Queue<(long Sequence, string Text)> Problems = new();
    private static long _sequence;
    private static readonly StringBuilder Pending = new();
    private static LLamaLogLevel _pendingLevel;

    /// <summary>The callback given to LLamaSharp before the natives load.</summary>
    public static void Receive(LLamaLogLevel level, string message)
    {
        lock (Gate)
        {
            // Long messages arrive in pieces: Continue extends the previous level's line.
            if (level != LLamaLogLevel.Continue)
            {
                Flush();
                _pendingLevel = level;
            }
            Pending.Append(message);
            if (message.EndsWith('\n'))
            {
                Flush();
            }
        }
    }

    /// <summary>Marks the log's position: the returned <see cref="Scope.LastErrors"/> reads what llama.cpp complained about since.</summary>
    public static Scope Capture()
    {
        lock (Gate)
        {
            return new Scope(_sequence);
        }
    }

    private static void Flush()
    {
        if (Pending.Length > 0 && _pendingLevel is LLamaLogLevel.Error or LLamaLogLevel.Warning)
        {
            Problems.Enqueue((++_sequence, Pending.ToString().Trim()));
            while (Problems.Count > Kept)
            {
                Problems.Dequeue();
            }
        }
        Pending.Clear();
    }

    /// <summary>A window on llama.cpp's warnings and errors.</summary>
    /// <param name="Start">The last message before the scope began.</param>
    public readonly record struct Scope(long Start)
    {
        /// <summary>The warnings and errors since the scope began, or a note that there were none.</summary>
        public string LastErrors()
        {
            lock (Gate)
            {
                Flush();
                var start = Start;
                var since = Problems.Where(p => p.Sequence > start).Select(p => p.Text).ToList();
                return since.Count == 0 ? "llama.cpp logged no error" : string.Join("; ", since);
            }
        }
    }
}
