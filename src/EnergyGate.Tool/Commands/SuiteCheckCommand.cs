using System.CommandLine;
using EnergyGate.Core;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.Definitions;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// <c>suite check FILE --kind humaneval|humaneval-plus|mbpp|mbpp-plus</c>: validates a problems file and runs
/// every canonical solution against its tests in the sandbox; and the same check for <c>run</c>/<c>check</c>'s
/// <c>--check-suite</c>.
/// </summary>
internal static class SuiteCheckCommand
{
    private static IReadOnlyList<string> Kinds => SuiteDefinitions.NamesWhere(d => d is DatasetCodeSuite);

    public static Command Create()
    {
        var settings = new SettingsOptions();
        var file = new Argument<FileInfo>("file") { Description = "JSONL (or .jsonl.gz) problems file." };
        var kind = new Option<string>("--kind")
        {
            Description = $"The file's format: {string.Join(", ", Kinds)}.",
            DefaultValueFactory = _ => SuiteNames.HumanEval,
        };
        kind.AcceptOnlyFromAmong([.. Kinds]);
        var command = new Command("check", "Validate a problems file and run each canonical solution against its tests in the sandbox; fails listing the tasks that do not pass.")
        {
            file, kind,
        };
        settings.AddTo(command);
        CommandAction.Set(command, async (parse, ct) =>
        {
            var path = parse.GetValue(file)!.FullName;
            var suite = (DatasetCodeSuite)SuiteDefinitions.Get(parse.GetValue(kind)!);
            var problems = suite.LoadFile(path);
            var resolved = settings.Resolve(parse);
            await using var sandbox = await StartSandboxAsync(resolved, ct);
            var failures = await CanonicalCheck.RunAsync(problems, sandbox, ct);
            if (failures.Count > 0)
            {
                throw new EnergyGateException(CanonicalCheck.Describe(path, problems.Count, failures) + "\nfix those tasks' tests or canonical solutions, then check again.");
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"{path}: {problems.Count} {suite.Name} tasks; every canonical solution passes its tests (sandbox {string.Join("; ", sandbox.Isolation.Describe().Take(2))}).");
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary><c>--check-suite</c>: every code suite of the plan, before anything is measured.</summary>
    public static async Task EnsureCanonicalPassAsync(ResolvedSettings resolved, CancellationToken ct)
    {
        // Started only when a suite has solutions to run, so a LongBench-only plan costs nothing.
        SandboxExecutor? started = null;
        try
        {
            await CanonicalCheck.EnsurePassAsync(resolved.Suites, new DatasetCache(resolved.CacheDir), async () => started = await StartSandboxAsync(resolved, ct), ct);
        }
        finally
        {
            if (started is not null)
            {
                await started.DisposeAsync();
            }
        }
    }

    private static Task<SandboxExecutor> StartSandboxAsync(ResolvedSettings resolved, CancellationToken ct) =>
        SandboxExecutor.StartAsync(PythonInterpreter.Locate(resolved.Python, Environment.GetEnvironmentVariable("PATH")), resolved.Sandbox, SettingsOptions.ProcessEnvironment(), ct);
}
