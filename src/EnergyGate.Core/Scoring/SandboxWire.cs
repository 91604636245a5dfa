using System.Text.Json;

namespace EnergyGate.Core.Scoring;

/// <summary>The JSON lines exchanged with <c>sandbox_supervisor.py</c>.</summary>
internal static class SandboxWire
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public sealed record Request(
        long Id, string Program, double TimeoutSeconds, long MemoryBytes, int CpuSeconds, long FileSizeBytes, int MaxProcesses);

    public sealed record Reply(long Id, string Status, string Message, double Seconds);

    /// <summary>The supervisor's last line: CPU it and everything it reaped used.</summary>
    public sealed record Farewell(CpuUsage? Usage);

    public sealed record CpuUsage(double UserSeconds, double SystemSeconds);

    public sealed record Hello(
        bool Ready, string Python, bool NetworkIsolated, string NetworkIsolation, bool Pidfd, int Uid, SampleFacts? Sample);

    /// <summary>What a child set up like a sample observed about itself (the supervisor's probe).</summary>
    public sealed record SampleFacts(
        int Uid, string? Capabilities, bool NoNewPrivs, int OtherProcesses, IReadOnlyList<string>? Writable,
        string? Error, string? DropRefused);

    public static ExecutionResult ToResult(Reply reply) => new(
        reply.Status switch
        {
            "passed" => SampleOutcome.Passed,
            "timed_out" => SampleOutcome.TimedOut,
            _ => SampleOutcome.Failed,
        },
        reply.Message,
        TimeSpan.FromSeconds(reply.Seconds));
}
