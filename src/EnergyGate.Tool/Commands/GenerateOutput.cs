using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyGate.Core.Generation;

namespace EnergyGate.Tool.Commands;

/// <summary>How `generate` prints a result.</summary>
internal static class GenerateOutput
{
    public static string Text(string session, GenerationResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(r.Completion);
        text.AppendLine("---");
        text.AppendLine(c, $"session: {session}");
        text.AppendLine(c, $"prompt tokens {r.PromptTokenCount}, prefill {r.PrefillDuration.TotalMilliseconds:0.###} ms, TTFT {r.TimeToFirstToken.TotalMilliseconds:0.###} ms");
        var rate = r.DecodeTokensPerSecond is { } tps ? tps.ToString("0.0", c) + " tokens/s" : "n/a (no decode step)";
        text.AppendLine(c, $"generated tokens {r.GeneratedTokenCount}, decode {r.DecodeDuration.TotalMilliseconds:0.###} ms, {rate}");
        text.Append(c, $"stop: {r.StopReason}{(r.StopDetail.Length > 0 ? $" ({Escape(r.StopDetail)})" : "")}");
        return text.ToString();
    }

    public static string Json(string session, GenerationResult r) => new JsonObject
    {
        ["session"] = session,
        ["completion"] = r.Completion,
        ["raw_text"] = r.RawText,
        ["prompt_tokens"] = r.PromptTokenCount,
        ["generated_tokens"] = r.GeneratedTokenCount,
        ["generated_ids"] = new JsonArray([.. r.GeneratedIds.Select(id => JsonValue.Create(id))]),
        ["prefill_ms"] = r.PrefillDuration.TotalMilliseconds,
        ["ttft_ms"] = r.TimeToFirstToken.TotalMilliseconds,
        ["decode_ms"] = r.DecodeDuration.TotalMilliseconds,
        ["decode_tokens_per_second"] = r.DecodeTokensPerSecond,
        ["stop_reason"] = r.StopReason.ToString(),
        ["stop_detail"] = r.StopDetail,
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static string Escape(string s) => s.Replace("\n", "\\n", StringComparison.Ordinal);
}
