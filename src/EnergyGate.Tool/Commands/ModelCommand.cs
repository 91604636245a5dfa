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
        var architecture = new Option<string>("--architecture") { Description = "gpt2 or llama (RMSNorm, rotary positions, grouped-query attention, SwiGLU).", DefaultValueFactory = _ => "gpt2" };
        architecture.AcceptOnlyFromAmong("gpt2", "llama");
        var layers = new Option<int>("--layers") { Description = "Transformer blocks.", DefaultValueFactory = _ => d.Layers };
        var hidden = new Option<int>("--hidden") { Description = "Embedding width (a multiple of --heads).", DefaultValueFactory = _ => d.Hidden };
        var heads = new Option<int>("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => d.Heads };
        var vocab = new Option<int>("--vocab") { Description = "Vocabulary size (at least 257).", DefaultValueFactory = _ => d.Vocab };
        var context = new Option<int>("--context") { Description = "Longest sequence.", DefaultValueFactory = _ => d.Context };
        var seed = new Option<int>("--seed") { Description = "Seed of the weights.", DefaultValueFactory = _ => d.Seed };
        var kvHeads = new Option<int?>("--kv-heads") { Description = "llama: key/value heads, a divisor of --heads (default heads/2)." };
        var intermediate = new Option<int?>("--intermediate") { Description = "llama: SwiGLU width (default 8/3 x hidden, rounded up to a multiple of 32)." };
        var ropeTheta = new Option<double>("--rope-theta") { Description = "llama: rotary embedding base.", DefaultValueFactory = _ => d.RopeTheta };
        var rmsNormEps = new Option<double>("--rms-norm-eps") { Description = "llama: RMSNorm epsilon.", DefaultValueFactory = _ => d.RmsNormEps };
        var format = new Option<string>("--format") { Description = "folder: model.onnx, model.safetensors and the Hugging Face files; gguf: one GGUF file for llama.cpp (tokenizer inside).", DefaultValueFactory = _ => "folder" };
        format.AcceptOnlyFromAmong("folder", "gguf");
        var quantization = new Option<string>("--quantization") { Description = "gguf: f32, f16 (our writer), q8_0 or q4_0 (llama.cpp's quantizer, from the f32 file).", DefaultValueFactory = _ => "f32" };
        quantization.AcceptOnlyFromAmong([.. Core.Runtimes.RuntimeDefinitions.LlamaCpp.Option("quantization")!.Values]);
        var tiny = new Command("tiny", "Write a deterministic random-weight GPT-2 or Llama-family decoder: model.onnx (KV cache), model.safetensors, config.json, tokenizer.json, genai_config.json; or, with --format gguf, model-<quantization>.gguf.")
        {
            output, architecture, layers, hidden, heads, vocab, context, seed, kvHeads, intermediate, ropeTheta, rmsNormEps, format, quantization,
        };
        CommandAction.Set(tiny, async (parse, ct) =>
        {
            var spec = new TinyModelSpec(parse.GetValue(layers), parse.GetValue(hidden), parse.GetValue(heads),
                parse.GetValue(vocab), parse.GetValue(context), parse.GetValue(seed),
                Architecture: parse.GetValue(architecture) == "llama" ? TinyArchitecture.Llama : TinyArchitecture.Gpt2,
                KvHeads: parse.GetValue(kvHeads), Intermediate: parse.GetValue(intermediate),
                RopeTheta: parse.GetValue(ropeTheta), RmsNormEps: parse.GetValue(rmsNormEps));
            spec.Validate();
            var folder = parse.GetValue(output)!.FullName;
            if (parse.GetValue(format) == "gguf")
            {
                var file = await Task.Run(() => Runtimes.LlamaCpp.LlamaCppRuntime.WriteTinyGguf(folder, spec, parse.GetValue(quantization)!), ct);
                await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {spec.ParameterCount:N0} parameters ({spec.Architecture.ToString().ToLowerInvariant()}, {parse.GetValue(quantization)}) to {file} ({new FileInfo(file).Length:N0} bytes)"));
                return ExitCode.Ok;
            }
            if (parse.GetResult(quantization) is { Implicit: false })
            {
                throw new Core.EnergyGateException("--quantization applies to --format gguf; the folder's model.onnx and model.safetensors are float32.");
            }
            await Task.Run(() => TinyModelWriter.Write(folder, spec), ct);
            var shape = spec.IsLlama
                ? string.Create(CultureInfo.InvariantCulture, $"llama, {spec.Layers} layers, hidden {spec.Hidden}, {spec.Heads} heads, {spec.KeyValueHeads} kv heads, intermediate {spec.FeedForward}, rope theta {spec.RopeTheta}")
                : string.Create(CultureInfo.InvariantCulture, $"{spec.Layers} layers, hidden {spec.Hidden}, {spec.Heads} heads");
            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"wrote {spec.ParameterCount:N0} parameters ({shape}, vocab {spec.Vocab}, context {spec.Context}, seed {spec.Seed}) to {folder}"));
            foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {Path.GetFileName(file)} ({new FileInfo(file).Length:N0} bytes)"));
            }
            return ExitCode.Ok;
        });
        return new Command("model", "Create the built-in model, or download one from the Hugging Face Hub into the cache.") { tiny, ModelPullCommand.Create() };
    }
}
