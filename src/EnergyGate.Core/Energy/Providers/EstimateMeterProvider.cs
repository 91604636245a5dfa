using EnergyGate.Core.Energy.Estimate;

namespace EnergyGate.Core.Energy.Providers;

/// <summary>The CPU-time estimate: always available, so <c>auto</c> takes it only when no measured CPU meter is.</summary>
public sealed class EstimateMeterProvider : IMeterProvider
{
    private const string ModelFact = "estimate_model";

    /// <inheritdoc/>
    public string Name => EstimateMeter.Name;

    /// <inheritdoc/>
    public MeterSide Side => MeterSide.Cpu;

    /// <inheritdoc/>
    public int AutoPriority => 10;

    /// <inheritdoc/>
    public string? AutoNote => "Estimated from CPU time, not a measurement";

    /// <inheritdoc/>
    public IEnergyMeter Create(MeterEnvironment env, MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        return EstimateMeter.Create(options.Estimate, env.CpuModel(), env.LogicalCpus, env.CpuTime, env.Time, env.CpuTimeSource);
    }

    // An estimate is only as good as its inputs: the run's notes and header name the model and them.

    /// <inheritdoc/>
    public IReadOnlyList<string> Notes(IEnergyMeter meter) => meter is EstimateMeter estimate ? [$"estimate: {estimate.ModelSummary}"] : [];

    /// <inheritdoc/>
    public void AddFacts(IEnergyMeter meter, IDictionary<string, string> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (meter is EstimateMeter estimate)
        {
            facts[ModelFact] = estimate.ModelSummary;
        }
    }
}
