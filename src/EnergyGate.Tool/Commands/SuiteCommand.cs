using System.CommandLine;
using System.Globalization;
using EnergyGate.Core.Suites.Builder;

namespace EnergyGate.Tool.Commands;

/// <summary><c>suite build lcc</c>: turns the user's own source tree into a LongBench lcc suite; <c>suite check</c>: see <see cref="SuiteCheckCommand"/>.</summary>
internal static class SuiteCommand
{
    public static Command Create()
    {
        var from = new Option<DirectoryInfo>("--from") { Description = "Source tree to cut into records (searched recursively; bin, obj, node_modules, __pycache__ and dot-folders are skipped).", Required = true };
        var language = new Option<string>("--language")
        {
            Description = $"Language of the files to use: {string.Join(", ", LccLanguage.All.Select(l => l.Name))}.",
            Required = true,
        };
        var count = new Option<int>("--count") { Description = "Records to build.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the file and line choice; the same seed and tree give the same file.", DefaultValueFactory = _ => 0 };
        var minContext = new Option<int>("--min-context-lines")
        {
            Description = "Lines of the file each context holds at least, before the answer line.",
            DefaultValueFactory = _ => LccBuildOptions.DefaultMinContextLines,
        };
        var output = new Option<FileInfo>("--out") { Description = "JSONL file to write (replaced atomically).", Required = true };
        var lcc = new Command("lcc", "Build LongBench lcc records: a long file prefix as the context, the next non-blank, non-comment line as the answer.")
        {
            from, language, count, seed, minContext, output,
        };
        CommandAction.Set(lcc, async (parse, ct) =>
        {
            var lang = LccLanguage.Find(parse.GetValue(language)!);
            var root = parse.GetValue(from)!.FullName;
            var options = new LccBuildOptions(parse.GetValue(count), parse.GetValue(seed), parse.GetValue(minContext));
            var result = await Task.Run(() => LccFolderSuite.Build(root, lang, options), ct);
            var path = parse.GetValue(output)!.FullName;
            await LccJsonl.WriteAsync(path, result.Records, ct);
            if (LccFolderSuite.Shortfall(result, lang, root) is { } warning)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"energygate: warning: {warning}");
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"wrote {result.Records.Count} lcc records ({lang.Name}, seed {options.Seed}, from {result.CandidateFiles} files, mean context {(result.Records.Count == 0 ? 0 : result.Records.Average(r => r.Length)):0} words) to {path}"));
            return ExitCode.Ok;
        });
        var build = new Command("build", "Build a benchmark suite from local files.") { lcc };
        return new Command("suite", "Create and check benchmark suites from your own code.") { build, SuiteCheckCommand.Create() };
    }
}
