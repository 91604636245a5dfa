using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Runtimes;

/// <summary>
/// A runtime as the tool carries it: its configuration-level <see cref="Definition"/>, a probe for
/// <c>doctor</c>, and the session factory. The tool's registry lists one per runtime package; doctor,
/// generate, the fingerprint and the report ask it rather than naming runtimes.
/// </summary>
public interface IRuntimeDescriptor : IDecoderSessionFactory
{
    /// <summary>What energygate.yml may say about this runtime.</summary>
    RuntimeDefinition Definition { get; }

    /// <summary>What can start on this machine, and why not; never throws.</summary>
    RuntimeProbe Probe();
}

/// <summary>One provider's state on this machine.</summary>
/// <param name="Provider">The provider name, e.g. <c>cuda</c>.</param>
/// <param name="Available">Whether a session can start on it.</param>
/// <param name="Detail">What is there (e.g. "2 GPU(s)"), or why not and what would provide it.</param>
public sealed record ProviderState(string Provider, bool Available, string Detail);

/// <summary>What <see cref="IRuntimeDescriptor.Probe"/> found.</summary>
/// <param name="Version">The runtime's version.</param>
/// <param name="Providers">Each provider of the definition, in its order.</param>
/// <param name="LoadError">Why the native libraries do not load, or null.</param>
public sealed record RuntimeProbe(string Version, IReadOnlyList<ProviderState> Providers, string? LoadError)
{
    /// <summary>Further facts worth a line in doctor (e.g. the CPU features llama.cpp was built for).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
