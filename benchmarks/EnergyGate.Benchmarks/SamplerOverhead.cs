using System.Diagnostics;
using System.Globalization;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Estimate;
using EnergyGate.Core.Energy.Rapl;
using EnergyGate.Core.Energy.Sampling;

namespace EnergyGate.Benchmarks;

/// <summary>
/// What the 10 ms energy sampler costs: the same fixed matrix-multiply work with and without the
/// sampler, alternated so drift hits both sides, plus the sampler's own CPU time while the process
/// idles (the direct "share of a core" figure). Meters: the estimate and a fake two-socket RAPL tree
/// on disk, read through the real file reader, so every sample does the same syscalls as on a server.
/// </summary>
internal static class SamplerOverhead
{
    private const int N = 96;

    public static int Run(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var pairs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var root = FakeRaplTree();
        try
        {
            using var rapl = RaplMeter.Create(root, SysfsFileReader.Instance);
            using var estimate = EstimateMeter.Create(new EstimateOptions(), null, Environment.ProcessorCount, EstimateMeter.ProcessCpuTime);
            IEnergyMeter[] meters = [rapl, estimate];
            Console.WriteLine($"meters: {string.Join(", ", meters.SelectMany(m => m.Info.Domains).Select(d => d.Domain.Id))}; {threads} worker thread(s); interval 10 ms");

            var iterations = Calibrate(seconds / threads * Environment.ProcessorCount);
            Console.WriteLine(FormattableString.Invariant($"workload: {iterations} x {N}x{N} matmul per thread (~{seconds} s)"));
            Console.WriteLine("| pair | without (s) | with (s) | slowdown % | samples |");
            Console.WriteLine("|---:|---:|---:|---:|---:|");
            Workload(iterations / 4, threads); // warm-up, discarded: JIT and tiering would bias the first pair
            var slowdowns = new List<double>();
            for (var pair = 1; pair <= pairs; pair++)
            {
                var without = Workload(iterations, threads);
                using var sampler = new EnergySampler(meters, SamplerOptions.Default, TimeProvider.System);
                sampler.Start();
                var with = Workload(iterations, threads);
                sampler.Stop();
                var slowdown = ((with / without) - 1) * 100;
                slowdowns.Add(slowdown);
                Console.WriteLine(FormattableString.Invariant($"| {pair} | {without:0.000} | {with:0.000} | {slowdown:+0.00;-0.00} | {sampler.Count} |"));
            }
            slowdowns.Sort();
            Console.WriteLine(FormattableString.Invariant($"median slowdown: {slowdowns[slowdowns.Count / 2]:+0.00;-0.00} % (min {slowdowns[0]:+0.00;-0.00}, max {slowdowns[^1]:+0.00;-0.00})"));
            IdleCost(meters, seconds);
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // The sampler's own cost: process CPU time while everything else sleeps.
    private static void IdleCost(IEnergyMeter[] meters, double seconds)
    {
        seconds = Math.Max(seconds, 5); // idle CPU is small: a longer window steadies the figure
        var quiet = CpuWhileSleeping(seconds, null);
        using var sampler = new EnergySampler(meters, SamplerOptions.Default, TimeProvider.System);
        var sampling = CpuWhileSleeping(seconds, sampler);
        using var direct = new EnergySampler(meters, SamplerOptions.Default, TimeProvider.System);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 2000; i++)
        {
            direct.SampleNow();
        }
        Console.WriteLine(FormattableString.Invariant($"one sample (all meters read, no thread wake-up): {watch.Elapsed.TotalMicroseconds / 2000:0.0} us"));
        Console.WriteLine(FormattableString.Invariant(
            $"idle process CPU: {quiet * 100:0.000} % of a core without, {sampling * 100:0.000} % with the sampler ({sampler.Count} samples in {seconds} s): sampler costs {(sampling - quiet) * 100:0.000} % of a core, {(sampling - quiet) * seconds / sampler.Count * 1e6:0.0} us per sample"));
    }

    private static double CpuWhileSleeping(double seconds, EnergySampler? sampler)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var wall = Stopwatch.StartNew();
        sampler?.Start();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        sampler?.Stop();
        return (Environment.CpuUsage.TotalTime - cpu).TotalSeconds / wall.Elapsed.TotalSeconds;
    }

    private static int Calibrate(double seconds)
    {
        var watch = Stopwatch.StartNew();
        var n = 0;
        var (a, b, c) = Matrices();
        while (watch.Elapsed.TotalSeconds < 0.5)
        {
            Multiply(a, b, c);
            n++;
        }
        return (int)(n * seconds / watch.Elapsed.TotalSeconds);
    }

    private static double Workload(int iterations, int threads)
    {
        var watch = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            var (a, b, c) = Matrices();
            for (var i = 0; i < iterations; i++)
            {
                Multiply(a, b, c);
            }
        });
        return watch.Elapsed.TotalSeconds;
    }

    private static (double[] A, double[] B, double[] C) Matrices()
    {
        var random = new Random(1);
        return ([.. Enumerable.Range(0, N * N).Select(_ => random.NextDouble())], [.. Enumerable.Range(0, N * N).Select(_ => random.NextDouble())], new double[N * N]);
    }

    private static void Multiply(double[] a, double[] b, double[] c)
    {
        for (var i = 0; i < N; i++)
        {
            for (var k = 0; k < N; k++)
            {
                var aik = a[(i * N) + k];
                for (var j = 0; j < N; j++)
                {
                    c[(i * N) + j] += aik * b[(k * N) + j];
                }
            }
        }
    }

    private static string FakeRaplTree()
    {
        var root = Directory.CreateTempSubdirectory("energygate-sampler-").FullName;
        foreach (var (folder, name) in new[] { ("intel-rapl:0", "package-0"), ("intel-rapl:0:0", "dram"), ("intel-rapl:1", "package-1"), ("intel-rapl:1:0", "dram"), ("intel-rapl:2", "psys") })
        {
            var dir = Path.Combine(root, "sys", "class", "powercap", folder);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "name"), name + "\n");
            File.WriteAllText(Path.Combine(dir, "energy_uj"), "123456789\n");
            File.WriteAllText(Path.Combine(dir, "max_energy_range_uj"), "262143328850\n");
        }
        return root;
    }
}
