using EnergyGate.Core.Configuration;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Measurement.Generators;

namespace EnergyGate.Core.Runtimes.Served;

/// <summary>
/// <c>runtime: openai</c>: a model served behind an OpenAI-compatible HTTP endpoint. Nothing runs in
/// this process; the cell's model entry supplies the tokenizer that counts tokens where the server
/// reports none. Package-free (HttpClient and System.Text.Json), so it lives in Core.
/// </summary>
/// <param name="environment">Reads the API key's variable; null: the process environment.</param>
public sealed class OpenAiRuntime(Func<string, string?>? environment = null) : IRuntimeDescriptor, ICellGeneratorSource
{
    private readonly Func<string, string?> _environment = environment ?? System.Environment.GetEnvironmentVariable;

    /// <inheritdoc/>
    public RuntimeDefinition Definition => RuntimeDefinitions.OpenAi;

    /// <inheritdoc/>
    public string Runtime => Definition.Name;

    /// <inheritdoc/>
    public string Version => "openai-completions-v1";

    /// <inheritdoc/>
    public RuntimeProbe Probe() => new(Version,
        [new ProviderState(RuntimeDefinitions.Remote, true, "requests go over HTTP to `base-url`; the server is reached when a run starts")], null);

    /// <inheritdoc/>
    /// <exception cref="EnergyGateException">Always: a served model has no in-process session.</exception>
    public IDecoderSession Open(string modelDirectory, RuntimeSettings runtime) =>
        throw new EnergyGateException($"EG2076: runtime `{Runtime}` is served: it has no in-process session (commands that run a model in this process, such as `generate`, need an in-process runtime: onnx, torch or llamacpp).");

    /// <summary>
    /// The built-in model is only a tokenizer for a served cell, not the served model, so its shape is
    /// not the work done; a folder's shape is, when it is the served model's folder.
    /// </summary>
    public Work.WorkShape? ReadWorkShape(ResolvedModel model, string preparedPath, RuntimeSettings runtime)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(runtime);
        return model.Tiny is null && !model.IsFile ? Work.WorkShapeReader.Read(model.Path, runtime.DType) : null;
    }

    /// <inheritdoc/>
    public ICellGenerator Open(RunCell cell, CellInputs input, EnergySampler sampler, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(input);
        var settings = OpenAiSettings.From(cell.Runtime);
        var key = ApiKey(settings);
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(settings.Concurrency, 2) })
        {
            // Each request has its own deadline (timeout-seconds) that covers the whole stream, not only the headers.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var requests = new ServedRequest(http, settings, settings.Model ?? cell.Model.Name, key, input.Tokenizer);
        return new OpenAiCellGenerator(http, requests, settings.Concurrency, sampler, time);
    }

    private string? ApiKey(OpenAiSettings settings)
    {
        if (settings.ApiKeyEnv is not { } name)
        {
            return null;
        }
        var key = _environment(name);
        return string.IsNullOrEmpty(key)
            ? throw new EnergyGateException($"EG2077: `api-key-env: {name}` names an environment variable that is not set; export {name} with the server's API key, or drop `api-key-env` for a server without keys.")
            : key;
    }
}
