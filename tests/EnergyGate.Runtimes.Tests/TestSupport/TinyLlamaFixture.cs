using EnergyGate.Core.Models.Tiny;

namespace EnergyGate.Runtimes.Tests.TestSupport;

/// <summary>A 2-layer Llama-family tiny model with grouped-query attention (4 query heads, 2 kv heads), written once for a test class.</summary>
public sealed class TinyLlamaFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public TinyLlamaFixture()
    {
        Folder = System.IO.Path.Combine(_temp.Path, "tiny-llama");
        TinyModelWriter.Write(Folder, Spec);
    }

    public TinyModelSpec Spec { get; } = new(Layers: 2, Hidden: 64, Heads: 4, Vocab: 512, Context: 256,
        Architecture: TinyArchitecture.Llama, KvHeads: 2);

    public string Folder { get; }

    public void Dispose() => _temp.Dispose();
}
