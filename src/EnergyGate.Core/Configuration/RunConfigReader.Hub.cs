using System.Text.RegularExpressions;
using EnergyGate.Core.Configuration.Yaml;
using EnergyGate.Core.Models.Hub;
using K = EnergyGate.Core.Configuration.ConfigKeys;

namespace EnergyGate.Core.Configuration;

/// <summary>A model's Hugging Face Hub keys: <c>source: hf:OWNER/NAME@REVISION</c>, <c>files:</c> and <c>token-env:</c>.</summary>
internal sealed partial class RunConfigReader
{
    /// <summary>The hub keys of one model entry, checked with positions; both null for a model not on the hub.</summary>
    private (List<string>? Files, string? TokenEnv) HubKeys(Dictionary<string, YamlNode> map, string itemPath, string? source)
    {
        var isHub = HubSource.IsHub(source);
        if (isHub && HubSource.TryParse(source!, out var problem) is null)
        {
            r.Error(map[K.Source], NodeReader.Join(itemPath, K.Source), problem!);
        }
        List<string>? files = null;
        if (map.TryGetValue(K.Files, out var filesNode))
        {
            var path = NodeReader.Join(itemPath, K.Files);
            files = isHub ? FilePatterns(filesNode, path) : null;
            if (!isHub && source is not null)
            {
                r.Error(filesNode, path, $"applies only to `source: {HubSource.Prefix}OWNER/NAME@REVISION`");
            }
        }
        string? tokenEnv = null;
        if (map.TryGetValue(K.TokenEnv, out var tokenNode))
        {
            var path = NodeReader.Join(itemPath, K.TokenEnv);
            tokenEnv = r.Text(tokenNode, path, "the name of an environment variable holding a Hugging Face token");
            if (tokenEnv is not null && !VariableName().IsMatch(tokenEnv))
            {
                // A token pasted here instead of a variable name would end up in logs and baselines.
                r.Error(tokenNode, path, "expected an environment variable's name (letters, digits, '_'), not the token itself; put the token in that variable");
                tokenEnv = null;
            }
            else if (!isHub && source is not null)
            {
                r.Error(tokenNode, path, $"applies only to `source: {HubSource.Prefix}OWNER/NAME@REVISION`");
            }
        }
        return (files, tokenEnv);
    }

    private List<string>? FilePatterns(YamlNode node, string path)
    {
        if (node is not YamlSequence { Items.Count: > 0 } list)
        {
            r.Expected(node, path, "a non-empty list of glob patterns, e.g. [\"onnx/model_q4.onnx*\", \"*.json\"]");
            return null;
        }
        var result = new List<string>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = NodeReader.Index(path, i);
            if (r.Text(list.Items[i], itemPath, "a glob pattern") is not { } text)
            {
                continue;
            }
            if (HubFileSelection.Problem(text) is { } problem)
            {
                r.Error(list.Items[i], itemPath, $"expected {problem}, got `{text}`");
                continue;
            }
            result.Add(text);
        }
        return result;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
