namespace EnergyGate.Core.Tests.Waste.Amplification;

/// <summary>Seeded synthetic sweeps: decode J/token that grows by a known factor with prompt length.</summary>
internal static class Synthetic
{
    public static readonly int[] Lengths = [128, 512, 2048];

    /// <summary>Per length <paramref name="perLength"/> samples; the longest length costs <paramref name="effect"/> times the shortest, linear in between; 3% log-normal noise.</summary>
    public static List<(int PromptTokens, double DecodeJoulesPerToken)> Sweep(double effect, int perLength, int seed, double baseJoules = 0.01, double cv = 0.03)
    {
        var random = new Random(seed);
        var samples = new List<(int, double)>();
        foreach (var length in Lengths)
        {
            var truth = baseJoules * (1 + (effect - 1) * (length - Lengths[0]) / (Lengths[^1] - Lengths[0]));
            for (var i = 0; i < perLength; i++)
            {
                samples.Add((length, truth * Math.Exp(cv * Gaussian(random))));
            }
        }
        return samples;
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
