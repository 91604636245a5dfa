using System.CommandLine;
using EnergyGate.Core;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Models;

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
        var model = new Option<string>("--model", "-m") { Description = "`builtin:tiny` or a model folder.", DefaultValueFactory = _ => "builtin:tiny" };
        var runtime = new Option<string>("--runtime") { Description = "Inference runtime: onnx or torch.", DefaultValueFactory = _ => "onnx" };
        var provider = new Option<string>("--provider") { Description = "Execution provider: cpu, cuda or tensorrt (onnx only).", DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string?>("--dtype") { Description = "torch only: float32 (default), float16 or bfloat16." };
        dtype.AcceptOnlyFromAmong("float32", "float16", "bfloat16");
        var fallback = new Option<bool>("--allow-cpu-fallback") { Description = "Run on the CPU when the GPU provider cannot start (and say so)." };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads (0: runtime default)." };
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
            model, runtime, provider, dtype, fallback, threads, prompt, promptFile, maxNew, stop, noStop, temperature, seed, format,
        };
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
            var modelSettings = ModelLocator.FromArgument(parse.GetValue(model)!);
            var folder = await ModelLocator.ResolveAsync(modelSettings, resolved.CacheDir, ct);
            var tokenizer = HuggingFaceTokenizer.Load(folder);
            var runtimeSettings = new RuntimeSettings(parse.GetValue(runtime)!, parse.GetValue(provider)!, 0, parse.GetValue(threads), parse.GetValue(fallback))
            {
                DType = parse.GetValue(dtype),
            };
            var factory = RuntimeRegistry.Get(runtimeSettings.Runtime);
            using var session = factory.Open(folder, runtimeSettings);
            var result = new Generator().Generate(session, tokenizer, text, decoding);
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
