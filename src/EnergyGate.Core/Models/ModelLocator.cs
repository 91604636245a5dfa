using EnergyGate.Core.Configuration;
using EnergyGate.Core.Models.Tiny;

namespace EnergyGate.Core.Models;

/// <summary>Turns a configured model into a folder on disk, generating the built-in one on first use.</summary>
public static class ModelLocator
{
    /// <summary>The built-in model's spec from its configured sizes (unset sizes keep the defaults).</summary>
    public static TinyModelSpec TinySpec(TinyModelConfig? config)
    {
        var d = new TinyModelSpec();
        return d with
        {
            Layers = config?.Layers ?? d.Layers,
            Hidden = config?.Hidden ?? d.Hidden,
            Heads = config?.Heads ?? d.Heads,
            Vocab = config?.Vocab ?? d.Vocab,
            Context = config?.Context ?? d.Context,
            Seed = config?.Seed ?? d.Seed,
            Architecture = config?.Architecture == "llama" ? TinyArchitecture.Llama : TinyArchitecture.Gpt2,
            KvHeads = config?.KvHeads,
            Intermediate = config?.Intermediate,
            RopeTheta = config?.RopeTheta ?? d.RopeTheta,
            RmsNormEps = config?.RmsNormEps ?? d.RmsNormEps,
        };
    }

    /// <summary>The model's folder: the cache entry for <c>builtin:tiny</c> or <c>builtin:coder</c> (written if absent), else the configured folder or GGUF file.</summary>
    public static async Task<string> ResolveAsync(ModelSettings model, string cacheDir, CancellationToken ct = default) =>
        (await LocateAsync(model, cacheDir, ct)).Path;

    /// <summary>The model on disk: the built-in one (written into the cache if absent), a folder, or a <c>.gguf</c> file.</summary>
    /// <exception cref="EnergyGateException">EG2002: the source does not exist or is a file of another kind.</exception>
    public static async Task<Runtimes.ResolvedModel> LocateAsync(ModelSettings model, string cacheDir, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.IsBuiltinTiny)
        {
            var spec = TinySpec(model.Tiny);
            return new(model, await TinyModelCatalog.EnsureAsync(cacheDir, spec, ct), spec) { CacheDir = cacheDir };
        }
        if (model.IsBuiltinCoder)
        {
            // Tiny stays null: its weights are trained, not generated from a spec (see ResolvedModel.Tiny).
            return new(model, await Coder.CoderModelWriter.EnsureAsync(cacheDir, ct), null) { CacheDir = cacheDir };
        }
        if (BuiltinModels.IsBuiltinPrefix(model.Source))
        {
            throw new EnergyGateException(
                $"EG2002: model `{model.Name}`: unknown built-in model '{model.Source}'; use one of {string.Join(", ", BuiltinModels.Sources)}.");
        }
        if (Hub.HubSource.IsHub(model.Source))
        {
            return await LocateHubAsync(model, cacheDir, Hub.HubOptions.FromEnvironment(Environment.GetEnvironmentVariable), Console.Error, ct);
        }
        if (File.Exists(model.Source))
        {
            return model.Source.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)
                ? new(model, model.Source, null) { CacheDir = cacheDir }
                : throw new EnergyGateException(
                    $"EG2002: model `{model.Name}`: '{model.Source}' is a file but not a .gguf file; set `source` to a model folder (model.onnx or model.safetensors + tokenizer.json), a .gguf file, `builtin:tiny` or `builtin:coder`.");
        }
        if (!Directory.Exists(model.Source))
        {
            throw new EnergyGateException(
                $"model `{model.Name}`: folder '{model.Source}' does not exist; set `source` to a model folder (model.onnx + tokenizer.json), a .gguf file, `builtin:tiny` or `builtin:coder`.");
        }
        return new(model, model.Source, null) { CacheDir = cacheDir };
    }

    /// <summary>
    /// A hub model (<c>hf:OWNER/NAME@REVISION</c>) from the cache, downloaded first when online and
    /// absent; its weights hash is the hub's file hashes, so a changed revision changes the fingerprint.
    /// </summary>
    public static async Task<Runtimes.ResolvedModel> LocateHubAsync(
        ModelSettings model, string cacheDir, Hub.HubOptions options, TextWriter log, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var source = Hub.HubSource.Parse(model.Source);
        var tokenVariable = model.TokenEnv ?? Hub.HubOptions.DefaultTokenVariable;
        var hub = await new Hub.HubModelStore(cacheDir).EnsureAsync(
            source, model.Files, options, Environment.GetEnvironmentVariable(tokenVariable), tokenVariable, log, ct);
        return new(model, hub.Path, null) { CacheDir = cacheDir, HubWeightsHash = hub.WeightsHash, HubCommit = hub.Commit };
    }

    /// <summary>Context length fallback when a model folder states none (a common size for code models).</summary>
    public const int DefaultContext = 2048;

    /// <summary>
    /// The model's longest sequence from its Hugging Face config.json (n_positions,
    /// max_position_embeddings, n_ctx) or genai_config.json (search.max_length / model.context_length).
    /// </summary>
    public static int ContextLength(string modelDirectory)
    {
        foreach (var (file, paths) in new[]
        {
            ("config.json", new[] { new[] { "n_positions" }, ["max_position_embeddings"], ["n_ctx"] }),
            ("genai_config.json", [["model", "context_length"], ["search", "max_length"]]),
        })
        {
            var path = Path.Combine(modelDirectory, file);
            if (!File.Exists(path))
            {
                continue;
            }
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            foreach (var keys in paths)
            {
                var node = json.RootElement;
                var found = true;
                foreach (var key in keys)
                {
                    found = node.ValueKind == System.Text.Json.JsonValueKind.Object && node.TryGetProperty(key, out node);
                    if (!found)
                    {
                        break;
                    }
                }
                if (found && node.ValueKind == System.Text.Json.JsonValueKind.Number && node.TryGetInt32(out var value) && value > 0)
                {
                    return value;
                }
            }
        }
        return DefaultContext;
    }

    /// <summary>Parses a <c>--model</c> value: <c>builtin:tiny</c>, <c>builtin:coder</c>, <c>hf:OWNER/NAME@REVISION</c> (named NAME) or a folder path.</summary>
    public static ModelSettings FromArgument(string value) =>
        value == ModelSettings.BuiltinTiny.Source
            ? ModelSettings.BuiltinTiny
            : BuiltinModels.IsBuiltinPrefix(value)
            ? new ModelSettings(BuiltinModels.DefaultName(value), value, null)
            : Hub.HubSource.IsHub(value)
            ? new ModelSettings(Hub.HubSource.Parse(value).Repo.Split('/')[1], value, null)
            : new ModelSettings(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(value))), Path.GetFullPath(value), null);
}
