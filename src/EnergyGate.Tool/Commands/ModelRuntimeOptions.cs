using System.CommandLine;
using EnergyGate.Core;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Runtimes;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// The options that name one model on one in-process runtime (<c>generate</c>, <c>serve</c>):
/// --model, --runtime, --provider, --dtype, --quantization, --threads and --allow-cpu-fallback,
/// checked as energygate.yml's runtime entries are.
/// </summary>
internal sealed class ModelRuntimeOptions
{
    private readonly Option<string> _model = new("--model", "-m") { Description = "`builtin:tiny`, `builtin:coder`, a model folder, a .gguf file or hf:OWNER/NAME@REVISION.", DefaultValueFactory = _ => "builtin:tiny" };
    private readonly Option<string> _runtime = new("--runtime") { Description = $"Inference runtime: {string.Join(", ", InProcess)}.", DefaultValueFactory = _ => RuntimeDefinitions.Onnx.Name };
    private readonly Option<string> _provider = new("--provider") { Description = "Execution provider: " + string.Join("; ", RuntimeDefinitions.All.Where(d => !d.Served).Select(d => $"{d.Name}: {string.Join(", ", d.Providers)}")) + ".", DefaultValueFactory = _ => "cpu" };
    private readonly Option<string?> _dtype = new("--dtype") { Description = "torch only: float32 (default), float16 or bfloat16." };
    private readonly Option<string?> _quantization = new("--quantization") { Description = "llamacpp only: f32 (default for the built-in models), f16, q8_0 or q4_0." };
    private readonly Option<int> _threads = new("--threads") { Description = "Intra-op threads (0: runtime default)." };
    private readonly Option<bool> _fallback = new("--allow-cpu-fallback") { Description = "Run on the CPU when the GPU provider cannot start (and say so)." };

    public ModelRuntimeOptions()
    {
        // A served runtime has no in-process session to generate with or to serve.
        _runtime.AcceptOnlyFromAmong([.. InProcess]);
        _provider.AcceptOnlyFromAmong([.. RuntimeDefinitions.All.Where(d => !d.Served).SelectMany(d => d.Providers).Distinct()]);
        _dtype.AcceptOnlyFromAmong([.. RuntimeDefinitions.Torch.DTypes]);
        _quantization.AcceptOnlyFromAmong([.. RuntimeDefinitions.LlamaCpp.Option("quantization")!.Values]);
    }

    private static IEnumerable<string> InProcess => RuntimeDefinitions.All.Where(d => !d.Served).Select(d => d.Name);

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _model, _runtime, _provider, _dtype, _quantization, _threads, _fallback })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The model argument as model settings.</summary>
    public ModelSettings Model(ParseResult parse) => Core.Models.ModelLocator.FromArgument(parse.GetValue(_model)!);

    /// <summary>The runtime entry the options describe.</summary>
    /// <exception cref="EnergyGateException">A provider, dtype or quantization the runtime refuses, or a negative thread count.</exception>
    public RuntimeSettings Runtime(ParseResult parse)
    {
        var threads = parse.GetValue(_threads);
        if (threads < 0)
        {
            throw new EnergyGateException($"--threads is {threads}: give 0 (the runtime's default) or a positive number of threads.");
        }
        return Arguments(parse.GetValue(_runtime)!, parse.GetValue(_provider)!, parse.GetValue(_dtype), parse.GetValue(_quantization))
            with { Threads = threads, AllowCpuFallback = parse.GetValue(_fallback) };
    }

    /// <summary>The runtime entry the arguments describe, checked as energygate.yml's entries are.</summary>
    private static RuntimeSettings Arguments(string runtime, string provider, string? dtype, string? quantization)
    {
        var definition = RuntimeDefinitions.Find(runtime)!;
        if (definition.ProviderRefusal(provider) is { } refusedProvider)
        {
            throw new EnergyGateException($"--provider: {refusedProvider}.");
        }
        if (dtype is not null && definition.DTypeRefusal(dtype, "--dtype") is { } refusedDType)
        {
            throw new EnergyGateException($"{refusedDType}.");
        }
        if (quantization is not null && definition.Option("quantization") is null)
        {
            throw new EnergyGateException($"--quantization applies to the llamacpp runtime only; runtime `{runtime}` runs the model's own weights.");
        }
        return new RuntimeSettings(runtime, provider, 0, 0, false)
        {
            DType = dtype,
            Options = quantization is null ? null : new(StringComparer.Ordinal) { ["quantization"] = quantization },
        };
    }
}
