using EnergyGate.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace EnergyGate.Runtimes.Torch;

/// <summary>A decoder loaded on its device, with what a session reports about it.</summary>
/// <param name="Model">Weights and forward pass.</param>
/// <param name="Description">Runtime, provider, model and dtype, for reports.</param>
/// <param name="Provider">The provider it runs on (<c>cpu</c> after a fallback).</param>
/// <param name="FallbackReason">Why CUDA could not start, when it fell back to the CPU; else null.</param>
internal sealed record LoadedDecoder(TransformerDecoder Model, string Description, string Provider, string? FallbackReason);

/// <summary>Opens a Hugging Face folder on the configured device and dtype, for the one-sequence and the batch session alike.</summary>
internal static class TorchModelLoader
{
    private static readonly object Settings = new();

    /// <exception cref="EnergyGateException">EG2032 provider cannot start, EG2033 model folder, EG2034 unknown provider or dtype, EG2035 native load.</exception>
    public static LoadedDecoder Load(string folder, TorchSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(folder))
        {
            throw new EnergyGateException($"EG2033: model folder '{folder}' does not exist.");
        }

        var requested = TorchProviders.Normalize(options.Provider);
        var dtype = TorchDTypes.Parse(options.DType);
        var config = HfConfigReader.Read(folder);
        Core.Models.TokenizerCoverage.Ensure(folder, config.VocabSize, $"{Path.Combine(folder, "config.json")} vocab_size");
        var weights = SafetensorsWeights.Open(folder);
        Device device;
        string? fallback = null;
        try
        {
            device = TorchProviders.DeviceFor(requested, options.DeviceId);
        }
        catch (EnergyGateException e) when (options.AllowCpuFallback && requested != TorchProviders.Cpu && e.Message.StartsWith("EG2032", StringComparison.Ordinal))
        {
            device = TorchProviders.DeviceFor(TorchProviders.Cpu, 0);
            fallback = e.Message;
        }

        ApplyProcessSettings(options.Threads);
        var provider = device.type == DeviceType.CUDA ? TorchProviders.Cuda : TorchProviders.Cpu;
        var name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        var description = $"torch/{provider} {name} ({TorchDTypes.Name(dtype)})" + (fallback is null ? "" : $" (CPU fallback: {fallback})");
        var model = TransformerDecoder.Create(config, weights, dtype, device, config.MaxPositions);
        return new LoadedDecoder(model, description, provider, fallback);
    }

    // The thread count is process-wide in libtorch; sessions that ask for one set it. With a fixed
    // count libtorch's CPU kernels reduce in a fixed order, so repeated runs give identical logits
    // (TorchSharp 0.107 does not implement use_deterministic_algorithms; no op used here needs it).
    private static void ApplyProcessSettings(int threads)
    {
        lock (Settings)
        {
            if (threads > 0)
            {
                set_num_threads(threads);
            }
        }
    }
}
