using EnergyGate.Core;
using EnergyGate.Core.Generation;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Torch;

namespace EnergyGate.Tool;

/// <summary>The runtimes this build of the tool carries: the one place that names runtime packages.</summary>
internal static class RuntimeRegistry
{
    private static readonly Dictionary<string, Func<IDecoderSessionFactory>> Factories = new(StringComparer.Ordinal)
    {
        [OnnxRuntimeFactory.Name] = () => new OnnxRuntimeFactory(),
        [TorchRuntimeFactory.Name] = () => new TorchRuntimeFactory(),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>
    /// Test seam: wraps every factory handed out (e.g. a decorator that burns extra work per token
    /// to inject a known regression). Null in production.
    /// </summary>
    internal static Func<IDecoderSessionFactory, IDecoderSessionFactory>? Decorator { get; set; }

    public static IDecoderSessionFactory Get(string runtime) => Get(runtime, ToolFlavor.Current);

    internal static IDecoderSessionFactory Get(string runtime, string flavor)
    {
        if (ToolFlavor.MissingRuntime(flavor, runtime) is { } missing)
        {
            throw new EnergyGateException(missing);
        }

        return Factories.TryGetValue(runtime, out var create)
            ? (Decorator is { } decorate ? decorate(create()) : create())
            : throw new EnergyGateException($"EG2006: runtime `{runtime}` is not available in this build; available: {string.Join(", ", Factories.Keys)}.");
    }
}
