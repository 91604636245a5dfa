using System.Text;
using System.Text.RegularExpressions;

namespace EnergyGate.Tool.Tests.Serving;

/// <summary>
/// `energygate serve` run in process through <see cref="ToolApp"/>, as the command line runs it:
/// the URL is read from its startup line; cancelling its token is Ctrl-C.
/// </summary>
internal sealed partial class ServeHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly LineWriter _output = new();
    private readonly LineWriter _error = new();

    private ServeHost(string[] args) => Run = Task.Run(() => ToolApp.RunAsync(args, _output, _error, _stop.Token));

    /// <summary>The verb's exit code, once it returned.</summary>
    public Task<int> Run { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public string StartupLine { get; private set; } = null!;

    public string Error => _error.Text;

    public static async Task<ServeHost> StartAsync(params string[] args)
    {
        var host = new ServeHost(["serve", "--host", "127.0.0.1", "--port", "0", .. args]);
        // Loading the model takes seconds on a busy machine; the bound is only against a hang.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (host._output.Text is var text && !text.Contains('\n', StringComparison.Ordinal))
        {
            if (host.Run.IsCompleted)
            {
                throw new InvalidOperationException($"serve exited with {await host.Run} before serving: {host.Error}");
            }
            await Task.Delay(50, deadline.Token);
        }
        host.StartupLine = host._output.Text.TrimEnd('\n');
        var url = Url().Match(host.StartupLine);
        Assert.True(url.Success, host.StartupLine);
        host.BaseUrl = new Uri(url.Groups[1].Value);
        return host;
    }

    /// <summary>Ctrl-C: the server drains and the verb returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Run;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            await StopAsync();
        }
        _stop.Dispose();
    }

    [GeneratedRegex(@"^serving \S+ \(.+\) at (http://127\.0\.0\.1:\d+/v1)$")]
    private static partial Regex Url();

    /// <summary>A writer the test may read while the verb writes (StringWriter is not thread-safe).</summary>
    private sealed class LineWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_text)
            {
                _text.Append(buffer, index, count);
            }
        }
    }
}
