using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EnergyGate.Tool.Serving;

/// <summary>
/// The OpenAI-compatible completions server on Kestrel over one <see cref="ServedModel"/>: started,
/// it answers until <see cref="StopAsync"/>, which stops taking connections, lets requests in flight
/// finish (up to the drain time; then they are cancelled), and ends the generation thread.
/// </summary>
internal sealed class CompletionServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GenerationLoop _loop;
    private bool _stopped;

    private CompletionServer(WebApplication app, GenerationLoop loop, Uri baseUrl) => (_app, _loop, BaseUrl) = (app, loop, baseUrl);

    /// <summary>The API's root, e.g. <c>http://127.0.0.1:8080/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Requests submitted to the model and not yet finished.</summary>
    public int InFlight => _loop.InFlight;

    /// <summary>Binds the address and starts answering; the model is used (not owned) until <see cref="StopAsync"/> returns.</summary>
    public static async Task<CompletionServer> StartAsync(ServedModel model, ServerOptions options, TextWriter log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        log = TextWriter.Synchronized(log);
        // The empty builder reads no appsettings.json, environment or command line: the verb's options are the whole configuration.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.Address, options.Port);
        });
        builder.Services.AddSingleton<IHostLifetime>(new ToolLifetime());
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.Drain);
        var app = builder.Build();
        var info = new ServedModelInfo(model.Name, model.Session.MaxSequenceLength, options.MaxTokensLimit);
        var loop = new GenerationLoop(model.Session, model.Tokenizer, model.Options, log);
        try
        {
            var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            var routes = new ServerRoutes(new CompletionHandler(loop, info, model.Tokenizer, log), info, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), stopping);
            app.Run(routes.HandleAsync);
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new CompletionServer(app, loop, new Uri($"{address.TrimEnd('/')}/v1"));
        }
        catch
        {
            loop.Dispose();
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops taking requests, waits for those in flight (up to the drain time), then ends the generation thread.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        // The host's shutdown timeout (the drain time) bounds this; requests still running then are aborted and cancel their sequences.
        await _app.StopAsync(CancellationToken.None);
        _loop.Stop();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _loop.Dispose();
        await _app.DisposeAsync();
    }
}
