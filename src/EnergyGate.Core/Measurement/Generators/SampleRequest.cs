using EnergyGate.Core.Energy;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Measurement.Generators;

/// <summary>One sample a pass must generate: the problem, its prompt ids and how to decode it.</summary>
/// <param name="Problem">The suite's task.</param>
/// <param name="SampleIndex">Which of the task's samples (pass@k draws several).</param>
/// <param name="PromptIds">The prompt, tokenized.</param>
/// <param name="Settings">Decoding settings, the seed already offset by the sample index.</param>
/// <param name="Hooks">The suppression strategy's criteria (no observer: the generator adds its own).</param>
/// <param name="Suppression">The suppression plan whose checks the record counts; null for none.</param>
public sealed record SampleRequest(
    IBenchmarkTask Problem, int SampleIndex, IReadOnlyList<int> PromptIds, GenerationSettings Settings, GenerationHooks Hooks,
    SuppressionPlan? Suppression)
{
    /// <summary>The prompt as text (the chat-rendered one under <c>prompt-format: chat</c>), for runtimes that send text; null: the task's prompt.</summary>
    public string? PromptText { get; init; }
}

/// <summary>A generated sample and its measured energy.</summary>
/// <param name="Work">What was asked.</param>
/// <param name="Result">Tokens, text, stop reason and timeline.</param>
/// <param name="Energy">Per domain, its prefill and decode joules.</param>
/// <param name="TokenTextEnds">Where each token's text ends in the raw text, for waste analysis.</param>
/// <param name="BatchOccupancy">Mean sequences sharing its decode steps; null when it decoded alone.</param>
public sealed record MeasuredSample(
    SampleRequest Work, GenerationResult Result, IReadOnlyList<DomainPhaseEnergy> Energy, IReadOnlyList<int> TokenTextEnds, double? BatchOccupancy);
