using EnergyGate.Core.Runtimes;
using EnergyGate.Runtimes.Tests.TestSupport;
using EnergyGate.Runtimes.Torch;

namespace EnergyGate.Runtimes.Tests.Contracts;

/// <summary>TorchSharp's batch session against the batch contract.</summary>
public sealed class TorchBatchContractTests(TinyModelFixture gpt2, TinyLlamaFixture llama) : BatchDecoderSessionContract(gpt2, llama), IClassFixture<TinyModelFixture>, IClassFixture<TinyLlamaFixture>
{
    protected override IRuntimeDescriptor Runtime { get; } = new TorchRuntimeFactory();
}
