using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>
/// Runs action.yml's steps as the runner runs a composite action, for one `uses:` of it: inputs are
/// the `with:` values over the declared defaults, each step's `if:`, `env:` and
/// `working-directory:` are evaluated (<see cref="ActionExpression"/>), each `run:` script runs as a
/// process (<see cref="ActionSandbox"/>) and its $GITHUB_OUTPUT becomes steps.ID.outputs, and the
/// action's outputs are evaluated at the end. Steps a test cannot run (actions/setup-dotnet, the
/// NuGet install) are either skipped by their condition or given fixed outputs by the test.
/// </summary>
internal sealed partial class CompositeActionRunner(ActionSandbox sandbox, string workspace, IReadOnlyDictionary<string, string> runnerEnv)
{
    private static readonly YamlMappingNode Action = LoadAction();

    /// <summary>Steps replaced by fixed outputs, by step id (e.g. install: the tool the build made).</summary>
    public Dictionary<string, IReadOnlyDictionary<string, string>> Stubs { get; } = new(StringComparer.Ordinal);

    public async Task<ActionJob> RunAsync(IReadOnlyDictionary<string, string> with)
    {
        var declared = (YamlMappingNode)Action["inputs"];
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var outputs = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        var steps = new List<ActionStepRun>();
        object? Context(string path) => Lookup(path, inputs, outputs, outcomes);
        bool Status(string function) => function switch
        {
            "always" => true,
            "success" => steps.All(s => s.Outcome != "failure"),
            "failure" => steps.Any(s => s.Outcome == "failure"),
            "cancelled" => false,
            _ => throw new InvalidOperationException($"unknown status function {function}()"),
        };
        foreach (var (name, value) in with)
        {
            Assert.True(declared.Children.ContainsKey(name), $"with: {name} is not an input of action.yml");
        }
        foreach (var (key, node) in declared.Children)
        {
            var name = key.ToString();
            var fallback = Scalar((YamlMappingNode)node, "default") ?? "";
            inputs[name] = with.TryGetValue(name, out var given) ? given : ActionExpression.Template(fallback, Context, Status);
        }

        foreach (var step in ((YamlSequenceNode)((YamlMappingNode)Action["runs"])["steps"]).Cast<YamlMappingNode>())
        {
            var id = Scalar(step, "id");
            var name = Scalar(step, "name") ?? id ?? "(unnamed)";
            if (Scalar(step, "if") is { } condition && !ActionExpression.Condition(condition, Context, Status)
                || Scalar(step, "if") is null && !Status("success"))
            {
                steps.Add(Record(new ActionStepRun(name, id, "skipped", null), outcomes));
                continue;
            }
            if (id is not null && Stubs.TryGetValue(id, out var stub))
            {
                outputs[id] = stub;
                steps.Add(Record(new ActionStepRun(name, id, "success", null), outcomes));
                continue;
            }
            var run = Scalar(step, "run") ?? throw new InvalidOperationException($"step '{name}' uses {Scalar(step, "uses")}, which this runner cannot run; skip it with its inputs or stub it");
            var script = ScriptCall().Match(run.Trim());
            Assert.True(script.Success, $"step '{name}' runs '{run}', not one of the action's scripts");
            var env = new Dictionary<string, string>(runnerEnv, StringComparer.Ordinal);
            if (step.Children.TryGetValue("env", out var stepEnv))
            {
                foreach (var (key, value) in (YamlMappingNode)stepEnv)
                {
                    env[key.ToString()] = ActionExpression.Template(((YamlScalarNode)value).Value ?? "", Context, Status);
                }
            }
            var directory = Scalar(step, "working-directory") is { } wd ? Path.GetFullPath(Path.Combine(workspace, ActionExpression.Template(wd, Context, Status))) : workspace;
            var result = await sandbox.RunAsync(script.Groups[1].Value, env, directory);
            if (id is not null)
            {
                outputs[id] = result.Outputs;
            }
            steps.Add(Record(new ActionStepRun(name, id, result.ExitCode == 0 ? "success" : "failure", result), outcomes));
        }

        var declaredOutputs = (YamlMappingNode)Action["outputs"];
        var values = declaredOutputs.Children.ToDictionary(o => o.Key.ToString(), o => ActionExpression.Template(Scalar((YamlMappingNode)o.Value, "value")!, Context, Status), StringComparer.Ordinal);
        return new ActionJob(steps, values);
    }

    private static ActionStepRun Record(ActionStepRun step, Dictionary<string, string> outcomes)
    {
        if (step.Id is not null)
        {
            outcomes[step.Id] = step.Outcome;
        }
        return step;
    }

    private string? Lookup(string path, Dictionary<string, string> inputs, Dictionary<string, IReadOnlyDictionary<string, string>> outputs, Dictionary<string, string> outcomes)
    {
        var parts = path.Split('.');
        return parts switch
        {
            ["inputs", var name] => inputs.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"inputs.{name} is not declared"),
            ["steps", var id, "outputs", var name] => outputs.TryGetValue(id, out var set) && set.TryGetValue(name, out var value) ? value : null,
            ["steps", var id, "outcome" or "conclusion"] => outcomes.GetValueOrDefault(id),
            ["github", "token"] => runnerEnv.GetValueOrDefault("TEST_GITHUB_TOKEN"),
            _ => throw new InvalidOperationException($"the test runner does not know '{path}'"),
        };
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static YamlMappingNode LoadAction()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(ToolRunner.RepoRoot, "action.yml")))
        {
            stream.Load(reader);
        }
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [GeneratedRegex("""^python3 "\$GITHUB_ACTION_PATH/action/([a-z_]+\.py)"$""")]
    private static partial Regex ScriptCall();
}

internal sealed record ActionStepRun(string Name, string? Id, string Outcome, ScriptRun? Run);

/// <summary>One `uses:` of the action: every step with its outcome and its process, and the action's outputs.</summary>
internal sealed record ActionJob(IReadOnlyList<ActionStepRun> Steps, IReadOnlyDictionary<string, string> Outputs)
{
    public bool Failed => Steps.Any(s => s.Outcome == "failure");

    public ActionStepRun Step(string id) => Steps.Single(s => s.Id == id);

    /// <summary>Every script's output, in step order, for a failure message.</summary>
    public string Log => string.Join("\n", Steps.Select(s => $"--- {s.Name}: {s.Outcome}\n{s.Run?.All}"));
}
