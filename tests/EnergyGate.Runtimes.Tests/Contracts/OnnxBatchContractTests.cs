using EnergyGate.Core.Runtimes;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Tests.TestSupport;

namespace EnergyGate.Runtimes.Tests.Contracts;

/// <summary>The batch session contract on ONNX Runtime's CPU provider.</summary>
public sealed class OnnxBatchContractTests(TinyModelFixture gpt2, TinyLlamaFixture llama) : BatchDecoderSessionContract(gpt2, llama), IClassFixture<TinyModelFixture>, IClassFixture<TinyLlamaFixture>
{
    /// <inheritdoc />
    protected override IRuntimeDescriptor Runtime { get; } = new OnnxRuntimeFactory();
}
