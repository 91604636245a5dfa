using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Tests.Scoring;

public sealed class SandboxExecutorTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly CodeProblem AddOne = new(
        "Test/0",
        "def add_one(x):\n    \"\"\"Return x + 1.\"\"\"\n",
        "add_one",
        "    return x + 1\n",
        "def check(candidate):\n    assert candidate(1) == 2\n    assert candidate(-1) == 0\n");

    private Task<ExecutionResult> Run(string completion) =>
        sandbox.Executor.ExecuteAsync(HumanEvalProgram.Build(AddOne, completion));

    [Fact]
    public async Task Correct_completion_passes()
    {
        var result = await Run(AddOne.CanonicalSolution);
        Assert.Equal(SampleOutcome.Passed, result.Outcome);
        Assert.Equal("passed", result.HumanEvalResult);
    }

    [Fact]
    public async Task Wrong_completion_fails_with_the_exception_type()
    {
        var result = await Run("    return x\n");
        Assert.Equal(SampleOutcome.Failed, result.Outcome);
        Assert.StartsWith("failed: AssertionError", result.HumanEvalResult, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    return x + 1\nimport sys\nsys.exit(0)\n")]
    [InlineData("    return x + 1\nimport os\nos._exit(0)\n")]
    [InlineData("    return x + 1\nprint('passed')\nraise SystemExit(0)\n")]
    [InlineData("    return x\nimport atexit, os\natexit.register(lambda: print('passed'))\n")]
    public async Task Exiting_early_with_code_zero_or_printing_passed_never_counts(string completion)
    {
        var result = await Run(completion);
        Assert.Equal(SampleOutcome.Failed, result.Outcome);
    }

    [Fact]
    public async Task Code_that_does_not_parse_fails()
    {
        var result = await Run("    return x +\n");
        Assert.Equal(SampleOutcome.Failed, result.Outcome);
        Assert.Contains("SyntaxError", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infinite_loop_times_out_and_is_killed()
    {
        var result = await Run("    while True:\n        pass\n");
        Assert.Equal(SampleOutcome.TimedOut, result.Outcome);
        Assert.Equal("timed out", result.HumanEvalResult);
        Assert.InRange(result.Elapsed.TotalSeconds, 1.4, 5);
    }

    [Fact]
    public async Task Exhausting_memory_fails_without_harming_the_sandbox()
    {
        var result = await Run("    return len(bytearray(8 * 1024 ** 3))\n");
        Assert.Equal(SampleOutcome.Failed, result.Outcome);
        Assert.Contains("MemoryError", result.Message, StringComparison.Ordinal);
        Assert.Equal(SampleOutcome.Passed, (await Run(AddOne.CanonicalSolution)).Outcome);
    }

    [Fact]
    public async Task Secrets_of_the_tool_environment_are_not_visible()
    {
        Assert.Equal(SandboxFixture.Secret, Environment.GetEnvironmentVariable("GITHUB_TOKEN"));
        var probe = "    import os\n" +
                    "    leaked = [k for k, v in os.environ.items() if k.endswith(('_TOKEN', '_KEY', '_SECRET')) or 'ghp_' in v]\n" +
                    "    assert not leaked, leaked\n" +
                    "    return x + 1\n";
        var result = await Run(probe);
        Assert.Equal(SampleOutcome.Passed, result.Outcome);
    }

    [Fact]
    public async Task Network_is_cut_off_where_the_system_allows_it()
    {
        var result = await Run("    import socket\n    socket.create_connection(('127.0.0.1', 22), timeout=1)\n    return x + 1\n");
        Assert.Equal(SampleOutcome.Failed, result.Outcome);
        if (sandbox.Executor.Isolation.NetworkIsolated)
        {
            // An empty namespace: loopback is down (the fallback's own namespace) or up with nothing
            // listening (bubblewrap's); either way not the machine's port 22.
            Assert.Matches("unreachable|refused", result.Message.ToLowerInvariant());
        }
    }

    [Fact]
    public async Task Each_sample_gets_a_fresh_working_directory_that_is_removed_afterwards()
    {
        var first = await Run("    import os\n    open('left.txt', 'w').write('x')\n    raise RuntimeError(os.getcwd())\n");
        var second = await Run("    import os\n    raise RuntimeError(str(os.listdir('.')) + os.getcwd())\n");
        var firstDir = first.Message["RuntimeError: ".Length..];
        Assert.StartsWith("RuntimeError: []", second.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(firstDir, second.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(firstDir), $"{firstDir} should be removed");
    }

    [Fact]
    public async Task A_folder_left_full_is_removed_without_following_its_links()
    {
        // The supervisor removes an empty folder with one rmdir; a full one takes the slow path.
        var outside = Directory.CreateTempSubdirectory("energygate-keep-").FullName;
        File.WriteAllText(Path.Combine(outside, "keep.txt"), "x");
        try
        {
            var first = await Run(
                "    import os\n    os.makedirs('a/b/c')\n    open('a/b/c/f.txt', 'w').write('x')\n"
                + $"    os.symlink('{outside}', 'a/link')\n    raise RuntimeError(os.getcwd())\n");
            var firstDir = first.Message["RuntimeError: ".Length..];
            var second = await Run("    import os\n    raise RuntimeError(str(os.listdir('.')))\n");
            Assert.Equal("RuntimeError: []", second.Message);
            Assert.False(Directory.Exists(firstDir), $"{firstDir} should be removed");
            Assert.True(File.Exists(Path.Combine(outside, "keep.txt")), "the link's target must survive");
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public async Task Each_sample_starts_with_its_own_random_state()
    {
        // As after os.fork(): children of one supervisor must not replay one random sequence.
        const string Draw = "    import random\n    raise RuntimeError(str(random.getrandbits(64)))\n";
        var draws = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            draws.Add((await Run(Draw)).Message);
        }
        Assert.All(draws, d => Assert.StartsWith("RuntimeError: ", d, StringComparison.Ordinal));
        Assert.Equal(draws.Count, draws.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Supervisors_report_the_cpu_of_their_samples_when_they_end()
    {
        var python = PythonInterpreter.Locate(null, Environment.GetEnvironmentVariable("PATH"));
        var executor = await SandboxExecutor.StartAsync(python, new SandboxOptions { Workers = 1 }, new Dictionary<string, string?>());
        var result = await executor.ExecuteAsync(HumanEvalProgram.Build(AddOne, AddOne.CanonicalSolution));
        Assert.Equal(SampleOutcome.Passed, result.Outcome);
        Assert.Equal(TimeSpan.Zero, executor.SandboxCpu.User + executor.SandboxCpu.System);
        await executor.DisposeAsync();
        Assert.True(executor.SandboxCpu.User + executor.SandboxCpu.System > TimeSpan.Zero, "the supervisor's farewell line was not read");
    }

    [Fact]
    public async Task Destructive_calls_are_disabled()
    {
        var result = await Run("    import os\n    os.system('true')\n    return x + 1\n");
        Assert.Equal(SampleOutcome.Failed, result.Outcome);
        Assert.Contains("TypeError", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Isolation_is_reported()
    {
        var lines = sandbox.Executor.Isolation.Describe().ToList();
        Assert.Contains(lines, l => l.StartsWith("network:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("timeout 1.5 s", StringComparison.Ordinal));
    }
}
