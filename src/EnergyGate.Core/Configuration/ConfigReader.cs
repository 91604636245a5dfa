using EnergyGate.Core.Configuration.Yaml;
using K = EnergyGate.Core.Configuration.ConfigKeys;

using EnergyGate.Core.Suites;

using static EnergyGate.Core.Configuration.NodeReader;

namespace EnergyGate.Core.Configuration;

/// <summary>Turns a YAML tree into an <see cref="EnergyGateConfig"/>, recording every schema violation.</summary>
internal sealed partial class ConfigReader
{
    private readonly string fileName;
    private readonly string baseDirectory;
    private readonly NodeReader r;
    private readonly RunConfigReader run;
    private readonly GateReader gate;

    public ConfigReader(string fileName, string baseDirectory)
    {
        this.fileName = fileName;
        this.baseDirectory = baseDirectory;
        r = new NodeReader(fileName);
        run = new RunConfigReader(r, baseDirectory);
        gate = new GateReader(r);
    }

    public IReadOnlyList<ConfigError> Errors => r.Errors;

    public EnergyGateConfig Read(YamlNode? root)
    {
        var config = new EnergyGateConfig { File = fileName, BaseDirectory = baseDirectory };
        // An empty file is a mapping with no keys as far as the user is concerned: report the missing version at 1:1.
        root ??= new YamlMapping(1, 1, []);
        var map = r.Mapping(root, "", K.Root, K.NotYetSupported);
        if (map is null)
        {
            return config;
        }
        ReadVersion(root, map);
        var read = config with
        {
            Python = Optional(map, K.Python, (n, p) => r.Text(n, p, "a path or command name") is { } v
                ? (ConfigPaths.IsCommandName(v) ? v : ConfigPaths.Anchor(v, baseDirectory)) : null),
            CacheDir = Optional(map, K.CacheDir, Path),
            ResultsDir = Optional(map, K.ResultsDir, Path),
            Suites = Optional(map, K.Suites, Suites),
            Sandbox = Optional(map, K.Sandbox, Sandbox),
            Models = Optional(map, K.Models, run.Models),
            Runtimes = Optional(map, K.Runtimes, run.RuntimeList),
            Measurement = Optional(map, K.Measurement, run.Measurement),
            Decoding = Optional(map, K.Decoding, run.Decoding),
            BaselinesDir = Optional(map, K.Baselines, Path),
            MachineClass = Optional(map, K.MachineClass, gate.MachineClass),
            Gate = Optional(map, K.Gate, gate.Gate),
            Report = Optional(map, K.Report, new ReportConfigReader(r).Report),
        };
        CheckBatching(read, map);
        return read;
    }

    /// <summary>A batch size above 1 needs every runtime entry to batch on its provider; the error points at the batch key.</summary>
    private void CheckBatching(EnergyGateConfig config, Dictionary<string, YamlNode> map)
    {
        if (config.Decoding?.BatchSizes is not { } sizes || sizes.All(s => s == 1)
            || map.GetValueOrDefault(K.Decoding) is not YamlMapping decoding)
        {
            return;
        }
        var key = decoding.Entries.First(e => e.Key is YamlScalar { Value: K.BatchSize or K.BatchSizes });
        var keyName = ((YamlScalar)key.Key).Value;
        var runtimes = config.Runtimes ?? [];
        for (var i = 0; i < runtimes.Count; i++)
        {
            if (Runtimes.RuntimeDefinitions.Find(runtimes[i].Runtime)?.BatchingRefusal(runtimes[i].Provider) is { } refusal)
            {
                r.Error(key.Value, NodeReader.Join(K.Decoding, keyName), $"{refusal} (runtimes[{i}]); measure that entry in a plan without batching");
            }
        }
    }

    private void ReadVersion(YamlNode root, Dictionary<string, YamlNode> map)
    {
        if (!map.TryGetValue(K.Version, out var node))
        {
            r.Error(root, K.Version, $"required; add `version: {K.CurrentVersion}` at the top of the file");
        }
        else if (node is not YamlScalar { IsPlain: true, Value: "1" })
        {
            r.Expected(node, K.Version, $"{K.CurrentVersion} (the only format this version of EnergyGate reads)");
        }
    }

    private string? Path(YamlNode node, string path) =>
        r.Text(node, path, "a path") is { } v ? ConfigPaths.Anchor(v, baseDirectory) : null;

    private List<SuiteConfig>? Suites(YamlNode node, string path)
    {
        if (node is not YamlSequence { Items.Count: > 0 } list)
        {
            r.Expected(node, path, "a non-empty list of suites");
            return null;
        }
        var suites = new List<SuiteConfig>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var suite = Suite(list.Items[i], NodeReader.Index(path, i), seen);
            if (suite is not null)
            {
                suites.Add(suite);
            }
        }
        return suites;
    }

    private SuiteConfig? Suite(YamlNode node, string path, Dictionary<string, YamlNode> seen)
    {
        var map = r.Mapping(node, path, K.Suite);
        if (map is null)
        {
            return null;
        }
        var kind = Optional(map, K.Kind, (n, p) => r.OneOf(n, p, SuiteKinds), path);
        var name = map.ContainsKey(K.Kind) ? OwnSuiteName(node, map, path, seen) : SuiteName(node, map, path, seen);
        var samples = Optional(map, K.SamplesPerTask, r.PositiveInt, path);
        var dataDir = Optional(map, K.DataDir, Path, path);
        // When samples-per-task is itself invalid, comparing k with it would only add noise.
        var samplesForCheck = samples ?? (map.ContainsKey(K.SamplesPerTask) ? int.MaxValue : 1);
        var k = Optional(map, K.K, (n, p) => PassAtK(n, p, samplesForCheck), path);
        var file = Optional(map, K.File, Path, path);
        var definition = kind is not null ? SuiteDefinitions.Find(kind) : name is null || map.ContainsKey(K.Kind) ? null : SuiteDefinitions.Find(name);
        if (kind is not null && file is null && !map.ContainsKey(K.File))
        {
            r.Error(map[K.Kind], NodeReader.Join(path, K.Kind), $"a suite with a name of its own reads its problems from `file:` in the `{kind}` format; add e.g. `file: problems.jsonl`");
        }
        if (dataDir is not null && definition is not null && !definition.Sources.HasFlag(SuiteSources.DataDir))
        {
            r.Error(map[K.DataDir], NodeReader.Join(path, K.DataDir), $"applies only to suites read from a folder ({Accepting(SuiteSources.DataDir)})");
        }
        if (file is not null && definition is not null && !definition.Sources.HasFlag(SuiteSources.File))
        {
            r.Error(map[K.File], NodeReader.Join(path, K.File), $"applies only to suites read from a file ({Accepting(SuiteSources.File)}), e.g. a file from `dotnet energygate suite build lcc`");
        }
        else if (file is not null && dataDir is not null)
        {
            r.Error(map[K.File], NodeReader.Join(path, K.File), "give either `data-dir` or `file`, not both");
        }
        var suppression = Optional(map, K.Suppression, (n, p) => r.OneOf(n, p, SuppressionNames.All), path);
        if (suppression is not null && definition is not null && !definition.Suppressions.Contains(suppression))
        {
            // Only the code-checking strategies are refused anywhere, and only where there is no code to check.
            var applies = SuiteDefinitions.NamesWhere(d => d.Suppressions.Contains(suppression));
            r.Error(map[K.Suppression], NodeReader.Join(path, K.Suppression), $"`{suppression}` checks code and applies only to code-generation suites ({string.Join(", ", applies)}); use {string.Join(" or ", definition.Suppressions)}");
        }
        var promptFormat = Optional(map, K.PromptFormat, (n, p) => r.OneOf(n, p, PromptFormats.Names), path);
        if (promptFormat == PromptFormats.Chat && definition is not null && definition.Kind != SuiteKind.Generation)
        {
            // LongBench's own pred.py gives its code tasks (lcc, repobench-p) to chat models without the chat
            // format: a next-line completion is not a conversation. A model-level chat leaves these suites raw.
            r.Error(map[K.PromptFormat], NodeReader.Join(path, K.PromptFormat),
                $"`{PromptFormats.Chat}` applies only to code-generation suites ({string.Join(", ", SuiteDefinitions.NamesWhere(d => d.Kind == SuiteKind.Generation))}); " +
                $"`{name}` completes code from long context, which LongBench gives chat models raw too; remove the key or use `{PromptFormats.Raw}`");
        }
        return name is null ? null : new SuiteConfig
        {
            Name = name,
            DataDir = dataDir,
            File = file,
            K = k,
            SamplesPerTask = samples,
            Limit = Optional(map, K.Limit, r.PositiveInt, path),
            Suppression = suppression,
            PromptFormat = promptFormat,
            Kind = kind,
        };
    }

    private static string Accepting(SuiteSources source) =>
        string.Join(", ", SuiteDefinitions.NamesWhere(d => d.Sources.HasFlag(source)));

    /// <summary>The suites a file of one's own can be read as (<c>kind:</c>).</summary>
    public static IReadOnlyList<string> SuiteKinds { get; } = SuiteDefinitions.NamesWhere(d => d.Sources.HasFlag(SuiteSources.File));

    /// <summary>
    /// The <c>name</c> of a suite with <c>kind:</c>: a word of one's own that stands for the suite in cell ids and
    /// baseline paths, so it cannot hold '/' and cannot be a built-in suite's name (its cells would read as that suite's).
    /// </summary>
    private string? OwnSuiteName(YamlNode suite, Dictionary<string, YamlNode> map, string path, Dictionary<string, YamlNode> seen)
    {
        var namePath = NodeReader.Join(path, K.Name);
        if (!map.TryGetValue(K.Name, out var node))
        {
            r.Error(suite, namePath, "required; with `kind:` it is the suite's own name, e.g. `my-suite`");
            return null;
        }
        var name = r.Text(node, namePath, "a suite name of your own");
        if (name is null)
        {
            return null;
        }
        if (SuiteDefinitions.Find(name) is not null)
        {
            r.Error(node, namePath, $"`{name}` is a built-in suite; with `kind:` give the suite a name of its own (e.g. `my-{name}`), or drop `kind:` to run `{name}` from `file:`");
            return null;
        }
        if (!OwnSuiteNamePattern().IsMatch(name))
        {
            r.Error(node, namePath, $"`{name}` is not a valid suite name; use letters, digits, '-', '_' and '.', starting with a letter or digit, e.g. `my-suite`");
            return null;
        }
        if (!seen.TryAdd(name, node))
        {
            r.Error(node, namePath, $"duplicate suite `{name}` (first listed at {seen[name].Line}:{seen[name].Column})");
            return null;
        }
        return name;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial System.Text.RegularExpressions.Regex OwnSuiteNamePattern();

    private string? SuiteName(YamlNode suite, Dictionary<string, YamlNode> map, string path, Dictionary<string, YamlNode> seen)
    {
        var namePath = NodeReader.Join(path, K.Name);
        var valid = string.Join(", ", SuiteDefinitions.Names);
        if (!map.TryGetValue(K.Name, out var node))
        {
            r.Error(suite, namePath, $"required; expected one of: {valid}");
            return null;
        }
        var name = r.Text(node, namePath, $"a suite name ({valid})");
        if (name is null)
        {
            return null;
        }
        if (SuiteDefinitions.Find(name) is null)
        {
            var hint = DidYouMean.Suggest(name, SuiteDefinitions.Names) is { } s ? $"did you mean `{s}`? " : "";
            r.Error(node, namePath, $"unknown suite {ValueFormats.Quote(name)}; {hint}valid suites: {valid}");
            return null;
        }
        if (!seen.TryAdd(name, node))
        {
            r.Error(node, namePath, $"duplicate suite `{name}` (first listed at {seen[name].Line}:{seen[name].Column})");
            return null;
        }
        return name;
    }

    private List<int>? PassAtK(YamlNode node, string path, int samplesPerTask)
    {
        if (node is not YamlSequence { Items.Count: > 0 } list)
        {
            r.Expected(node, path, "a non-empty list of positive integers");
            return null;
        }
        var ks = new List<int>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = NodeReader.Index(path, i);
            if (r.PositiveInt(list.Items[i], itemPath) is not { } k)
            {
                continue;
            }
            if (ks.Contains(k))
            {
                r.Error(list.Items[i], itemPath, $"duplicate value {k}");
            }
            else if (k > samplesPerTask)
            {
                // The unbiased pass@k estimator needs n >= k samples per problem.
                r.Error(list.Items[i], itemPath,
                    $"pass@{k} needs at least {k} samples per task, but `{K.SamplesPerTask}` is {samplesPerTask}");
            }
            ks.Add(k);
        }
        return ks;
    }

    private SandboxConfig? Sandbox(YamlNode node, string path)
    {
        var map = r.Mapping(node, path, K.SandboxSection);
        return map is null ? null : new SandboxConfig
        {
            TimeoutSeconds = Optional(map, K.Timeout, r.Seconds, path),
            MemoryMib = Optional(map, K.MemoryMib, r.PositiveInt, path),
            CpuSeconds = Optional(map, K.CpuSeconds, r.PositiveInt, path),
            FileSizeMib = Optional(map, K.FileSizeMib, r.PositiveInt, path),
            MaxProcesses = Optional(map, K.MaxProcesses, r.PositiveInt, path),
            Workers = Optional(map, K.Workers, r.PositiveInt, path),
            Isolation = Optional(map, K.Isolation, (n, p) => r.OneOf(n, p, SandboxIsolationNames.All), path),
            OracleFactor = Optional(map, K.OracleFactor, (n, p) => r.Number(n, p, 0.01, 1000), path),
            OracleMinSeconds = Optional(map, K.OracleMinSeconds, r.Seconds, path),
        };
    }
}
