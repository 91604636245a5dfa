using System.CommandLine;
using EnergyGate.Core.Measurement.Sharding;

namespace EnergyGate.Tool.Commands;

/// <summary><c>--shard I/N</c> (run, check) and <c>--round R/M</c> (run): measure a part of the plan.</summary>
internal sealed class PartOptions
{
    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "Measure shard I of N: a deterministic, cost-balanced share of the plan's work units (cell x task, all repetitions); merge the N results files with `merge`.",
    };

    public Option<string?> Round { get; } = new("--round")
    {
        Description = "Measure only round R of M of the repetitions (repetition r is in round r mod M + 1); add the rounds to one --results file with --resume, e.g. alternating base and head builds.",
    };

    public PartSpec? ShardOf(ParseResult parse) => parse.GetValue(Shard) is { } text ? PartSpec.Parse(text, "--shard") : null;

    public PartSpec? RoundOf(ParseResult parse) => parse.GetValue(Round) is { } text ? PartSpec.Parse(text, "--round") : null;
}
