using System.Diagnostics;
using System.Globalization;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// Run progress on stderr: one redrawn line with an ETA on a terminal; in CI logs (redirected) a
/// plain line every 10 % so logs stay short.
/// </summary>
internal sealed class RunProgressDisplay(TextWriter error, bool redirected) : IProgress<RunProgress>, IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _startDone = -1;
    private int _lastDecile = -1;
    private bool _drew;

    public void Report(RunProgress value)
    {
        if (_startDone < 0)
        {
            _startDone = value.Done;   // samples found when resuming do not count toward the rate
        }
        var fraction = value.Total == 0 ? 1 : (double)value.Done / value.Total;
        var measured = value.Done - _startDone;
        var eta = measured > 0 ? TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds / measured * (value.Total - value.Done)) : (TimeSpan?)null;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"run: {value.Done}/{value.Total} samples ({fraction * 100:0}%) {value.Cell}{(value.Warmup ? " warm-up" : "")}{(eta is { } e ? $", ETA {e:hh\\:mm\\:ss}" : "")}");
        if (redirected)
        {
            var decile = (int)(fraction * 10);
            if (decile != _lastDecile)
            {
                _lastDecile = decile;
                error.WriteLine(line);
            }
            return;
        }
        error.Write("\r" + line.PadRight(100));
        _drew = true;
    }

    public void Dispose()
    {
        if (_drew)
        {
            error.WriteLine();
        }
    }
}
