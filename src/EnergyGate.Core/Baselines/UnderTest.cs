using System.Text.Json.Serialization;

namespace EnergyGate.Core.Baselines;

/// <summary>
/// What was measured, as text: model weights hash, runtime and driver versions, decoding settings,
/// prompt template hash, babbling suppression... Differences are listed under "what changed" in
/// reports and do not make a comparison incomparable (unless the policy names the key as strict):
/// a changed model or runtime is usually exactly what the pull request is about.
/// </summary>
/// <param name="Settings">Setting name to value; the well-known names are constants of this type.</param>
[JsonConverter(typeof(UnderTestJsonConverter))]
public sealed record UnderTest(IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>SHA-256 of the model weights.</summary>
    public const string ModelSha256 = "model_sha256";

    /// <summary>Inference runtime version (e.g. ONNX Runtime 1.22.0).</summary>
    public const string RuntimeVersion = "runtime_version";

    /// <summary>GPU driver version.</summary>
    public const string DriverVersion = "driver_version";

    /// <summary>Decoding settings in one string (greedy, temperature, max new tokens...).</summary>
    public const string Decoding = "decoding";

    /// <summary>SHA-256 of the prompt template.</summary>
    public const string PromptTemplateSha256 = "prompt_template_sha256";

    /// <summary><c>chat</c> when the cell gave its prompts in the model's chat format; absent for raw prompts.</summary>
    public const string PromptFormat = "prompt_format";

    /// <summary>Babbling suppression setting.</summary>
    public const string Suppression = "suppression";

    /// <summary>No settings recorded.</summary>
    public static UnderTest Empty { get; } = new(new Dictionary<string, string>());
}
