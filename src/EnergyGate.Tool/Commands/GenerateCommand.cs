using System.CommandLine;
using EnergyGate.Core;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Models;
using EnergyGate.Core.Runtimes;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// <c>generate</c>: one completion with its phase figures (prompt tokens, prefill, TTFT, decode
/// tokens/s, stop reason), the quickest way to check a model and runtime work on this machine.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var settings = new SettingsOptions();
        var target = new ModelRuntimeOptions();
        var prompt = new Option<string?>("--prompt", "-p") { Description = "Prompt text." };
        var promptFile = new Option<FileInfo?>("--prompt-file") { Description = "Read the prompt from a file." };
        var maxNew = new Option<int?>("--max-new-tokens") { Description = "Most tokens to generate (default from energygate.yml, else 128)." };
        var stop = new Option<string[]>("--stop") { Description = "Stop string (repeatable); replaces the default Codex set.", AllowMultipleArgumentsPerToken = false };
        var noStop = new Option<bool>("--no-stop") { Description = "Use no stop strings." };
        var temperature = new Option<double?>("--temperature") { Description = "0 is greedy." };
        var seed = new Option<int?>("--seed") { Description = "Sampling seed." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("generate", "Generate one completion and print its phase timings.")
        {
            prompt, promptFile, maxNew, stop, noStop, temperature, seed, format,
        };
        target.AddTo(command);
        settings.AddTo(command);
        CommandAction.Set(command, async (parse, ct) =>
        {
            var text = await PromptText(parse.GetValue(prompt), parse.GetValue(promptFile), ct);
            var resolved = settings.Resolve(parse);
            var decoding = resolved.Decoding with
            {
                MaxNewTokens = parse.GetValue(maxNew) ?? resolved.Decoding.MaxNewTokens,
                Temperature = parse.GetValue(temperature) ?? resolved.Decoding.Temperature,
                Seed = parse.GetValue(seed) ?? resolved.Decoding.Seed,
                StopStrings = parse.GetValue(noStop) ? [] : parse.GetValue(stop) is { Length: > 0 } s ? s : resolved.Decoding.StopStrings,
            };
            decoding.Validate();
            var modelSettings = target.Model(parse);
            var runtimeSettings = target.Runtime(parse);
            var factory = RuntimeRegistry.Get(runtimeSettings.Runtime);
            var loaded = LoadedModel.Load(await ModelLocator.LocateAsync(modelSettings, resolved.CacheDir, ct), factory);
            using var session = factory.Open(factory.PrepareModel(loaded.Model, runtimeSettings), runtimeSettings);
            var tokenizer = loaded.Tokenizer;
            var generator = new Generator();
            // Not part of the reported figures: the first generate of a process would pay for compiling the loop.
            generator.WarmUp(session, tokenizer, decoding);
            var result = generator.Generate(session, tokenizer, text, decoding);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(format) == "json"
                ? GenerateOutput.Json(session.Description, result)
                : GenerateOutput.Text(session.Description, result));
            return ExitCode.Ok;
        });
        return command;
    }

    private static async Task<string> PromptText(string? prompt, FileInfo? file, CancellationToken ct)
    {
        if (prompt is null == file is null)
        {
            throw new EnergyGateException("give exactly one of --prompt TEXT or --prompt-file FILE.");
        }
        if (file is null)
        {
            return prompt!;
        }
        return file.Exists
            ? await File.ReadAllTextAsync(file.FullName, ct)
            : throw new EnergyGateException($"--prompt-file '{file.FullName}' does not exist.");
    }
}
