using System.Diagnostics;
using EnergyGate.Core;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Runtimes;
using EnergyGate.Runtimes.Tests.TestSupport;

namespace EnergyGate.Runtimes.Tests.Contracts;

/// <summary>
/// What every runtime's sessions must do, run against each runtime through its descriptor (so the
/// model preparation is exercised too): a new runtime derives one class and is checked the same way.
/// </summary>
[Collection(NativeMemoryTests.Name)]
public abstract class DecoderSessionContract(TinyModelFixture tiny)
{
    /// <summary>The runtime under test.</summary>
    protected abstract IRuntimeDescriptor Runtime { get; }

    /// <summary>The entry it runs under (provider cpu, one thread: deterministic kernels).</summary>
    protected virtual RuntimeSettings Settings => new(Runtime.Runtime, "cpu", 0, 1, false);

    /// <summary>Largest |logit| difference between two ways of computing the same position.</summary>
    protected virtual float Tolerance => 1e-3f;

    private IDecoderSession Open() => Open(tiny.Folder, tiny.Spec);

    private IDecoderSession Open(string folder, Core.Models.Tiny.TinyModelSpec spec)
    {
        var model = new ResolvedModel(new ModelSettings("tiny", ModelSettings.BuiltinTiny.Source, null), folder, spec);
        return Runtime.Open(Runtime.PrepareModel(model, Settings), Settings);
    }

    private int[] Prompt(int length) => [.. Enumerable.Range(0, length).Select(i => (i * 37 + 11) % tiny.Spec.Vocab)];

    [Fact]
    public void The_definition_names_the_runtime_and_cpu_among_its_providers()
    {
        Assert.Equal(Runtime.Runtime, Runtime.Definition.Name);
        Assert.Same(Runtime.Definition, RuntimeDefinitions.Find(Runtime.Runtime));
        Assert.Contains("cpu", Runtime.Definition.Providers);
        Assert.False(string.IsNullOrWhiteSpace(Runtime.Version));
    }

    [Fact]
    public void The_probe_lists_every_provider_of_the_definition_and_cpu_runs_here()
    {
        var probe = Runtime.Probe();
        Assert.Equal(Runtime.Definition.Providers, probe.Providers.Select(p => p.Provider));
        Assert.True(probe.Providers.Single(p => p.Provider == "cpu").Available, probe.LoadError);
        Assert.All(probe.Providers.Where(p => !p.Available), p => Assert.False(string.IsNullOrWhiteSpace(p.Detail)));
    }

    [Fact]
    public void The_session_reports_the_model_vocabulary_and_context()
    {
        using var session = Open();
        Assert.Equal(tiny.Spec.Vocab, session.VocabularySize);
        Assert.Equal(tiny.Spec.Context, session.MaxSequenceLength);
        Assert.StartsWith(Runtime.Runtime + "/cpu", session.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Prefill_then_decode_equals_a_prefill_of_the_whole_sequence()
    {
        using var session = Open();
        var prompt = Prompt(24);
        var whole = session.Prefill(prompt).ToArray();
        session.Prefill(prompt.AsSpan(0, prompt.Length - 3));
        session.Decode(prompt[^3]);
        session.Decode(prompt[^2]);
        var stepped = session.Decode(prompt[^1]).ToArray();
        Assert.Equal(tiny.Spec.Vocab, whole.Length);
        Assert.True(Torch.TorchOnnxParity.Diff(whole, stepped) <= Tolerance, $"max |difference| {Torch.TorchOnnxParity.Diff(whole, stepped)}");
    }

    [Fact]
    public void Reset_forgets_the_sequence_and_a_new_prefill_repeats_the_first()
    {
        using var session = Open();
        var first = session.Prefill(Prompt(10)).ToArray();
        session.Decode(3);
        session.Reset();
        Assert.Throws<InvalidOperationException>(() => session.Decode(3));
        var again = session.Prefill(Prompt(10)).ToArray();
        Assert.True(Torch.TorchOnnxParity.Diff(first, again) <= Tolerance);
    }

    [Fact]
    public void A_sequence_longer_than_the_context_is_refused_with_EG2004()
    {
        using var session = Open();
        var e = Assert.Throws<EnergyGateException>(() => session.Prefill(Prompt(session.MaxSequenceLength + 1)));
        Assert.StartsWith("EG2004", e.Message, StringComparison.Ordinal);
        session.Prefill(Prompt(session.MaxSequenceLength - 1));
        session.Decode(1);
        Assert.StartsWith("EG2004", Assert.Throws<EnergyGateException>(() => session.Decode(1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_outside_the_vocabulary_is_refused_with_EG2003()
    {
        using var session = Open();
        Assert.StartsWith("EG2003", Assert.Throws<EnergyGateException>(() => session.Prefill([1, tiny.Spec.Vocab])).Message, StringComparison.Ordinal);
        session.Prefill([1, 2]);
        Assert.StartsWith("EG2003", Assert.Throws<EnergyGateException>(() => session.Decode(-1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disposing_sessions_returns_their_native_memory()
    {
        // A model of about 17 MB, so a session that leaked its weights or KV cache would grow the
        // process by far more than the allowance over 8 opens; allocators are warmed first. The
        // contract classes run outside xunit's parallel classes (see NativeMemoryTests), so no
        // other test moves the process's resident memory meanwhile.
        using var temp = new TempFolder();
        var spec = new Core.Models.Tiny.TinyModelSpec(Layers: 4, Hidden: 256, Heads: 4, Vocab: 4096, Context: 128);
        var folder = Path.Combine(temp.Path, "m");
        Core.Models.Tiny.TinyModelWriter.Write(folder, spec);
        int[] prompt = [.. Enumerable.Range(0, 32).Select(i => i * 131 % spec.Vocab)];
        for (var i = 0; i < 3; i++)
        {
            using var warm = Open(folder, spec);
            warm.Prefill(prompt);
        }
        var before = ResidentBytes();
        for (var i = 0; i < 8; i++)
        {
            using var session = Open(folder, spec);
            session.Prefill(prompt);
        }
        var growth = ResidentBytes() - before;
        var weights = new FileInfo(Path.Combine(folder, "model.safetensors")).Length;
        Assert.True(growth < 3 * weights, $"resident memory grew {growth / 1048576.0:0.0} MiB over 8 sessions of a {weights / 1048576.0:0.0} MiB model");
    }

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        NativeHeap.Trim();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}

/// <summary>Runs the session contracts one class at a time, apart from every other test class, so the
/// process's resident memory moves only with the sessions under test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeMemoryTests
{
    /// <summary>The collection's name.</summary>
    public const string Name = "native memory";
}
