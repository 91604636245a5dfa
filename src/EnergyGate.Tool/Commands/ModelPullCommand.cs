using System.CommandLine;
using System.Globalization;
using EnergyGate.Core;
using EnergyGate.Core.Models.Hub;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// <c>model pull hf:OWNER/NAME@REVISION</c>: downloads a hub model into the cache by the same code path a
/// run uses, so an offline run later finds it (what EG2083 asks for).
/// </summary>
internal static class ModelPullCommand
{
    private static readonly SettingsOptions Settings = new();

    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "hf:OWNER/NAME@REVISION (a commit sha, tag or branch)." };
        var files = new Option<string[]>("--files") { Description = "Glob patterns of the files to download, as `files:` in energygate.yml (default: configs, tokenizer, ONNX graphs, safetensors).", AllowMultipleArgumentsPerToken = true };
        var verify = new Option<bool>("--verify") { Description = "Hash the cached files again (size and the hub's SHA-256 or git blob id) and download any that changed." };
        var tokenEnv = new Option<string>("--token-env") { Description = "The environment variable holding the hub token.", DefaultValueFactory = _ => HubOptions.DefaultTokenVariable };
        var pull = new Command("pull", "Download a Hugging Face Hub model into the cache (resumable, sha256-checked against the hub's LFS metadata).")
        {
            source, files, tokenEnv, verify, Settings.Config, Settings.CacheDir,
        };
        CommandAction.Set(pull, async (parse, ct) =>
        {
            var text = parse.GetValue(source)!;
            var hub = HubSource.TryParse(text, out var problem) ?? throw new EnergyGateException($"model pull: {problem}");
            var patterns = parse.GetValue(files) is { Length: > 0 } given ? given : null;
            foreach (var pattern in patterns ?? [])
            {
                if (HubFileSelection.Problem(pattern) is { } why)
                {
                    throw new EnergyGateException($"--files: expected {why}, got `{pattern}`");
                }
            }
            var variable = parse.GetValue(tokenEnv)!;
            var options = HubOptions.FromEnvironment(Environment.GetEnvironmentVariable) with { Verify = parse.GetValue(verify) };
            if (options.Offline)
            {
                throw new EnergyGateException($"model pull downloads, but {HubOptions.OfflineVariable} is set; unset it to pull {text}");
            }
            var model = await new HubModelStore(Settings.Resolve(parse).CacheDir).EnsureAsync(
                hub, patterns, options, Environment.GetEnvironmentVariable(variable), variable, parse.InvocationConfiguration.Error, ct);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{hub.Repo} at commit {model.Commit}: {model.Files.Count} files, {model.Files.Sum(f => f.Size):N0} bytes, weights hash {model.WeightsHash}"));
            await output.WriteLineAsync(model.Path);
            return ExitCode.Ok;
        });
        return pull;
    }
}
