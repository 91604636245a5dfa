namespace EnergyGate.Runtimes.Onnx;

/// <summary>What <see cref="OnnxProviders.Probe"/> found for one execution provider.</summary>
/// <param name="Provider">Our name: <c>cpu</c>, <c>cuda</c> or <c>tensorrt</c>.</param>
/// <param name="OrtName">ONNX Runtime's name, e.g. <c>CUDAExecutionProvider</c>.</param>
/// <param name="Listed">This ONNX Runtime build contains the provider (says nothing about drivers or devices).</param>
/// <param name="CanStart">A session with this provider was created.</param>
/// <param name="Reason">Why it cannot start; null when it can.</param>
public sealed record OnnxProviderStatus(string Provider, string OrtName, bool Listed, bool CanStart, string? Reason);

/// <summary>The result of <see cref="OnnxProviders.Probe"/>.</summary>
/// <param name="OrtVersion">The loaded ONNX Runtime's version.</param>
/// <param name="Providers">One entry per provider EnergyGate knows.</param>
public sealed record OnnxProbeReport(string OrtVersion, IReadOnlyList<OnnxProviderStatus> Providers);
