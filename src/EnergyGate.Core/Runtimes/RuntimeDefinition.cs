namespace EnergyGate.Core.Runtimes;

/// <summary>What a model source may be for a runtime.</summary>
[Flags]
public enum ModelSourceKinds
{
    /// <summary>A folder in the Hugging Face layout (config.json, tokenizer.json, weights), or <c>builtin:tiny</c>.</summary>
    Folder = 1,

    /// <summary>A single GGUF file (llama.cpp's format, tokenizer and hyper-parameters in its header).</summary>
    GgufFile = 2,
}

/// <summary>
/// What energygate.yml may say about one runtime: its name, providers, element types and its own
/// options. Plain data in Core, so the configuration reader, the schema test and the docs know every
/// runtime without loading a native library; the runtime's package supplies the rest
/// (<see cref="IRuntimeDescriptor"/>).
/// </summary>
/// <param name="Name">The value of <c>runtimes[*].runtime</c>, e.g. <c>onnx</c>.</param>
/// <param name="DisplayName">For doctor and reports, e.g. <c>ONNX Runtime</c>.</param>
/// <param name="Providers">The execution providers it accepts (a subset of <see cref="RuntimeDefinitions.AllProviders"/>).</param>
public sealed record RuntimeDefinition(string Name, string DisplayName, IReadOnlyList<string> Providers)
{
    /// <summary>Accepted <c>dtype</c> values; empty: the runtime computes in the model file's types and refuses the key.</summary>
    public IReadOnlyList<string> DTypes { get; init; } = [];

    /// <summary>Keys only this runtime accepts, with their validation.</summary>
    public IReadOnlyList<RuntimeOption> Options { get; init; } = [];

    /// <summary>The model sources it runs.</summary>
    public ModelSourceKinds Sources { get; init; } = ModelSourceKinds.Folder;

    /// <summary>
    /// True for a model behind a server (<c>runtime: openai</c>): nothing loads in this process, so it has
    /// no decoder session (its cells generate through their own <c>ICellGeneratorSource</c>).
    /// </summary>
    public bool Served { get; init; }

    /// <summary>
    /// Whether the runtime's package opens <see cref="Generation.Batching.IBatchDecoderSession"/>s, so a
    /// cell may run with <c>decoding.batch-size</c> above 1; the value names the providers that batch.
    /// </summary>
    public IReadOnlyList<string> BatchingProviders { get; init; } = [];

    /// <summary>Why a batch size above 1 is refused on <paramref name="provider"/>, or null when the runtime batches there.</summary>
    public string? BatchingRefusal(string provider) => BatchingProviders.Contains(provider)
        ? null
        : BatchingProviders.Count == 0
            ? $"runtime `{Name}` decodes one sequence at a time; batch sizes above 1 run on {string.Join(", ", RuntimeDefinitions.All.Where(d => d.BatchingProviders.Count > 0).Select(d => $"`{d.Name}`"))}"
            : $"runtime `{Name}` batches on {string.Join(", ", BatchingProviders.Select(p => $"`{p}`"))}, not `{provider}`";

    /// <summary>Why a provider is refused, beyond the list (e.g. "tensorrt is an ONNX Runtime provider").</summary>
    public Func<string, string?> ProviderHint { get; init; } = _ => null;

    /// <summary>Why <paramref name="provider"/> is refused, or null when the runtime runs on it.</summary>
    public string? ProviderRefusal(string provider) => Providers.Contains(provider)
        ? null
        : ProviderHint(provider) ?? $"runtime `{Name}` runs on {string.Join(", ", Providers.Select(p => $"`{p}`"))}, not `{provider}`";

    /// <summary>Why <paramref name="dtype"/> is refused, or null; <paramref name="key"/> names the setting in the message (e.g. <c>`dtype`</c>).</summary>
    public string? DTypeRefusal(string dtype, string key) => DTypes.Contains(dtype)
        ? null
        : DTypes.Count == 0
            ? $"{key} applies to the {string.Join(", ", RuntimeDefinitions.All.Where(d => d.DTypes.Count > 0).Select(d => d.Name))} runtime only; runtime `{Name}` computes in the model file's types"
            : $"runtime `{Name}` computes in {string.Join(", ", DTypes)}, not `{dtype}`";

    /// <summary>The option named <paramref name="key"/>, or null.</summary>
    public RuntimeOption? Option(string key) => Options.FirstOrDefault(o => o.Key == key);
}

/// <summary>What kind of value a <see cref="RuntimeOption"/> takes.</summary>
public enum RuntimeOptionKind
{
    /// <summary>One of <see cref="RuntimeOption.Values"/>.</summary>
    Word,

    /// <summary>An integer of at least 1.</summary>
    PositiveInteger,

    /// <summary>An absolute http:// or https:// URL.</summary>
    HttpUrl,

    /// <summary>The name of an environment variable: <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    EnvironmentVariable,

    /// <summary>Any non-empty text without control characters (a model or process name).</summary>
    Text,
}

/// <summary>One runtime-specific key of a <c>runtimes:</c> entry and the values it takes.</summary>
/// <param name="Key">The key, e.g. <c>kv-cache-type</c>.</param>
/// <param name="Description">One line for docs and the schema.</param>
/// <param name="Values">The accepted words; empty for any other kind.</param>
public sealed record RuntimeOption(string Key, string Description, IReadOnlyList<string> Values)
{
    /// <summary>A free-text option of <paramref name="kind"/> (not <see cref="RuntimeOptionKind.Word"/>).</summary>
    public RuntimeOption(string key, string description, RuntimeOptionKind kind)
        : this(key, description, []) => Kind = kind;

    /// <summary>The kind of value; words when <see cref="Values"/> is not empty, a positive integer by default otherwise.</summary>
    public RuntimeOptionKind Kind { get; init; } = Values.Count > 0 ? RuntimeOptionKind.Word : RuntimeOptionKind.PositiveInteger;

    /// <summary>True when the option takes a positive integer rather than a word.</summary>
    public bool IsPositiveInteger => Kind == RuntimeOptionKind.PositiveInteger;

    /// <summary>Whether the entry must set this key.</summary>
    public bool Required { get; init; }

    /// <summary>Why <paramref name="value"/> is refused for a free-text kind, or null when it is accepted.</summary>
    public string? TextRefusal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Kind switch
        {
            RuntimeOptionKind.HttpUrl => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
                ? null
                : $"`{value}` is not an absolute http:// or https:// URL, e.g. `http://127.0.0.1:8000`",
            RuntimeOptionKind.EnvironmentVariable => EnvironmentNamePattern.IsMatch(value)
                ? null
                : $"`{value}` is not an environment variable name; use letters, digits and '_', not starting with a digit, e.g. `OPENAI_API_KEY` (the name, never the key itself)",
            _ => value.Any(char.IsControl) ? "control characters are not allowed" : null,
        };
    }

    private static readonly System.Text.RegularExpressions.Regex EnvironmentNamePattern = new("^[A-Za-z_][A-Za-z0-9_]*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
