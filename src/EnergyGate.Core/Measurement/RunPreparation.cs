using EnergyGate.Core.Configuration;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Diagnostics;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Models;
using EnergyGate.Core.Runtimes;
using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Measurement;

/// <summary>Everything loaded before measuring starts, so no cell pays for loading inside its numbers.</summary>
/// <param name="Inputs">Per cell, in plan order.</param>
/// <param name="ModelHashes">Model name to weights hash.</param>
/// <param name="SuiteHashes">Suite name to problems hash.</param>
internal sealed record PreparedRun(IReadOnlyList<CellInputs> Inputs, IReadOnlyDictionary<string, string> ModelHashes, IReadOnlyDictionary<string, string> SuiteHashes)
{
    /// <summary>Model name to the hub commit its files came from, for <c>hf:</c> sources only.</summary>
    public IReadOnlyDictionary<string, string> HubCommits { get; init; } = new Dictionary<string, string>();

    /// <summary>Model name to the SHA-256 of the chat template its chat cells render, for models some cell gives chat prompts.</summary>
    public IReadOnlyDictionary<string, string> ChatTemplateHashes { get; init; } = new Dictionary<string, string>();
}

/// <summary>Loads datasets, model folders and tokenizers once each and describes the run for its header.</summary>
internal static class RunPreparation
{
    public static async Task<PreparedRun> PrepareAsync(RunPlan plan, ResolvedSettings settings, Func<string, IDecoderSessionFactory> runtimes, CancellationToken ct)
    {
        var cache = new DatasetCache(settings.CacheDir);
        var problems = new Dictionary<(string Suite, string Model), IReadOnlyList<IBenchmarkTask>>();
        var models = new Dictionary<string, LoadedModel>(StringComparer.Ordinal);
        var prepared = new Dictionary<(string Model, string Runtime), (string Path, Work.WorkShape? Shape)>();
        var inputs = new List<CellInputs>();
        var templates = new Dictionary<string, CellPrompts>(StringComparer.Ordinal);
        foreach (var cell in plan.Cells)
        {
            var runtime = runtimes(cell.Runtime.Runtime);
            if (!models.TryGetValue(cell.Model.Name, out var model))
            {
                using var loading = RunPhases.Start(RunPhases.Model, cell.Model.Name);
                // A GGUF file carries its own tokenizer, read by the runtime that runs it.
                var located = await ModelLocator.LocateAsync(cell.Model, settings.CacheDir, ct);
                using (RunPhases.Start(RunPhases.ModelLoad))
                {
                    model = LoadedModel.Load(located, runtime);
                }
                models[cell.Model.Name] = model;
            }
            // Once per model and entry: converting a model or reading its work shape can mean reading a large file.
            if (!prepared.TryGetValue((cell.Model.Name, cell.Runtime.Id), out var entry))
            {
                using var converting = RunPhases.Start(RunPhases.ModelPrepare, $"{cell.Model.Name}/{cell.Runtime.Id}");
                var path = runtime.PrepareModel(model.Model, cell.Runtime);
                entry = (path, runtime.ReadWorkShape(model.Model, path, cell.Runtime));
                prepared[(cell.Model.Name, cell.Runtime.Id)] = entry;
            }
            // Understanding prompts are truncated to the model's context, so tasks are per suite and model.
            if (!problems.TryGetValue((cell.Suite.Id, cell.Model.Name), out var tasks))
            {
                using var loading = RunPhases.Start(RunPhases.Suite, cell.Suite.Name);
                // Study variants of one suite share its tasks (keyed by the suite's name, not its label).
                tasks = await SuiteTasks.LoadAsync(cell.Suite, cache, model.Tokenizer, model.ContextLength, settings.PromptLengths, ct);
                problems[(cell.Suite.Id, cell.Model.Name)] = tasks;
            }
            var prompts = ChatPrompts.For(cell, model, templates);
            foreach (var task in prompts.Format == PromptFormat.Chat ? tasks : [])
            {
                // Rendered now, before anything is measured: a template that cannot build the prompt fails here.
                prompts.Text(task);
            }
            inputs.Add(new CellInputs(tasks, entry.Path, model.Tokenizer, runtime,
                SuiteTasks.Decoding(cell.Suite, settings.Decoding, prompts.Format))
            {
                Suppression = Waste.Babbling.SuppressionStrategies.Parse(cell.Suite.Suppression ?? SuppressionNames.DefaultFor(cell.Suite.Name)),
                WorkShape = entry.Shape,
                Prompts = prompts,
            });
        }
        return new PreparedRun(
            inputs,
            models.ToDictionary(m => m.Key, m => m.Value.WeightsHash),
            problems.GroupBy(p => p.Key.Suite).ToDictionary(g => g.Key, g => RunFingerprint.SuiteHash(g.First().Value)))
        {
            HubCommits = models.Where(m => m.Value.Model.HubCommit is not null).ToDictionary(m => m.Key, m => m.Value.Model.HubCommit!),
            ChatTemplateHashes = templates.ToDictionary(t => t.Key, t => t.Value.TemplateHash!),
        };
    }

    /// <summary>Key of the fact that says which runtime a named runtime entry runs, e.g. <c>runtime_of.torch-bf16</c> = <c>torch</c>.</summary>
    public static string RuntimeOfKey(string name) => $"runtime_of.{name}";

    /// <summary>Key of the fact that says a cell gave its code problems in the chat format (absent: raw).</summary>
    public static string PromptFormatKey(string cellId) => $"prompt_format.{cellId}";

    public static Dictionary<string, string> Fingerprint(RunPlan plan, PreparedRun prepared, MeterSelection meters, GenerationSettings decoding)
    {
        var env = MeterEnvironment.System;
        var facts = RunFingerprint.Machine(env.CpuModel(), Machine.MachineFacts.ReadCpu(env.SysfsRoot, env.Reader),
            Machine.MachineFacts.ReadMemoryBytes(env.SysfsRoot, env.Reader), gpuModel: null, gpuDriver: null, gpuPowerLimit: null, gpuCount: 0);
        // Served cells leave out what counts this process's CPU time (it cannot see the server); when
        // every cell is served and nothing else was chosen, the run's energy is not measured at all.
        var served = prepared.Inputs.Count > 0 && prepared.Inputs.All(i => i.Factory is Generators.ICellGeneratorSource);
        var domains = meters.Meters.SelectMany(m => m.Info.Domains).Where(d => !(served && d.ChargesThisProcess)).ToList();
        facts["meter_kind"] = (domains.Count == 0 && served
            ? EnergyKind.NotMeasured
            : EnergyKinds.Weakest(domains.Select(d => d.Kind).DefaultIfEmpty(EnergyKind.Estimated))).ToString();
        facts["meters"] = string.Join(",", meters.Meters.Select(m => m.Info.Name));
        // Each chosen meter adds what it knows of the machine (NVML the GPUs; the estimate its model,
        // shown in the report's environment block because an estimate is only as good as its inputs).
        foreach (var meter in meters.Meters)
        {
            MeterProviders.Find(meter.Info.Name)?.AddFacts(meter, facts);
        }
        facts["decoding"] = System.Text.Json.JsonSerializer.Serialize(decoding);
        foreach (var runtime in prepared.Inputs.Select(i => i.Factory).DistinctBy(f => f.Runtime))
        {
            facts[$"runtime.{runtime.Runtime}"] = runtime.Version;
        }
        // A named entry's cells carry its name, not its runtime; this lets a candidate find the version.
        foreach (var runtime in plan.Cells.Select(c => c.Runtime).Where(r => r.Name is not null && r.Name != r.Runtime))
        {
            facts[RuntimeOfKey(runtime.Name!)] = runtime.Runtime;
        }
        foreach (var (name, hash) in prepared.ModelHashes)
        {
            facts[$"model.{name}.sha256"] = hash;
        }
        foreach (var (name, commit) in prepared.HubCommits)
        {
            // The commit a hub model's files came from (a branch or tag resolved at this run), to pin it by.
            facts[$"model.{name}.hf_commit"] = commit;
            // A branch or tag moves: the report tells to pin the commit these numbers came from.
            if (plan.Cells.Select(c => c.Model).FirstOrDefault(m => m.Name == name) is { } model
                && Models.Hub.HubSource.TryParse(model.Source, out _) is { IsPinned: false } source)
            {
                facts[Reporting.PinningSection.UnpinnedKey(name)] = source.ToString();
            }
        }
        foreach (var (name, hash) in prepared.ChatTemplateHashes)
        {
            // A changed template changes every chat prompt's tokens, like a changed suite.
            facts[$"model.{name}.chat_template_sha256"] = hash;
        }
        foreach (var cell in plan.Cells.Zip(prepared.Inputs).Where(c => c.Second.Prompts.Format == PromptFormat.Chat))
        {
            facts[PromptFormatKey(cell.First.Id)] = PromptFormats.Chat;
        }
        foreach (var (name, hash) in prepared.SuiteHashes)
        {
            facts[$"suite.{name}.sha256"] = hash;
        }
        return facts;
    }
}
