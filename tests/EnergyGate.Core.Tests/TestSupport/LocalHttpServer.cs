using System.Net;
using System.Net.Sockets;

namespace EnergyGate.Core.Tests.TestSupport;

/// <summary>
/// An HTTP server on 127.0.0.1 and a free port, answering every request with <paramref name="handler"/>,
/// so download code is tested without the network.
/// </summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, Task> _handler;
    private readonly Task _loop;
    private int _requests;

    private LocalHttpServer(HttpListener listener, Uri baseUrl, Func<HttpListenerContext, Task> handler)
    {
        _listener = listener;
        _handler = handler;
        BaseUrl = baseUrl;
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public int Requests => Volatile.Read(ref _requests);

    public static LocalHttpServer Start(Func<HttpListenerContext, Task> handler)
    {
        // Another process may take the probed port before HttpListener binds it; try a few.
        for (var attempt = 0; ; attempt++)
        {
            var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(baseUrl.AbsoluteUri);
            try
            {
                listener.Start();
                return new LocalHttpServer(listener, baseUrl, handler);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>A port nothing listens on right now (for connection-refused tests too).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            try
            {
                await _handler(context);
                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The handler may abort the connection on purpose (truncation tests).
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // .NET's managed endpoint manager looks the endpoint up again on Close and can throw
            // "Address already in use" while other tests start listeners in parallel (seen in CI);
            // Stop has already stopped listening, so there is nothing left to release here.
        }
        await _loop;
    }
}
