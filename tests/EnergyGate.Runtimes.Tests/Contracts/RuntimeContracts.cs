using EnergyGate.Core.Runtimes;
using EnergyGate.Runtimes.LlamaCpp;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Tests.TestSupport;
using EnergyGate.Runtimes.Torch;

namespace EnergyGate.Runtimes.Tests.Contracts;

/// <summary>ONNX Runtime against the session contract.</summary>
public sealed class OnnxContractTests(TinyModelFixture tiny) : DecoderSessionContract(tiny), IClassFixture<TinyModelFixture>
{
    protected override IRuntimeDescriptor Runtime { get; } = new OnnxRuntimeFactory();
}

/// <summary>TorchSharp against the session contract.</summary>
public sealed class TorchContractTests(TinyModelFixture tiny) : DecoderSessionContract(tiny), IClassFixture<TinyModelFixture>
{
    protected override IRuntimeDescriptor Runtime { get; } = new TorchRuntimeFactory();
}

/// <summary>llama.cpp (F32 GGUF) against the session contract.</summary>
public sealed class LlamaCppContractTests(TinyModelFixture tiny) : DecoderSessionContract(tiny), IClassFixture<TinyModelFixture>
{
    protected override IRuntimeDescriptor Runtime { get; } = new LlamaCppRuntime();
}

/// <summary>Every runtime the catalog names has a contract class above, so a new one cannot skip it.</summary>
public sealed class RuntimeCatalogTests
{
    [Fact]
    public void Every_defined_runtime_has_a_contract_test_class()
    {
        var tested = typeof(DecoderSessionContract).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(DecoderSessionContract)) && !t.IsAbstract)
            .Select(t => t.Name.Replace("ContractTests", "", StringComparison.Ordinal).ToLowerInvariant());
        Assert.Equal(RuntimeDefinitions.All.Where(d => !d.Served).Select(d => d.Name).Order(), tested.Order());
    }
}
