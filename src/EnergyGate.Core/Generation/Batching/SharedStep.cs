namespace EnergyGate.Core.Generation.Batching;

/// <summary>Which inference phase a sequence's share of a step belongs to.</summary>
public enum InferencePhase
{
    /// <summary>The prompt's forward pass (or, for a served request, the wait for its first token).</summary>
    Prefill,

    /// <summary>A forward pass that produced one generated token (or, for a served request, the time after its first token).</summary>
    Decode,
}

/// <summary>
/// One interval of work that several sequences shared: a batched forward pass with the token
/// selection and stopping checks that follow it, or, for requests to a server, an interval between
/// two stream events while those requests were in flight. Its energy is divided among its shares in
/// proportion to their weights, so the sequences' energies add up to the steps' energy exactly.
/// </summary>
/// <param name="Start">Start, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</param>
/// <param name="End">End, in the same ticks; the next step never starts before it.</param>
/// <param name="TotalWeight">The sum of all its shares' weights.</param>
public sealed record SharedStep(long Start, long End, double TotalWeight);

/// <summary>One sequence's part of a <see cref="SharedStep"/>.</summary>
/// <param name="Step">The step.</param>
/// <param name="Phase">The sequence's phase in it.</param>
/// <param name="Weight">Its weight: prompt tokens in a prefill, 1 for a decode step.</param>
/// <param name="Token">The generated token this work led to (0 for a prefill: the first token is chosen from its logits).</param>
public readonly record struct StepShare(SharedStep Step, InferencePhase Phase, double Weight, int Token);
