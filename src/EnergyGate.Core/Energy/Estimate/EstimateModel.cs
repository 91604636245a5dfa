namespace EnergyGate.Core.Energy.Estimate;

/// <summary>How the estimate meter turns CPU time into joules.</summary>
public enum EstimateModel
{
    /// <summary>
    /// Machine power interpolated between an idle and a loaded point by this process's share of the
    /// logical CPUs: idle W x wall time + (loaded W - idle W) / logical CPUs x CPU time.
    /// </summary>
    Utilisation,

    /// <summary>CPU time x watts per busy logical CPU (TDP / threads): the original model, kept so old baselines stay comparable.</summary>
    PerCore,
}

/// <summary>The names of <see cref="EstimateModel"/> in energygate.yml, reports and <c>doctor</c>.</summary>
public static class EstimateModelNames
{
    /// <summary><c>measurement.estimate-model: utilisation</c>.</summary>
    public const string Utilisation = "utilisation";

    /// <summary><c>measurement.estimate-model: per-core</c>.</summary>
    public const string PerCore = "per-core";

    /// <summary>Every accepted name, in the order the docs list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Utilisation, PerCore];

    /// <summary>The model a name stands for; the configuration reader has already rejected other names.</summary>
    public static EstimateModel Parse(string name) =>
        name == PerCore ? EstimateModel.PerCore : EstimateModel.Utilisation;

    /// <summary>The configuration name of <paramref name="model"/>.</summary>
    public static string Of(EstimateModel model) => model == EstimateModel.PerCore ? PerCore : Utilisation;
}
