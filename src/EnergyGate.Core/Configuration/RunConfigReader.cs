using EnergyGate.Core.Configuration.Yaml;
using EnergyGate.Core.Runtimes;
using K = EnergyGate.Core.Configuration.ConfigKeys;

using static EnergyGate.Core.Configuration.NodeReader;

namespace EnergyGate.Core.Configuration;

/// <summary>Reads the sections that shape a measurement run: models, runtimes, measurement, decoding.</summary>
internal sealed partial class RunConfigReader(NodeReader r, string baseDirectory)
{
    public const string BuiltinTiny = EnergyGate.Core.Models.BuiltinModels.Tiny;

    public static IReadOnlyList<string> Runtimes => RuntimeDefinitions.Names;

    public static IReadOnlyList<string> DTypes { get; } = [.. RuntimeDefinitions.All.SelectMany(d => d.DTypes).Distinct()];

    public static IReadOnlyList<string> Providers => RuntimeDefinitions.AllProviders;

    public static IReadOnlyList<string> Meters { get; } = [Energy.MeterSelector.Auto, .. Energy.MeterProviders.Names];

    public List<ModelConfig>? Models(YamlNode node, string path)
    {
        var items = List(node, path, "a non-empty list of models");
        var models = new List<ModelConfig>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        for (var i = 0; i < items?.Count; i++)
        {
            var itemPath = NodeReader.Index(path, i);
            var map = r.Mapping(items[i], itemPath, K.Model);
            if (map is null)
            {
                continue;
            }
            var name = r.Required(items[i], map, K.Name, itemPath, (n, p) => r.Text(n, p, "a model name"));
            var source = r.Required(items[i], map, K.Source, itemPath, (n, p) => r.Text(n, p, $"`{BuiltinTiny}`, `{EnergyGate.Core.Models.BuiltinModels.Coder}`, a model folder or hf:OWNER/NAME@REVISION"));
            var tiny = map.TryGetValue(K.Tiny, out var tinyNode) ? Tiny(tinyNode, NodeReader.Join(itemPath, K.Tiny)) : null;
            var hub = HubKeys(map, itemPath, source);
            if (tiny is not null && source is not null && source != BuiltinTiny)
            {
                r.Error(tinyNode!, NodeReader.Join(itemPath, K.Tiny), source == EnergyGate.Core.Models.BuiltinModels.Coder
                    ? $"applies only to `source: {BuiltinTiny}`; `{source}` is a trained model of fixed shape: remove `tiny:`"
                    : $"applies only to `source: {BuiltinTiny}`");
            }
            if (source is not null && EnergyGate.Core.Models.BuiltinModels.IsBuiltinPrefix(source) && !EnergyGate.Core.Models.BuiltinModels.IsKnown(source))
            {
                r.Error(map[K.Source], NodeReader.Join(itemPath, K.Source),
                    $"unknown built-in model `{source}`; expected one of {string.Join(", ", EnergyGate.Core.Models.BuiltinModels.Sources.Select(b => $"`{b}`"))}");
            }
            if (name is not null && !seen.TryAdd(name, map[K.Name]))
            {
                r.Error(map[K.Name], NodeReader.Join(itemPath, K.Name), $"duplicate model `{name}` (first listed at {seen[name].Line}:{seen[name].Column})");
            }
            else if (name is not null && source is not null)
            {
                models.Add(new ModelConfig
                {
                    Name = name, Source = EnergyGate.Core.Models.BuiltinModels.IsBuiltinPrefix(source) || EnergyGate.Core.Models.Hub.HubSource.IsHub(source) ? source : ConfigPaths.Anchor(source, baseDirectory), Tiny = tiny,
                    Files = hub.Files, TokenEnv = hub.TokenEnv,
                    PromptFormat = Optional(map, K.PromptFormat, (n, p) => r.OneOf(n, p, EnergyGate.Core.Suites.PromptFormats.Names), itemPath),
                });
            }
        }
        return items is null ? null : models;
    }

    public static IReadOnlyList<string> TinyArchitectures { get; } = ["gpt2", "llama"];

    private TinyModelConfig? Tiny(YamlNode node, string path)
    {
        var map = r.Mapping(node, path, K.TinySection);
        if (map is null)
        {
            return null;
        }
        var errorsBefore = r.Errors.Count;
        var tiny = new TinyModelConfig
        {
            Layers = Optional(map, K.Layers, r.PositiveInt, path),
            Hidden = Optional(map, K.Hidden, r.PositiveInt, path),
            Heads = Optional(map, K.Heads, r.PositiveInt, path),
            Vocab = Optional(map, K.Vocab, r.PositiveInt, path),
            Context = Optional(map, K.Context, r.PositiveInt, path),
            Seed = Optional(map, K.Seed, r.NonNegativeInt, path),
            Architecture = Optional(map, K.Architecture, (n, p) => r.OneOf(n, p, TinyArchitectures), path),
            KvHeads = Optional(map, K.KvHeads, r.PositiveInt, path),
            Intermediate = Optional(map, K.Intermediate, r.PositiveInt, path),
            RopeTheta = Optional(map, K.RopeTheta, (n, p) => r.Number(n, p, 1, 1e12), path),
            RmsNormEps = Optional(map, K.RmsNormEps, (n, p) => r.Number(n, p, 1e-12, 0.1), path),
        };
        // Fields that combine badly (heads vs kv-heads, llama-only keys on gpt2) are caught here, with
        // the file position, rather than when the model is first generated.
        if (r.Errors.Count == errorsBefore)
        {
            try
            {
                EnergyGate.Core.Models.ModelLocator.TinySpec(tiny).Validate();
            }
            catch (EnergyGateException e)
            {
                r.Error(node, path, e.Message.Replace("EG2010: tiny model spec: ", "", StringComparison.Ordinal));
            }
        }
        return tiny;
    }

    public List<RuntimeConfig>? RuntimeList(YamlNode node, string path)
    {
        var items = List(node, path, "a non-empty list of runtimes");
        var runtimes = new List<RuntimeConfig>();
        var seenCells = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var seenNames = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var entries = new List<(YamlNode Node, string Path, string? Runtime, Dictionary<string, YamlNode> Map)>();
        for (var i = 0; i < items?.Count; i++)
        {
            var itemPath = NodeReader.Index(path, i);
            var map = r.Mapping(items[i], itemPath, K.Runtime);
            if (map is null)
            {
                continue;
            }
            var runtime = r.Required(items[i], map, K.RuntimeName, itemPath, (n, p) => r.OneOf(n, p, Runtimes));
            var provider = r.Required(items[i], map, K.Provider, itemPath, (n, p) => r.OneOf(n, p, Providers));
            var definition = runtime is null ? null : RuntimeDefinitions.Find(runtime);
            entries.Add((items[i], itemPath, runtime, map));
            var config = new RuntimeConfig
            {
                Runtime = runtime ?? "",
                Provider = provider ?? "",
                DeviceId = Optional(map, K.DeviceId, r.NonNegativeInt, itemPath),
                Threads = Optional(map, K.Threads, r.NonNegativeInt, itemPath),
                AllowCpuFallback = Optional(map, K.AllowCpuFallback, r.Bool, itemPath),
                DType = Optional(map, K.DType, (n, p) => r.OneOf(n, p, DTypes), itemPath),
                Name = Optional(map, K.Name, (n, p) => RuntimeEntryName(n, p, runtime), itemPath),
                Options = definition is null ? null : RuntimeOptions(items[i], map, itemPath, definition),
            };
            if (definition is null || provider is null || (map.ContainsKey(K.Name) && config.Name is null))
            {
                continue;
            }
            // Each runtime names its providers and whether it computes in a chosen dtype (torch does).
            if (definition.ProviderRefusal(provider) is { } refusedProvider)
            {
                r.Error(map[K.Provider], NodeReader.Join(itemPath, K.Provider), refusedProvider);
                continue;
            }
            if (config.DType is not null && definition.DTypeRefusal(config.DType, "`dtype`") is { } refusedDType)
            {
                r.Error(map[K.DType], NodeReader.Join(itemPath, K.DType), refusedDType);
                continue;
            }
            if (config.Name is { } name && !seenNames.TryAdd(name, map[K.Name]))
            {
                r.Error(map[K.Name], NodeReader.Join(itemPath, K.Name), $"duplicate runtime name `{name}` (first listed at {seenNames[name].Line}:{seenNames[name].Column})");
                continue;
            }
            // The cell key holds the entry's name (or its runtime) and provider, so two entries that
            // share both would write the same cells and baselines.
            var cell = $"{config.Name ?? runtime}/{provider}";
            if (!seenCells.TryAdd(cell, items[i]))
            {
                var first = seenCells[cell];
                r.Error(items[i], itemPath, config.Name is null
                    ? $"duplicate runtime `{runtime}` with provider `{provider}` (first listed at {first.Line}:{first.Column}); to compare two configurations of one runtime, give each a `name:`, e.g. `name: {runtime}-{provider}-2`"
                    : $"runtime name `{config.Name}` with provider `{provider}` gives the same cell `{cell}` as the entry at {first.Line}:{first.Column}; pick another `name:`");
                continue;
            }
            runtimes.Add(config);
        }
        CheckServerProcess(entries);
        return items is null ? null : runtimes;
    }

    /// <summary>
    /// The entry's runtime-specific keys, checked against its runtime's definition: a key another
    /// runtime owns is an error that names the owner. Null when the entry sets none.
    /// </summary>
    private SortedDictionary<string, string>? RuntimeOptions(YamlNode item, Dictionary<string, YamlNode> map, string itemPath, RuntimeDefinition definition)
    {
        SortedDictionary<string, string>? options = null;
        foreach (var key in RuntimeDefinitions.OptionKeys.Where(map.ContainsKey))
        {
            var path = NodeReader.Join(itemPath, key);
            if (definition.Option(key) is not { } option)
            {
                var owners = RuntimeDefinitions.All.Where(d => d.Option(key) is not null).Select(d => $"`{d.Name}`");
                r.Error(map[key], path, $"`{key}` applies to runtime {string.Join(", ", owners)} only, not `{definition.Name}`");
                continue;
            }
            var value = option.Kind switch
            {
                RuntimeOptionKind.PositiveInteger => r.PositiveInt(map[key], path)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                RuntimeOptionKind.Word => r.OneOf(map[key], path, option.Values),
                _ => OptionText(map[key], path, option),
            };
            if (value is not null)
            {
                (options ??= new(StringComparer.Ordinal))[key] = value;
            }
        }
        foreach (var option in definition.Options.Where(o => o.Required && !map.ContainsKey(o.Key)))
        {
            r.Error(item, itemPath, $"runtime `{definition.Name}` needs `{option.Key}`: {option.Description}");
        }
        if (map.TryGetValue(ServerPid, out var pid) && map.ContainsKey(ServerProcess))
        {
            r.Error(pid, NodeReader.Join(itemPath, ServerPid), $"give `{ServerPid}` or `{ServerProcess}`, not both: they name the one server process tree the estimate meter charges");
        }
        return options;
    }

    private string? OptionText(YamlNode node, string path, RuntimeOption option)
    {
        var text = r.Text(node, path, option.Kind == RuntimeOptionKind.HttpUrl ? "an http:// or https:// URL" : "a non-empty string");
        if (text is not null && option.TextRefusal(text) is { } refused)
        {
            r.Error(node, path, refused);
            return null;
        }
        return text;
    }

    private const string ServerPid = "server-pid";
    private const string ServerProcess = "server-process";

    /// <summary>
    /// A served entry that names its server process makes the estimate meter charge that process
    /// tree instead of this one, so every cell of the plan must be served: an in-process runtime's
    /// work would be charged to nothing.
    /// </summary>
    private void CheckServerProcess(List<(YamlNode Node, string Path, string? Runtime, Dictionary<string, YamlNode> Map)> entries)
    {
        var named = entries.Where(e => e.Runtime == RuntimeDefinitions.OpenAi.Name)
            .SelectMany(e => new[] { ServerPid, ServerProcess }.Where(e.Map.ContainsKey).Select(k => (Entry: e, Key: k)))
            .FirstOrDefault();
        var inProcess = entries.FirstOrDefault(e => e.Runtime is not null && e.Runtime != RuntimeDefinitions.OpenAi.Name);
        if (named.Key is not null && inProcess.Runtime is not null)
        {
            r.Error(named.Entry.Map[named.Key], NodeReader.Join(named.Entry.Path, named.Key),
                $"`{named.Key}` makes the estimate meter measure the server's process tree, so the plan cannot also run in-process runtimes " +
                $"(`{inProcess.Runtime}` at {inProcess.Path}); measure them in a separate run, or drop `{named.Key}`");
        }
    }

    /// <summary>
    /// A runtime entry's <c>name:</c>. It becomes a path segment of baseline files and a part of
    /// cell ids, so it is kept to a plain word; naming an entry after another runtime would make its
    /// cells read as that runtime's.
    /// </summary>
    private string? RuntimeEntryName(YamlNode node, string path, string? runtime)
    {
        var name = r.Text(node, path, "a runtime entry name");
        if (name is null)
        {
            return null;
        }
        if (!RuntimeNamePattern().IsMatch(name))
        {
            r.Error(node, path, $"`{name}` is not a valid runtime name; use letters, digits, '-', '_' and '.', starting with a letter or digit, e.g. `torch-bf16`");
            return null;
        }
        if (Runtimes.Contains(name) && name != runtime)
        {
            r.Error(node, path, $"`{name}` is the name of another runtime; pick a name that says what this `{runtime}` entry varies, e.g. `{runtime}-bf16`");
            return null;
        }
        return name;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial System.Text.RegularExpressions.Regex RuntimeNamePattern();

    public MeasurementConfig? Measurement(YamlNode node, string path)
    {
        var map = r.Mapping(node, path, K.MeasurementSection);
        return map is null ? null : new MeasurementConfig
        {
            Meter = Optional(map, K.Meter, (n, p) => r.OneOf(n, p, Meters), path),
            Repetitions = Optional(map, K.Repetitions, (n, p) => r.IntBetween(n, p, 1, EnergyGate.Core.Measurement.PlanLimits.MaxRepetitions), path),
            Warmup = Optional(map, K.Warmup, (n, p) => r.IntBetween(n, p, 0, EnergyGate.Core.Measurement.PlanLimits.MaxWarmup), path),
            Seed = Optional(map, K.Seed, r.NonNegativeInt, path),
            CooldownSeconds = Optional(map, K.CooldownSeconds, (n, p) => r.Number(n, p, 0, 3600), path),
            IdleSeconds = Optional(map, K.IdleSeconds, (n, p) => r.Number(n, p, 0, 3600), path),
            SampleIntervalMs = Optional(map, K.SampleIntervalMs, r.PositiveInt, path),
            CpuTdpWatts = Optional(map, K.CpuTdpWatts, (n, p) => r.Number(n, p, 0.1, 10_000), path),
            CpuCoreWatts = Optional(map, K.CpuCoreWatts, (n, p) => r.Number(n, p, 0.1, 1_000), path),
            MemoryWatts = Optional(map, K.MemoryWatts, (n, p) => r.Number(n, p, 0, 10_000), path),
            EstimateModel = Optional(map, K.EstimateModel, (n, p) => r.OneOf(n, p, Energy.Estimate.EstimateModelNames.All), path),
            Gpus = Optional(map, K.Gpus, GpuList, path),
        };
    }

    public DecodingConfig? Decoding(YamlNode node, string path)
    {
        var map = r.Mapping(node, path, K.DecodingSection);
        return map is null ? null : new DecodingConfig
        {
            MaxNewTokens = Optional(map, K.MaxNewTokens, r.PositiveInt, path),
            Temperature = Optional(map, K.Temperature, (n, p) => r.Number(n, p, 0, 100), path),
            TopK = Optional(map, K.TopK, r.NonNegativeInt, path),
            TopP = Optional(map, K.TopP, (n, p) => r.Number(n, p, 0, 1), path),
            Seed = Optional(map, K.Seed, r.NonNegativeInt, path),
            Stop = Optional(map, K.Stop, StopStrings, path),
            BatchSizes = BatchSizes(map, path),
            Continuous = Optional(map, K.Continuous, r.Bool, path),
        };
    }

    /// <summary>Most sequences one batch may hold: far above what a CPU gains from, below what would exhaust memory by a typo.</summary>
    public const int MaxBatchSize = 256;

    private List<int>? BatchSizes(Dictionary<string, YamlNode> map, string path)
    {
        if (map.TryGetValue(K.BatchSize, out var one) && map.ContainsKey(K.BatchSizes))
        {
            r.Error(one, NodeReader.Join(path, K.BatchSize), $"give `{K.BatchSize}` (one size) or `{K.BatchSizes}` (a sweep), not both");
            return null;
        }
        if (one is not null)
        {
            return r.IntBetween(one, NodeReader.Join(path, K.BatchSize), 1, MaxBatchSize) is { } size ? [size] : null;
        }
        if (!map.TryGetValue(K.BatchSizes, out var node))
        {
            return null;
        }
        var listPath = NodeReader.Join(path, K.BatchSizes);
        if (node is not YamlSequence { Items.Count: > 0 } list)
        {
            r.Expected(node, listPath, "a non-empty list of batch sizes in increasing order, e.g. [1, 4, 16]");
            return null;
        }
        var sizes = new List<int>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (r.IntBetween(list.Items[i], NodeReader.Index(listPath, i), 1, MaxBatchSize) is not { } size)
            {
                return null;
            }
            if (sizes.Count > 0 && size <= sizes[^1])
            {
                r.Error(list.Items[i], NodeReader.Index(listPath, i), $"{size} comes after {sizes[^1]}; list each batch size once, in increasing order");
                return null;
            }
            sizes.Add(size);
        }
        return sizes;
    }

    private List<int>? GpuList(YamlNode node, string path)
    {
        if (node is not YamlSequence { Items.Count: > 0 } list)
        {
            r.Expected(node, path, "a non-empty list of GPU indices, e.g. [0]");
            return null;
        }
        var result = new List<int>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (r.NonNegativeInt(list.Items[i], NodeReader.Index(path, i)) is { } index)
            {
                result.Add(index);
            }
        }
        return result;
    }

    private List<string>? StopStrings(YamlNode node, string path)
    {
        if (node is not YamlSequence list)
        {
            r.Expected(node, path, "a list of strings (use [] for none)");
            return null;
        }
        var result = new List<string>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (r.Text(list.Items[i], NodeReader.Index(path, i), "a non-empty string") is { } text)
            {
                result.Add(text);
            }
        }
        return result;
    }

    private List<YamlNode>? List(YamlNode node, string path, string expected)
    {
        if (node is YamlSequence { Items.Count: > 0 } list)
        {
            return [.. list.Items];
        }
        r.Expected(node, path, expected);
        return null;
    }
}
