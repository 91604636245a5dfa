using System.Text.Json.Nodes;
using EnergyGate.Core;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>
/// A model folder's ONNX file and the facts its JSON files state: onnxruntime-genai's
/// <c>genai_config.json</c> (file name, tensor names, sizes) and Hugging Face's <c>config.json</c>.
/// </summary>
internal sealed record OnnxModelFolder(string Folder, string ModelPath, JsonNode? GenAi, JsonNode? HfConfig)
{
    // Files optimum and onnxruntime-genai write, most specific first; a merged decoder does both phases.
    private static readonly string[] KnownNames = ["model.onnx", "decoder_model_merged.onnx", "decoder_with_past_model.onnx", "past.onnx"];

    public static OnnxModelFolder Resolve(string path)
    {
        string folder = File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : path;
        if (!Directory.Exists(folder))
        {
            throw new EnergyGateException($"EG2002: model folder '{path}' does not exist.");
        }

        var genAi = ReadJson(Path.Combine(folder, "genai_config.json"));
        var hf = ReadJson(Path.Combine(folder, "config.json"));
        string? file = File.Exists(path) ? path
            : genAi?["model"]?["decoder"]?["filename"]?.GetValue<string>() is { } named ? Path.Combine(folder, named)
            : KnownNames.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists);
        if (file is null)
        {
            var onnx = Directory.GetFiles(folder, "*.onnx");
            file = onnx.Length == 1 ? onnx[0] : throw new EnergyGateException(
                $"EG2002: no decoder model in '{folder}': expected genai_config.json naming one, one of {string.Join(", ", KnownNames)}, or a single .onnx file (found {onnx.Length}).");
        }

        return File.Exists(file) ? new OnnxModelFolder(folder, file, genAi, hf)
            : throw new EnergyGateException($"EG2002: model file '{file}' does not exist.");
    }

    /// <summary>A decoder setting from genai_config.json (model.decoder.*), else config.json under any of the HF names.</summary>
    public int? Setting(string genAiDecoderKey, params string[] hfKeys) =>
        Int(GenAi?["model"]?["decoder"]?[genAiDecoderKey]) ?? hfKeys.Select(k => Int(HfConfig?[k])).FirstOrDefault(v => v is not null);

    /// <summary>A model-level setting from genai_config.json (model.*), else config.json.</summary>
    public int? ModelSetting(string genAiKey, params string[] hfKeys) =>
        Int(GenAi?["model"]?[genAiKey]) ?? hfKeys.Select(k => Int(HfConfig?[k])).FirstOrDefault(v => v is not null);

    /// <summary>A tensor name template from genai_config.json's decoder inputs or outputs.</summary>
    public string? Name(string section, string key) => GenAi?["model"]?["decoder"]?[section]?[key]?.GetValue<string>();

    public string DisplayName => Path.GetFileName(Folder.TrimEnd(Path.DirectorySeparatorChar));

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue(out int i) ? i : null;

    private static JsonNode? ReadJson(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new EnergyGateException($"EG2002: {path} is not valid JSON: {e.Message}", e);
        }
    }
}
