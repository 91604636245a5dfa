using System.Text.Json;

namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>Opens a JSON file, turning a missing file or a syntax error into a message that names it.</summary>
internal static class JsonFiles
{
    public static JsonDocument Parse(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (FileNotFoundException ex)
        {
            throw new EnergyGateException($"{path}: file not found; a Hugging Face model folder needs it", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new EnergyGateException($"{path}: folder not found", ex);
        }
        catch (JsonException ex)
        {
            throw new EnergyGateException($"{path}: not valid JSON: {ex.Message}", ex);
        }
    }
}
