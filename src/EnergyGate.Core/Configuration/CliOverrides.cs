namespace EnergyGate.Core.Configuration;

/// <summary>
/// Values given on the command line (or by a front end that translates to it, such as the MSBuild
/// task or the GitHub action); null means "not given". Core validates them, so front ends only
/// translate syntax.
/// </summary>
public sealed record CliOverrides
{
    /// <summary>An instance with nothing overridden.</summary>
    public static CliOverrides None { get; } = new();

    /// <summary><c>--python</c>: interpreter path or command name.</summary>
    public string? Python { get; init; }

    /// <summary><c>--cache-dir</c>.</summary>
    public string? CacheDir { get; init; }

    /// <summary><c>--results-dir</c>.</summary>
    public string? ResultsDir { get; init; }

    /// <summary><c>--timeout</c>: sandbox wall-clock limit per sample, in seconds.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary><c>--workers</c>: samples executed in parallel.</summary>
    public int? Workers { get; init; }

    /// <summary><c>--memory-mib</c>: sandbox address-space limit per sample.</summary>
    public int? MemoryMib { get; init; }

    /// <summary><c>--data-dir</c>: folder holding HumanEval.jsonl.gz; applies to the humaneval suite.</summary>
    public string? DataDir { get; init; }

    /// <summary><c>--meter</c>.</summary>
    public string? Meter { get; init; }

    /// <summary><c>--repetitions</c>.</summary>
    public int? Repetitions { get; init; }

    /// <summary><c>--max-new-tokens</c>.</summary>
    public int? MaxNewTokens { get; init; }

    /// <summary><c>--baselines</c>: the committed baselines folder.</summary>
    public string? BaselinesDir { get; init; }

    /// <summary><c>--fail-on</c>: <c>regression</c>, <c>inconclusive</c> or <c>never</c>; replaces the file's <c>gate.fail-on</c>.</summary>
    public string? FailOn { get; init; }
}
