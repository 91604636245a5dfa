using System.CommandLine;
using System.Globalization;
using EnergyGate.Core.Models.Tiny;

namespace EnergyGate.Tool.Commands;

/// <summary><c>model tiny --out DIR</c>: writes the built-in random-weight model in every format the runtimes read.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var d = new TinyModelSpec();
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the model into.", Required = true };
        var layers = new Option<int>("--layers") { Description = "Transformer blocks.", DefaultValueFactory = _ => d.Layers };
        var hidden = new Option<int>("--hidden") { Description = "Embedding width (a multiple of --heads).", DefaultValueFactory = _ => d.Hidden };
        var heads = new Option<int>("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => d.Heads };
        var vocab = new Option<int>("--vocab") { Description = "Vocabulary size (at least 257).", DefaultValueFactory = _ => d.Vocab };
        var context = new Option<int>("--context") { Description = "Longest sequence.", DefaultValueFactory = _ => d.Context };
        var seed = new Option<int>("--seed") { Description = "Seed of the weights.", DefaultValueFactory = _ => d.Seed };
        var tiny = new Command("tiny", "Write a deterministic random-weight GPT-2-style decoder: model.onnx (KV cache), model.safetensors, config.json, tokenizer.json, genai_config.json.")
        {
            output, layers, hidden, heads, vocab, context, seed,
        };
        CommandAction.Set(tiny, async (parse, ct) =>
        {
            var spec = new TinyModelSpec(parse.GetValue(layers), parse.GetValue(hidden), parse.GetValue(heads),
                parse.GetValue(vocab), parse.GetValue(context), parse.GetValue(seed));
            spec.Validate();
            var folder = parse.GetValue(output)!.FullName;
            await Task.Run(() => TinyModelWriter.Write(folder, spec), ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"wrote {spec.ParameterCount:N0} parameters ({spec.Layers} layers, hidden {spec.Hidden}, {spec.Heads} heads, vocab {spec.Vocab}, context {spec.Context}, seed {spec.Seed}) to {folder}"));
            foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {Path.GetFileName(file)} ({new FileInfo(file).Length:N0} bytes)"));
            }
            return ExitCode.Ok;
        });
        return new Command("model", "Create models the tool can run without downloading anything.") { tiny };
    }
}
