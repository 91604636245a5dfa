using EnergyGate.Core.Baselines;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Baselines;

/// <summary>
/// <c>baseline update</c> replaces all of a run's files or none it can avoid: every file is written
/// first, then renamed; a rename that fails midway is reported file by file. One writer at a time.
/// Failures are staged with paths that cannot be written (a file where a folder must be, a folder
/// where a file must be), which fail for root too, unlike read-only permissions.
/// </summary>
public sealed class BaselineUpdateSafetyTests : IDisposable
{
    private static readonly CellKey First = new("humaneval", "a-model", "onnx", "cpu");
    private static readonly CellKey Second = new("humaneval", "b-model", "onnx", "cpu");

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static BaselineDocument TwoCells(string commit)
    {
        var one = SampleDocuments.Document(First);
        return one with { Commit = commit, Cells = [one.Cells[0], SampleDocuments.Document(Second).Cells[0]] };
    }

    private (BaselineStore Store, string First, string Second) Recorded()
    {
        var store = new BaselineStore(_dir.Path);
        store.Save(TwoCells("old"));
        var fingerprint = SampleDocuments.Fingerprint();
        return (store, store.PathFor(First, fingerprint), store.PathFor(Second, fingerprint));
    }

    [Fact]
    public void A_file_that_cannot_be_written_replaces_nothing()
    {
        var (store, first, second) = Recorded();
        var secondFolder = Path.GetDirectoryName(second)!;
        Directory.Delete(secondFolder, recursive: true);
        File.WriteAllText(secondFolder, "not a folder");   // the second cell's folder cannot be created

        var error = Assert.Throws<EnergyGateException>(() => store.Save(TwoCells("new")));
        Assert.StartsWith($"EG2047: cannot write the baseline {second}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("No baseline file was replaced", error.Message, StringComparison.Ordinal);
        Assert.Equal("old", BaselineStore.Read(first).Commit);   // written first, yet not replaced
        Assert.DoesNotContain(_dir.AllFiles(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rename_that_fails_midway_lists_what_was_replaced_and_what_was_not()
    {
        var (store, first, second) = Recorded();
        File.Delete(second);
        Directory.CreateDirectory(second);   // a folder where the second file goes: its rename fails

        var error = Assert.Throws<EnergyGateException>(() => store.Save(TwoCells("new")));
        Assert.StartsWith($"EG2047: renaming the new baseline into {second} failed (", error.Message, StringComparison.Ordinal);
        Assert.Contains($"after 1 of 2 files. Replaced: {first}. Not replaced (old version kept): {second}.", error.Message, StringComparison.Ordinal);
        Assert.Equal("new", BaselineStore.Read(first).Commit);
        Assert.DoesNotContain(_dir.AllFiles(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_update_is_refused_while_the_first_holds_the_folder_and_the_lock_file_goes_with_it()
    {
        var store = new BaselineStore(_dir.Path);
        using (store.LockForUpdate())
        {
            var error = Assert.Throws<EnergyGateException>(() => new BaselineStore(_dir.Path).LockForUpdate());
            Assert.Equal($"EG2046: another `baseline update` is writing {store.RootDir} (locked: {BaselineStore.LockFileName}); wait for it to finish, then run it again.", error.Message);
            store.Save(TwoCells("new"));   // the holder still writes
        }
        Assert.DoesNotContain(_dir.AllFiles(), f => f.EndsWith(".lock", StringComparison.Ordinal));
        using (store.LockForUpdate())
        {
            Assert.Equal(2, Directory.GetFiles(_dir.Path, "*.json", SearchOption.AllDirectories).Length);
        }
    }
}
