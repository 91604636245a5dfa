using System.CommandLine;
using System.Net;
using EnergyGate.Core;
using EnergyGate.Core.Models;
using EnergyGate.Core.Runtimes;
using EnergyGate.Tool.Serving;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// <c>serve</c>: an OpenAI-compatible completions server (streaming included) over one model on one
/// runtime, its requests batched by Core's scheduler, until Ctrl-C or SIGTERM; then it drains.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var settings = new SettingsOptions();
        var target = new ModelRuntimeOptions();
        var host = new Option<string>("--host") { Description = "Address to listen on (an IP address, or localhost for 127.0.0.1).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on; 0 picks a free one (the startup line names it).", DefaultValueFactory = _ => 8080 };
        var maxBatch = new Option<int>("--max-batch") { Description = "Most sequences decoded together (runtimes that batch; others serve one at a time).", DefaultValueFactory = _ => 8 };
        var continuous = new Option<bool>("--continuous") { Description = "true: a request joins the batch as soon as a slot frees; false: static batches.", DefaultValueFactory = _ => true };
        var modelName = new Option<string?>("--model-name") { Description = "The model id clients send (default: the model's name)." };
        var maxTokensLimit = new Option<int?>("--max-new-tokens-limit") { Description = "Refuse requests whose max_tokens is above this (default: the model's context is the limit)." };
        var drain = new Option<double>("--drain-seconds") { Description = "On Ctrl-C or SIGTERM, how long requests in flight may finish before they are cut.", DefaultValueFactory = _ => 30 };
        var command = new Command("serve", "Serve the model over an OpenAI-compatible completions API (streaming, batched) until Ctrl-C.")
        {
            host, port, maxBatch, continuous, modelName, maxTokensLimit, drain,
        };
        target.AddTo(command);
        settings.AddTo(command);
        CommandAction.Set(command, async (parse, ct) =>
        {
            var options = new ServerOptions(
                Address(parse.GetValue(host)!),
                Check(parse.GetValue(port), "--port", 0, IPEndPoint.MaxPort),
                TimeSpan.FromSeconds(Check(parse.GetValue(drain), "--drain-seconds", 0, 3600)),
                parse.GetValue(maxTokensLimit) is { } limit ? Check(limit, "--max-new-tokens-limit", 1, int.MaxValue) : null);
            var slots = Check(parse.GetValue(maxBatch), "--max-batch", 1, 4096);
            var name = parse.GetValue(modelName);
            if (name is not null && string.IsNullOrWhiteSpace(name))
            {
                throw new EnergyGateException("--model-name is empty: give the id clients will send, or leave it out for the model's name.");
            }
            var runtimeSettings = target.Runtime(parse);
            var resolved = settings.Resolve(parse);
            using var served = await ServedModel.OpenAsync(target.Model(parse), runtimeSettings, resolved.CacheDir,
                slots, parse.GetValue(continuous), name, ct);
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            await using var server = await CompletionServer.StartAsync(served, options, error, ct);
            // Scripts and tests read the URL from this line: keep its shape, and flush it now.
            await output.WriteLineAsync($"serving {served.Name} ({served.Session.Description}, {served.Batching}) at {server.BaseUrl}");
            await output.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl-C or SIGTERM: the expected way out of a server.
            }
            await error.WriteLineAsync($"energygate: serve: stopping; finishing {server.InFlight} request(s) in flight (up to {options.Drain.TotalSeconds:0.#} s)");
            await server.StopAsync();
            return ExitCode.Ok;
        });
        return command;
    }

    private static IPAddress Address(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var address) ? address
        : throw new EnergyGateException($"--host '{host}' is not an IP address: give one (127.0.0.1, 0.0.0.0, ::1) or localhost.");

    private static T Check<T>(T value, string option, T min, T max) where T : System.Numerics.INumber<T> =>
        value >= min && value <= max
            ? value
            : throw new EnergyGateException($"{option} is {value}: it must be from {min} to {max}.");
}
