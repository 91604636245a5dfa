using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Tests.Scoring;

/// <summary>A sandbox started with one mechanism, shared by a test class.</summary>
public abstract class MechanismFixture(SandboxMechanism mechanism) : IAsyncLifetime
{
    public SandboxExecutor Executor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var python = PythonInterpreter.Locate(null, Environment.GetEnvironmentVariable("PATH"));
        var options = new SandboxOptions { Timeout = TimeSpan.FromSeconds(1.5), Workers = 1, MemoryBytes = 1L << 30, Mechanism = mechanism };
        Executor = await SandboxExecutor.StartAsync(python, options, new Dictionary<string, string?> { ["LANG"] = "C.UTF-8" });
    }

    public async Task DisposeAsync() => await Executor.DisposeAsync();
}

public sealed class BubblewrapSandboxFixture() : MechanismFixture(BubblewrapFactAttribute.Installed ? SandboxMechanism.Bubblewrap : SandboxMechanism.Auto);

public sealed class ProcessSandboxFixture() : MechanismFixture(SandboxMechanism.Process);
