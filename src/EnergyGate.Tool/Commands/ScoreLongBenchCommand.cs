using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyGate.Core;
using EnergyGate.Core.Scoring.LongBench;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// <c>score longbench --predictions FILE</c>: LongBench v1's code_sim_score for lcc and repobench-p,
/// printed like eval.py (<c>lcc: 55.16</c>; with --e the LongBench-E length buckets). Pure text
/// comparison, so unlike <c>score humaneval</c> it needs no sandbox or settings.
/// </summary>
internal static class ScoreLongBenchCommand
{
    public static Command Create()
    {
        var predictions = new Option<FileInfo>("--predictions")
        {
            Description = "LongBench predictions, JSONL of {pred, answers, all_classes, length} (pred.py's output).",
            Required = true,
        };
        var dataset = new Option<string?>("--dataset") { Description = "lcc or repobench-p (default: the file name, as eval.py takes it)." };
        dataset.AcceptOnlyFromAmong([.. LongBenchScorer.CodeDatasets]);
        var e = new Option<bool>("--e") { Description = "LongBench-E: score per context-length bucket (0-4k, 4-8k, 8k+)." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("longbench", "Score LongBench code completion predictions (lcc, repobench-p) with code_sim_score.")
        {
            predictions, dataset, e, format,
        };
        CommandAction.Set(command, async (parse, ct) =>
        {
            var file = parse.GetValue(predictions)!;
            var name = parse.GetValue(dataset) ?? DatasetFromFileName(file.Name);
            var buckets = parse.GetValue(e);
            var samples = await LongBenchPredictionsFile.ReadAsync(file.FullName, requireLength: buckets, ct);
            var scores = samples.Select(s => s.CodeSimScore()).ToList();
            var score = LongBenchScorer.TaskScore(scores);
            var byLength = buckets ? LongBenchScorer.BucketScores(scores, [.. samples.Select(s => s.Length!.Value)]) : null;
            var text = parse.GetValue(format) == "json"
                ? Json(name, samples.Count, score, byLength)
                : Text(name, score, byLength);
            await parse.InvocationConfiguration.Output.WriteLineAsync(text);
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>eval.py names the dataset by the file name up to its first dot: pred/MODEL/lcc.jsonl is lcc.</summary>
    private static string DatasetFromFileName(string fileName)
    {
        var stem = fileName.Split('.')[0];
        return LongBenchScorer.CodeDatasets.Contains(stem)
            ? stem
            : throw new EnergyGateException(
                $"--dataset: cannot tell the dataset from the file name '{fileName}'; give --dataset lcc or --dataset repobench-p.");
    }

    /// <summary>eval.py's <c>{dataset}: {score}</c>; with --e the bucket dict as Python prints it.</summary>
    private static string Text(string dataset, double score, LengthBucketScores? buckets) => buckets is null
        ? $"{dataset}: {PythonRepr(score)}"
        : $"{dataset}: {{{string.Join(", ", buckets.Named.Select(b => $"'{b.Name}': {PythonRepr(b.Score)}"))}}}";

    private static string Json(string dataset, int count, double score, LengthBucketScores? buckets)
    {
        var json = new JsonObject
        {
            ["dataset"] = dataset,
            ["metric"] = "code_sim_score",
            ["predictions"] = count,
            ["score"] = score,
        };
        if (buckets is not null)
        {
            var byLength = new JsonObject();
            foreach (var (name, value) in buckets.Named)
            {
                // An empty bucket is NaN in LongBench's result.json, which JSON cannot hold: null here.
                byLength[name] = double.IsNaN(value) ? null : value;
            }
            json["length_buckets"] = byLength;
        }
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Python's float repr: shortest round-trip digits, always with a decimal point ("100.0").</summary>
    private static string PythonRepr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
