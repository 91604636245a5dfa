using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Tests.Scoring;

/// <summary>One running sandbox shared by a test class: starting supervisors per test would dominate the run.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public const string Secret = "ghp_energygate_test_secret";

    public SandboxExecutor Executor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The tool's own environment carries secrets; the sandbox must not pass them on.
        Environment.SetEnvironmentVariable("GITHUB_TOKEN", Secret);
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_TOKEN"] = Secret,
            ["AWS_SECRET_ACCESS_KEY"] = Secret,
            ["OPENAI_API_KEY"] = Secret,
            ["LANG"] = "C.UTF-8",
        };
        var python = PythonInterpreter.Locate(null, Environment.GetEnvironmentVariable("PATH"));
        var options = new SandboxOptions { Timeout = TimeSpan.FromSeconds(1.5), Workers = 2, MemoryBytes = 1L << 30 };
        Executor = await SandboxExecutor.StartAsync(python, options, environment);
    }

    public async Task DisposeAsync() => await Executor.DisposeAsync();
}
