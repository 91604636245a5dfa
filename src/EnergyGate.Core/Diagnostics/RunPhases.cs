using System.Diagnostics;

namespace EnergyGate.Core.Diagnostics;

/// <summary>
/// Where a run's wall time goes: every phase of a run (loading, idle wait, session opening,
/// warm-up, measured repetitions, scoring, summary, reports) is an <see cref="Activity"/> of this
/// source. With no listener, <see cref="Start"/> returns null and costs a field read, so measured
/// code pays nothing; <c>--timings</c> listens and prints the table, and any OpenTelemetry
/// listener can export the same spans.
/// </summary>
public static class RunPhases
{
    /// <summary>The activity source's name.</summary>
    public const string SourceName = "EnergyGate";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a phase; dispose it to end it. Null when nobody listens.</summary>
    /// <param name="name">The phase, one of this class's constants (nested phases name their own part only).</param>
    /// <param name="detail">What this instance is about (a cell id, a model name), kept as the <c>energygate.detail</c> tag.</param>
    public static Activity? Start(string name, string? detail = null)
    {
        var activity = Source.StartActivity(name);
        if (activity is not null && detail is not null)
        {
            activity.SetTag(DetailTag, detail);
        }
        return activity;
    }

    /// <summary>Tag that names the instance of a phase.</summary>
    public const string DetailTag = "energygate.detail";

    /// <summary>Building the command tree and parsing the command line.</summary>
    public const string CommandLine = "command line";

    /// <summary>Reading and resolving energygate.yml, the environment and the command line.</summary>
    public const string Settings = "settings";

    /// <summary>Expanding the settings into cells and steps, and starting Python's helpers on their threads.</summary>
    public const string Plan = "plan";

    /// <summary>
    /// The results file's header and opening the file. The fingerprint reads each runtime's version,
    /// which loads its native libraries (ONNX Runtime's environment, libtorch) the first time: most of
    /// this phase in a cold run, paid at the first session open if not here.
    /// </summary>
    public const string Header = "results header";

    /// <summary>Stopping the sandbox's supervisor after scoring.</summary>
    public const string SandboxClose = "sandbox close";

    /// <summary>Everything loaded before measuring: models, converted model files, suites, plan limits.</summary>
    public const string Prepare = "prepare";

    /// <summary>Locating a model, generating the built-in one into the cache, loading its tokenizer.</summary>
    public const string Model = "model";

    /// <summary>Loading a model's tokenizer and hashing its weights (the run's fingerprint).</summary>
    public const string ModelLoad = "tokenizer and hash";

    /// <summary>The built-in model's random weights.</summary>
    public const string TinyWeights = "weights";

    /// <summary>The built-in model's model.onnx (graph and weights).</summary>
    public const string TinyOnnx = "onnx";

    /// <summary>The built-in model's model.safetensors.</summary>
    public const string TinySafetensors = "safetensors";

    /// <summary>The built-in model's tokenizer (byte-level BPE trained on the built-in corpus).</summary>
    public const string TinyTokenizer = "tokenizer";

    /// <summary>A runtime's own preparation of a model (e.g. a GGUF quantization) and its work shape.</summary>
    public const string ModelPrepare = "model for runtime";

    /// <summary>Loading a suite's tasks and tokenizing what has to fit the context.</summary>
    public const string Suite = "suite";

    /// <summary>Opening the energy meters and starting the sampler.</summary>
    public const string Meters = "meters";

    /// <summary>The protocol's idle-power window before the first sample (measurement, not overhead).</summary>
    public const string Idle = "idle power";

    /// <summary>Starting the Python syntax checker or sandbox before generation.</summary>
    public const string Python = "python start";

    /// <summary>Opening a cell's decoder session (loading the model into the runtime).</summary>
    public const string SessionOpen = "session open";

    /// <summary>A cell's discarded warm-up pass.</summary>
    public const string Warmup = "warm-up";

    /// <summary>One recorded repetition of a cell (measurement).</summary>
    public const string Repetition = "repetition";

    /// <summary>The configured cool-down between cells.</summary>
    public const string Cooldown = "cool-down";

    /// <summary>The noise probe between repetitions.</summary>
    public const string NoiseProbe = "noise probe";

    /// <summary>Closing the decoder sessions.</summary>
    public const string SessionClose = "session close";

    /// <summary>Scoring the completions (sandbox, similarity) after generation.</summary>
    public const string Scoring = "scoring";

    /// <summary>Starting the sandbox's supervisor for scoring (when no test oracle started it earlier).</summary>
    public const string SandboxStart = "sandbox start";

    /// <summary>Reading the results back and writing the summary.</summary>
    public const string Summary = "summary";

    /// <summary>Loading the baseline and evaluating the gate.</summary>
    public const string Compare = "baseline compare";

    /// <summary>Writing the reports and printing the verdict.</summary>
    public const string Reports = "reports";
}
