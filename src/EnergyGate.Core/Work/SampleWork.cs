namespace EnergyGate.Core.Work;

/// <summary>The exact work of one generated sample, per phase.</summary>
/// <param name="PrefillFlops">Floating-point operations (a multiply-add is 2) of the prefill pass.</param>
/// <param name="DecodeFlops">Floating-point operations of every decode step together.</param>
/// <param name="DecodeBytes">Bytes read by every decode step together: all weights plus the KV cache attended.</param>
public sealed record SampleWork(long PrefillFlops, long DecodeFlops, long DecodeBytes);

/// <summary>Puts a sample's exact work into its results record.</summary>
public static class SampleWorkRecords
{
    /// <summary><paramref name="record"/> with its work from <paramref name="shape"/>; unchanged when the shape is unknown.</summary>
    public static Measurement.SampleRecord WithWork(this Measurement.SampleRecord record, WorkShape? shape)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (shape is null)
        {
            return record;
        }
        var work = WorkCount.ForSample(shape, record.PromptTokens, record.GeneratedTokens);
        return record with { PrefillFlops = work.PrefillFlops, DecodeFlops = work.DecodeFlops, DecodeBytes = work.DecodeBytes };
    }
}
