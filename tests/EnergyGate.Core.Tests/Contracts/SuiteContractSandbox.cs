using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Tests.Contracts;

/// <summary>One sandbox for every suite contract, started only when a code-generation suite asks for it.</summary>
public sealed class SuiteContractSandbox : IAsyncLifetime
{
    public const string Collection = "suite contract sandbox";

    private readonly Lazy<Task<SandboxExecutor>> _executor = new(() =>
    {
        var python = PythonInterpreter.Locate(null, Environment.GetEnvironmentVariable("PATH"));
        var options = new SandboxOptions { Timeout = TimeSpan.FromSeconds(5), Workers = 2, MemoryBytes = 1L << 30 };
        return SandboxExecutor.StartAsync(python, options, new Dictionary<string, string?> { ["LANG"] = "C.UTF-8" });
    });

    public Task<SandboxExecutor> ExecutorAsync() => _executor.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_executor.IsValueCreated)
        {
            await (await _executor.Value).DisposeAsync();
        }
    }
}

[CollectionDefinition(SuiteContractSandbox.Collection)]
public sealed class SuiteContractSandboxGroup : ICollectionFixture<SuiteContractSandbox>;
