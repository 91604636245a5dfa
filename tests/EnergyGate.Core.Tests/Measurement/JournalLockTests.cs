using System.Diagnostics;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Measurement;

/// <summary>
/// A run holds its journal locked while it writes: a second <c>run --resume</c> on the same file is
/// refused instead of interleaving lines, and the file opens again once the first is done.
/// </summary>
public sealed class JournalLockTests : IDisposable
{
    private static readonly RunHeader Header = new("hash-1", "0.1.0", DateTimeOffset.UnixEpoch, ["smoke/tiny/onnx/cpu"],
        new Dictionary<string, string>());

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_second_writer_is_refused_while_the_first_holds_the_journal()
    {
        var path = _dir.File("run.jsonl");
        await using (var first = await ResultsJournal.OpenAsync(path, Header, resume: false))
        {
            await first.AppendAsync(ResultsJournalTests.Sample("t0"));
            var second = await Assert.ThrowsAsync<EnergyGateException>(() => ResultsJournal.OpenAsync(path, Header, resume: true));
            Assert.Equal($"EG2046: another `run` is writing {path} (locked); wait for it or use another --results.", second.Message);
            var reader = await Assert.ThrowsAsync<EnergyGateException>(() => ResultsJournal.ReadAsync(path));
            Assert.StartsWith($"EG2046: {path} is locked", reader.Message, StringComparison.Ordinal);
            Assert.Equal(2, (await first.RecordsAsync()).Count);   // the writer reads what it wrote through itself
        }
        await using (var resumed = await ResultsJournal.OpenAsync(path, Header, resume: true))
        {
            Assert.Equal(2, resumed.Existing.Count);
        }
    }

    /// <summary>
    /// The lock must hold against another process, not only another handle in this one. On Unix .NET
    /// takes flock(2) locks: exclusive for FileShare.None, shared for any other sharing (what a second
    /// `run` opening the file used to get, alongside the first). util-linux flock(1) asks for a shared
    /// one, so it is refused only while the journal is held exclusively.
    /// </summary>
    [FlockFact]
    public async Task Another_process_cannot_lock_the_journal_while_a_run_writes_it()
    {
        var path = _dir.File("run.jsonl");
        await using (await ResultsJournal.OpenAsync(path, Header, resume: false))
        {
            Assert.Equal(1, await FlockExitCode(path));   // 1: refused at once
        }
        Assert.Equal(0, await FlockExitCode(path));
    }

    private static async Task<int> FlockExitCode(string path)
    {
        using var flock = Process.Start(new ProcessStartInfo("/usr/bin/flock", ["--shared", "--nonblock", path, "true"]) { UseShellExecute = false })!;
        await flock.WaitForExitAsync();
        return flock.ExitCode;
    }
}

/// <summary>Runs where util-linux flock(1) can play the other process; shows as skipped elsewhere (xunit 2 has no dynamic skip).</summary>
internal sealed class FlockFactAttribute : FactAttribute
{
    public FlockFactAttribute()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/usr/bin/flock"))
        {
            Skip = "needs Unix and util-linux /usr/bin/flock to play the other process";
        }
    }
}
