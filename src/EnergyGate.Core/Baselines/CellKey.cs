namespace EnergyGate.Core.Baselines;

/// <summary>
/// One cell of the run matrix: a suite run by a model on a runtime and execution provider. Baselines,
/// candidates, findings and acknowledgements are all keyed by it.
/// </summary>
/// <param name="Suite">Suite name, e.g. <c>humaneval</c>.</param>
/// <param name="Model">Model name as configured, e.g. <c>Qwen/Qwen2.5-Coder-1.5B</c>.</param>
/// <param name="Runtime">Inference runtime, e.g. <c>onnx</c>.</param>
/// <param name="Provider">Execution provider, e.g. <c>cuda</c>.</param>
public sealed record CellKey(string Suite, string Model, string Runtime, string Provider)
{
    /// <summary>
    /// The stable string form <c>suite/model/runtime/provider</c>. Model names often contain '/'
    /// (Hugging Face ids), so '%' and '/' inside a part are percent-encoded; <see cref="Parse"/> reverses it.
    /// </summary>
    public override string ToString() => string.Join('/', Escape(Suite), Escape(Model), Escape(Runtime), Escape(Provider));

    /// <summary>
    /// The suite without a suppression-study variant (<c>smoke</c> for <c>smoke+syntax</c>): what the run's facts
    /// (the suite's sha256, its settings) are keyed by. Suite names are plain words, so the first '+' starts the variant.
    /// </summary>
    public string SuiteId => Suite.IndexOf('+', StringComparison.Ordinal) is var plus and >= 0 ? Suite[..plus] : Suite;

    /// <summary>Reads the form written by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">The text does not have exactly four parts.</exception>
    public static CellKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 4)
        {
            throw new FormatException($"'{text}' is not a cell key: expected suite/model/runtime/provider (encode '/' inside a part as %2F)");
        }
        return new CellKey(Unescape(parts[0]), Unescape(parts[1]), Unescape(parts[2]), Unescape(parts[3]));
    }

    private static string Escape(string part) => part.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal);

    private static string Unescape(string part) =>
        part.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase).Replace("%25", "%", StringComparison.Ordinal);
}
