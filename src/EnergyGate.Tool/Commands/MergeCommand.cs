using System.CommandLine;
using EnergyGate.Core.Measurement.Sharding;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// <c>merge RESULTS... --out FILE</c>: combines the results files of every shard of one plan into one
/// file that <c>check --results</c>, <c>report</c> and <c>compare</c> take like an unsharded run.
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("results") { Description = "The results file of every shard (`run --shard I/N` or `check --shard I/N`).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Merged results file to write (replaced atomically).", Required = true };
        var command = new Command("merge", "Merge the results of every shard of one plan, refusing mixed settings, software or machine classes and missing or duplicate shards.") { files, output };
        CommandAction.Set(command, async (parse, ct) =>
        {
            var target = parse.GetValue(output)!.FullName;
            var outcome = await ShardMerger.MergeAsync([.. parse.GetValue(files)!.Select(f => f.FullName)], target, ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Merged {outcome.Shards} shard(s): {outcome.Units} work units, {outcome.Samples} samples, from {string.Join(", ", outcome.Hosts)}.\nResults: {target}");
            return ExitCode.Ok;
        });
        return command;
    }
}
