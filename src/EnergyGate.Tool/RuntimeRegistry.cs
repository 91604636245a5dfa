using EnergyGate.Core;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Runtimes;
using EnergyGate.Runtimes.LlamaCpp;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Torch;

namespace EnergyGate.Tool;

/// <summary>
/// The runtimes this build of the tool carries: the one place that names runtime packages. Adding a
/// runtime is one line here (plus its definition in Core's RuntimeDefinitions, its package and tests).
/// </summary>
internal static class RuntimeRegistry
{
    private static readonly IReadOnlyList<Func<IRuntimeDescriptor>> Descriptors =
    [
        () => new OnnxRuntimeFactory(),
        () => new TorchRuntimeFactory(),
        () => new LlamaCppRuntime(),
        () => new Core.Runtimes.Served.OpenAiRuntime(),
    ];

    private static readonly Dictionary<string, Func<IRuntimeDescriptor>> ByName =
        Descriptors.ToDictionary(create => create().Runtime, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>Every runtime this build carries, for doctor.</summary>
    public static IEnumerable<IRuntimeDescriptor> All => Descriptors.Select(create => create());

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

        return ByName.TryGetValue(runtime, out var create)
            ? (Decorator is { } decorate ? decorate(create()) : create())
            : throw new EnergyGateException($"EG2006: runtime `{runtime}` is not available in this build; available: {string.Join(", ", ByName.Keys)}.");
    }
}
