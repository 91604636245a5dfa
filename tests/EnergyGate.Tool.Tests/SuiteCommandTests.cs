using System.CommandLine;
using System.Text.Json;
using EnergyGate.Tool.Commands;

namespace EnergyGate.Tool.Tests;

/// <summary>
/// `suite build lcc` end to end; the builder itself is covered in Core. The command runs under its
/// own root so the test does not depend on it being listed in Verbs.cs.
/// </summary>
public sealed class SuiteCommandTests
{
    [Fact]
    public async Task Builds_a_jsonl_suite_from_a_folder_and_reports_errors_with_exit_code_2()
    {
        var root = Directory.CreateTempSubdirectory("energygate-suite-").FullName;
        try
        {
            var lines = Enumerable.Range(0, 40).SelectMany(i => new[] { $"def f{i}(x):", "    # double it", $"    return x * {i}", "" });
            Directory.CreateDirectory(Path.Combine(root, "src", "obj"));
            await File.WriteAllTextAsync(Path.Combine(root, "src", "a.py"), string.Join("\r\n", lines));
            await File.WriteAllTextAsync(Path.Combine(root, "src", "obj", "skipped.py"), string.Join("\n", lines));
            var output = Path.Combine(root, "out", "lcc.jsonl");

            var run = await RunAsync("suite", "build", "lcc", "--from", Path.Combine(root, "src"), "--language", "python", "--count", "5", "--seed", "3", "--out", output);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("wrote 5 lcc records (python, seed 3, from 1 files", run.Output, StringComparison.Ordinal);
            var records = (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(5, records.Count);
            Assert.All(records, r =>
            {
                Assert.Equal("lcc", r.GetProperty("dataset").GetString());
                // Never the comment or the blank line between them.
                Assert.Matches(@"^(def f\d+\(x\):|return x \* \d+)$", r.GetProperty("answers")[0].GetString());
                Assert.DoesNotContain('\r', r.GetProperty("context").GetString()!);
            });

            var tooMany = await RunAsync("suite", "build", "lcc", "--from", Path.Combine(root, "src"), "--language", "python", "--count", "500", "--out", output);
            Assert.Equal(0, tooMany.ExitCode);
            Assert.Contains("energygate: warning: only ", tooMany.Error, StringComparison.Ordinal);

            var unknown = await RunAsync("suite", "build", "lcc", "--from", root, "--language", "cobol", "--count", "5", "--out", output);
            Assert.Equal(2, unknown.ExitCode);
            Assert.Contains("unknown language `cobol`; valid languages: python, csharp, java", unknown.Error, StringComparison.Ordinal);

            var none = await RunAsync("suite", "build", "lcc", "--from", root, "--language", "java", "--count", "5", "--out", output);
            Assert.Equal(2, none.ExitCode);
            Assert.Contains("energygate: error: no .java files with at least 20 lines under", none.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<ToolRunner.Run> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        var code = await new RootCommand { SuiteCommand.Create() }.Parse(args).InvokeAsync(configuration);
        return new ToolRunner.Run(code, output.ToString(), error.ToString());
    }
}
