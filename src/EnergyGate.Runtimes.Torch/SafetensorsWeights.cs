using System.Text.Json;
using EnergyGate.Core;
using EnergyGate.Core.Models.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// The weights of a model folder: <c>model.safetensors</c>, or shards listed by
/// <c>model.safetensors.index.json</c> (<c>weight_map</c>: tensor name to shard file). Tensors are read
/// straight from the file into a CPU tensor's memory, then converted to the session's dtype and device.
/// </summary>
internal sealed class SafetensorsWeights
{
    private const string SingleFile = "model.safetensors";
    private const string IndexFile = "model.safetensors.index.json";
    private readonly Dictionary<string, SafetensorsFile> _byTensor;

    private SafetensorsWeights(string folder, Dictionary<string, SafetensorsFile> byTensor)
    {
        Folder = folder;
        _byTensor = byTensor;
    }

    public string Folder { get; }

    public static SafetensorsWeights Open(string folder)
    {
        var single = Path.Combine(folder, SingleFile);
        var index = Path.Combine(folder, IndexFile);
        if (File.Exists(single))
        {
            var file = SafetensorsFile.Open(single);
            return new SafetensorsWeights(folder, file.Entries.Keys.ToDictionary(k => k, _ => file, StringComparer.Ordinal));
        }

        if (!File.Exists(index))
        {
            var shards = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.safetensors").Length : 0;
            throw new EnergyGateException(shards > 0
                ? $"EG2033: {folder} has {shards} safetensors shard(s) but no {IndexFile} mapping tensors to them; copy the index file from the model's repository."
                : $"EG2033: no weights in {folder}: expected {SingleFile}, or shards with {IndexFile}.");
        }

        return new SafetensorsWeights(folder, ReadIndex(folder, index));
    }

    public bool Contains(string name) => _byTensor.ContainsKey(name);

    public long[] Shape(string name) => Entry(name).Shape;

    /// <summary>Tensor <paramref name="name"/> as <paramref name="dtype"/> on <paramref name="device"/>.</summary>
    public Tensor Load(string name, ScalarType dtype, Device device)
    {
        var file = _byTensor.TryGetValue(name, out var f) ? f : throw Missing(name);
        var entry = file.Entries[name];
        using var host = empty(entry.Shape, SourceType(file, entry));
        using (var stream = File.OpenRead(file.Path))
        {
            stream.Position = file.DataStart + entry.Begin;
            stream.ReadExactly(host.bytes);
        }

        using var converted = host.to_type(dtype);
        return converted.to(device).contiguous();
    }

    private SafetensorsEntry Entry(string name) => _byTensor.TryGetValue(name, out var f) ? f.Entries[name] : throw Missing(name);

    private EnergyGateException Missing(string name) =>
        new($"EG2033: tensor '{name}' is not in the weights of {Folder}; the weights do not match config.json's architecture.");

    private static ScalarType SourceType(SafetensorsFile file, SafetensorsEntry entry) => entry.DType switch
    {
        "F32" => ScalarType.Float32,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        _ => throw new EnergyGateException($"EG2033: {file.Path}: tensor '{entry.Name}' has dtype {entry.DType}; the torch runtime reads F32, F16 and BF16 weights."),
    };

    private static Dictionary<string, SafetensorsFile> ReadIndex(string folder, string index)
    {
        Dictionary<string, string> map;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(index));
            map = doc.RootElement.GetProperty("weight_map").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new EnergyGateException($"EG2033: {index}: expected a JSON object with a 'weight_map' of tensor name to shard file ({e.Message}).", e);
        }

        var shards = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
        var byTensor = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
        foreach (var (tensor, shard) in map)
        {
            var path = Path.Combine(folder, shard);
            if (!shards.TryGetValue(shard, out var file))
            {
                file = File.Exists(path) ? SafetensorsFile.Open(path)
                    : throw new EnergyGateException($"EG2033: {index}: weight_map names shard '{shard}' (for '{tensor}'), which does not exist in {folder}.");
                shards.Add(shard, file);
            }

            byTensor[tensor] = file.Entries.ContainsKey(tensor) ? file
                : throw new EnergyGateException($"EG2033: {index}: weight_map puts '{tensor}' in '{shard}', which has no such tensor.");
        }

        return byTensor;
    }
}
