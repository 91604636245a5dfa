using System.Diagnostics;
using System.Text;

namespace EnergyGate.Core.Scoring;

/// <summary>Keeps the first few KB a process writes to stderr (drained, so it never blocks on a full pipe).</summary>
internal sealed class StderrTail
{
    private const int Limit = 4096;
    private readonly StringBuilder _text = new();

    public StderrTail(Process process)
    {
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_text)
            {
                if (e.Data is not null && _text.Length < Limit)
                {
                    _text.Append(e.Data).Append(' ');
                }
            }
        };
        process.BeginErrorReadLine();
    }

    public string Text()
    {
        lock (_text)
        {
            return _text.ToString().Trim();
        }
    }
}
