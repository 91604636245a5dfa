namespace EnergyGate.Core.Tests.Statistics;

/// <summary>
/// Seeded lognormal repetitions: energy per repetition is a product of many small factors (clock,
/// temperature, scheduling), so its noise is multiplicative. System.Random with a seed uses the
/// legacy algorithm, which is stable across .NET versions, so the numbers are the same everywhere.
/// </summary>
internal static class Synthetic
{
    public static double[] LogNormal(Random random, int n, double median, double cv)
    {
        var sigma = Math.Sqrt(Math.Log(1 + cv * cv));
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = median * Math.Exp(sigma * StandardNormal(random));
        }
        return values;
    }

    public static double[] LogNormal(int seed, int n, double median, double cv) => LogNormal(new Random(seed), n, median, cv);

    // Box-Muller; 1 - NextDouble() keeps the logarithm's argument in (0, 1].
    private static double StandardNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
