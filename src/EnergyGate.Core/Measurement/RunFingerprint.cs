using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Measurement.Machine;
using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// The facts stored with every result: the machine (CPU, cores, memory, kernel, GPU, driver) and
/// what was under test (runtime versions, model and suite hashes, decoding). Two results are only
/// comparable when the machine part matches; changes in the rest are what the gate judges.
/// </summary>
public static class RunFingerprint
{
    /// <summary>Keys whose values describe the machine and its meters (a change makes results incomparable).</summary>
    public static IReadOnlyList<string> MachineKeys { get; } =
        ["cpu_model", MachineFacts.CpuVendor, MachineFacts.CpuFamily, MachineFacts.CpuModelNumber, MachineFacts.CpuIsaKey, MachineFacts.LogicalCpus, "gpu_model", "meter_kind"];

    /// <summary>Hash of every setting that shapes the numbers (the estimate model included); a resume must match it.</summary>
    public static string SettingsHash(ResolvedSettings settings, RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(plan);
        var shape = new
        {
            cells = plan.Cells.Select(c => new { c.Id, c.Suite.SamplesPerTask, c.Suite.Limit, c.Model.Source, c.Model.Tiny, c.Runtime }),
            settings.Decoding,
            settings.Measurement.Repetitions,
            settings.Measurement.Warmup,
            settings.Measurement.Seed,
            settings.PromptLengths,
            settings.SuppressionStudy,
            suppression = plan.Cells.Select(c => c.Suite.Suppression),
        };
        var text = JsonSerializer.Serialize(shape);
        // The utilisation model changes every estimated joule, so a resume or merge must not mix it with
        // per-core samples; files from before it existed were per-core and keep their hash.
        if (settings.Measurement.Estimate.Model == Energy.Estimate.EstimateModel.Utilisation)
        {
            text += "\u001festimate-model=utilisation";
        }
        // Chat prompts change every code cell's tokens and scoring; raw plans (all plans before chat
        // existed) keep their hash, so only cells that resolve to chat are named.
        var chat = plan.Cells.Where(IsChat).Select(c => c.Id).ToList();
        if (chat.Count > 0)
        {
            text += "\u001fprompt-format=chat:" + string.Join(",", chat);
        }
        // A suite of one's own is read in its kind's format and scored by its kind's rules.
        var kinds = plan.Cells.Where(c => c.Suite.OwnName is not null).Select(c => $"{c.Suite.OwnName}={c.Suite.Name}").Distinct().ToList();
        if (kinds.Count > 0)
        {
            text += "\u001fsuite-kinds=" + string.Join(",", kinds);
        }
        // The test oracle's check limit moves where its suppression stops generation; plans with the default
        // limit (and plans without the oracle) keep their hash.
        if (settings.Sandbox.Oracle != Waste.Babbling.OracleTimeLimit.Default && (settings.SuppressionStudy
            || plan.Cells.Any(c => string.Equals(c.Suite.Suppression, "test-oracle", StringComparison.OrdinalIgnoreCase))))
        {
            text += FormattableString.Invariant($"\u001foracle-limit={settings.Sandbox.Oracle.Factor}x,{settings.Sandbox.Oracle.Floor.TotalSeconds}s");
        }
        return Hash(text)[..16];
    }

    /// <summary>Whether a cell gives its prompts in the chat format (code-generation suites only; see <c>ChatPrompts</c>).</summary>
    internal static bool IsChat(RunCell cell) =>
        SuiteDefinitions.Find(cell.Suite.Name)?.Kind == SuiteKind.Generation
        && PromptFormats.Resolve(cell.Suite.PromptFormat, cell.Model.PromptFormat) == PromptFormat.Chat;

    /// <summary>SHA-256 of a model folder's weights file (model.onnx or model.safetensors), hex.</summary>
    public static string ModelHash(string modelDirectory)
    {
        foreach (var name in new[] { "model.onnx", "model.safetensors" })
        {
            var path = Path.Combine(modelDirectory, name);
            if (File.Exists(path))
            {
                return FileHash(path);
            }
        }
        var onnx = Directory.EnumerateFiles(modelDirectory, "*.onnx").Order(StringComparer.Ordinal).FirstOrDefault();
        return onnx is null ? "unknown" : FileHash(onnx);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Path, long Length, DateTime Written), string> FileHashes = new();

    /// <summary>
    /// SHA-256 of a file, hex; computed once per process for a file of a given length and write time,
    /// since a model file can be gigabytes and several steps (fingerprint, a converted copy's cache key) need it.
    /// </summary>
    public static string FileHash(string path)
    {
        var info = new FileInfo(path);
        return FileHashes.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), key =>
        {
            using var stream = File.OpenRead(key.Path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        });
    }

    /// <summary>SHA-256 over the problems' ids, prompts and tests, hex.</summary>
    public static string SuiteHash(IReadOnlyList<IBenchmarkTask> problems) =>
        Hash(string.Join('\u001f', problems.Select(p => p.TaskId + '\u001e' + p.ContentForHash)));

    /// <summary>Machine facts readable without special hardware access.</summary>
    /// <param name="cpuModel">The model name (<c>model name</c> of /proc/cpuinfo), or null.</param>
    /// <param name="cpu">The parsed /proc/cpuinfo, or null where there is none.</param>
    /// <param name="memoryBytes">MemTotal of /proc/meminfo; null falls back to what the runtime sees.</param>
    /// <param name="gpuModel">The first GPU's name, or null.</param>
    /// <param name="gpuDriver">The NVIDIA driver version, or null.</param>
    /// <param name="gpuPowerLimit">The first GPU's power limit in watts, or null.</param>
    /// <param name="gpuCount">GPUs NVML reports (0 without NVML).</param>
    /// <param name="gpuMemoryBytes">The first GPU's total memory in bytes, or null.</param>
    public static Dictionary<string, string> Machine(
        string? cpuModel, CpuDescription? cpu, long? memoryBytes, string? gpuModel, string? gpuDriver, double? gpuPowerLimit, int gpuCount,
        ulong? gpuMemoryBytes = null)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cpu_model"] = cpuModel ?? "unknown",
            [MachineFacts.LogicalCpus] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            [MachineFacts.MemoryBytes] = (memoryBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes).ToString(CultureInfo.InvariantCulture),
            ["os"] = RuntimeInformation.OSDescription,
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["gpu_model"] = gpuModel ?? "none",
        };
        if (cpu is not null)
        {
            MachineFacts.AddCpu(facts, cpu);
        }
        AddGpu(facts, gpuModel, gpuDriver, gpuPowerLimit, gpuCount, gpuMemoryBytes);
        return facts;
    }

    /// <summary>The GPU facts (what NVML knows), replacing any written before; <c>gpu_model</c> is <c>none</c> without a GPU.</summary>
    /// <param name="facts">The fingerprint to add to.</param>
    /// <param name="gpuModel">The first GPU's name, or null.</param>
    /// <param name="gpuDriver">The NVIDIA driver version, or null.</param>
    /// <param name="gpuPowerLimit">The first GPU's power limit in watts, or null.</param>
    /// <param name="gpuCount">GPUs NVML reports (0 without NVML).</param>
    /// <param name="gpuMemoryBytes">The first GPU's total memory in bytes, or null.</param>
    public static void AddGpu(IDictionary<string, string> facts, string? gpuModel, string? gpuDriver, double? gpuPowerLimit, int gpuCount, ulong? gpuMemoryBytes)
    {
        ArgumentNullException.ThrowIfNull(facts);
        facts["gpu_model"] = gpuModel ?? "none";
        if (gpuCount > 0)
        {
            facts[MachineFacts.GpuCount] = gpuCount.ToString(CultureInfo.InvariantCulture);
        }
        if (gpuDriver is not null)
        {
            facts["gpu_driver"] = gpuDriver;
        }
        if (gpuMemoryBytes is { } gpuMemory)
        {
            facts[MachineFacts.GpuMemoryBytes] = gpuMemory.ToString(CultureInfo.InvariantCulture);
        }
        if (gpuPowerLimit is { } watts)
        {
            facts["gpu_power_limit_w"] = watts.ToString("0.#", CultureInfo.InvariantCulture);
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
