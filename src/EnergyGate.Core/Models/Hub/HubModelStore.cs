using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EnergyGate.Core.Models.Hub;

/// <summary>A hub model in the cache, ready for a runtime.</summary>
/// <param name="Path">The folder a runtime opens, or the GGUF file.</param>
/// <param name="Commit">The commit sha the files come from.</param>
/// <param name="WeightsHash">SHA-256 over the files' hub hashes (LFS SHA-256 or git blob id), hex.</param>
/// <param name="Files">The files downloaded.</param>
public sealed record HubModel(string Path, string Commit, string WeightsHash, IReadOnlyList<HubFile> Files);

/// <summary>
/// The hub model cache: <c>&lt;cache&gt;/hf/OWNER/NAME/&lt;sha&gt;/...</c> holds the files at their repository
/// paths; beside the folder, <c>&lt;sha&gt;.manifest.json</c> lists the files wanted with their hashes
/// (written before the download, so offline mode can say what is missing) and <c>&lt;sha&gt;.&lt;selection&gt;.complete</c>
/// marks a folder whose every file was verified. <c>refs/&lt;revision&gt;</c> holds the sha a branch or tag
/// resolved to at the last online run, so an offline run can find it.
/// </summary>
/// <param name="cacheDir">The tool's cache root.</param>
public sealed class HubModelStore(string cacheDir)
{
    private const string Folder = "hf";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The folder of a repository's cached commits.</summary>
    public string RepoFolder(HubSource source) => System.IO.Path.Combine(cacheDir, Folder, source.Repo.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>The folder that holds <paramref name="commit"/>'s files.</summary>
    public string CommitFolder(HubSource source, string commit) => System.IO.Path.Combine(RepoFolder(source), commit);

    /// <summary>
    /// The model at <paramref name="source"/>: from the cache when its folder is complete (and, for a
    /// branch or tag, online runs first ask the hub which commit it points at now), else downloaded.
    /// </summary>
    /// <param name="source">The hub source.</param>
    /// <param name="patterns">The plan's <c>files:</c> globs, or null for the defaults.</param>
    /// <param name="options">Endpoint and offline mode.</param>
    /// <param name="token">The read token, or null.</param>
    /// <param name="tokenVariable">The variable the token came from (for messages).</param>
    /// <param name="log">Progress and the not-pinned warning (stderr).</param>
    /// <param name="ct">Cancels the download; finished files stay, the partial one is continued next time.</param>
    public async Task<HubModel> EnsureAsync(
        HubSource source, IReadOnlyList<string>? patterns, HubOptions options, string? token, string tokenVariable,
        TextWriter log, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (options.Offline)
        {
            return await FromCacheAsync(source, patterns, log, ct);
        }
        using var client = new HubClient(options.Endpoint, token, tokenVariable, TimeSpan.FromMinutes(5));
        var commit = source.IsPinned ? source.Revision : await client.ResolveCommitAsync(source, ct);
        if (!source.IsPinned)
        {
            await WriteAtomicAsync(RefPath(source), commit + "\n", ct);
            await WarnNotPinnedAsync(source, commit, log);
        }
        if (await ReadCompleteAsync(source, commit, patterns, options.Verify ? log : null, ct) is { } cached)
        {
            return cached;
        }
        var all = await client.ListFilesAsync(source, commit, ct);
        var files = HubFileSelection.Select(all, patterns);
        if (files.Count == 0)
        {
            var wanted = string.Join(", ", patterns ?? HubFileSelection.DefaultPatterns);
            var some = string.Join(", ", all.Take(12).Select(f => f.Path));
            throw new EnergyGateException(
                $"EG2084: {source}: no file of commit {commit} matches `files:` ({wanted}); the repository has {all.Count} files ({some}{(all.Count > 12 ? ", ..." : "")}); set `files:` to the ones the runtime needs (a GGUF repository: the .gguf file's name)");
        }
        var folder = CommitFolder(source, commit);
        await WriteAtomicAsync(ManifestPath(source, commit, patterns), JsonSerializer.Serialize(new Manifest(source.Repo, commit, files), Json), ct);
        // Reported synchronously (not Progress<T>, which posts to the thread pool and could print out of order).
        var progress = new HubProgressPrinter(log);
        foreach (var file in files)
        {
            var target = LocalPath(folder, file);
            if (!File.Exists(target) || new FileInfo(target).Length != file.Size)
            {
                await client.DownloadAsync(source, commit, file, target, progress, ct);
            }
        }
        await WriteAtomicAsync(CompletePath(source, commit, patterns), commit + "\n", ct);
        return Model(folder, commit, files);
    }

    private async Task<HubModel> FromCacheAsync(HubSource source, IReadOnlyList<string>? patterns, TextWriter log, CancellationToken ct)
    {
        var fetch = $"run `dotnet energygate model pull {source}` (or the run itself) once without {HubOptions.OfflineVariable}=1 to download it";
        var commit = source.IsPinned ? source.Revision
            : File.Exists(RefPath(source)) ? (await File.ReadAllTextAsync(RefPath(source), ct)).Trim()
            : throw new EnergyGateException($"EG2083: {source}: offline ({HubOptions.OfflineVariable}=1) and revision `{source.Revision}` was never resolved into the cache ({RepoFolder(source)}); {fetch}");
        if (!source.IsPinned)
        {
            await WarnNotPinnedAsync(source, commit, log);
        }
        if (await ReadCompleteAsync(source, commit, patterns, ct) is { } cached)
        {
            return cached;
        }
        if (!File.Exists(ManifestPath(source, commit, patterns)))
        {
            throw new EnergyGateException($"EG2083: {source}: offline ({HubOptions.OfflineVariable}=1) and commit {commit} is not in the cache ({CommitFolder(source, commit)}); {fetch}");
        }
        var manifest = await ReadManifestAsync(source, commit, patterns, ct);
        var missing = manifest.Files.Where(f => !File.Exists(LocalPath(CommitFolder(source, commit), f))).Select(f => f.Path).ToList();
        throw new EnergyGateException(
            $"EG2083: {source}: offline ({HubOptions.OfflineVariable}=1) and the cached download of commit {commit} is incomplete; missing: {(missing.Count == 0 ? "(files present but not verified)" : string.Join(", ", missing))}; {fetch}");
    }

    private static async Task WarnNotPinnedAsync(HubSource source, string commit, TextWriter log) =>
        await log.WriteLineAsync(
            $"warning: model source {source} is not pinned: revision `{source.Revision}` is a branch or tag, now commit {commit}; pin it as {HubSource.Prefix}{source.Repo}@{commit} so runs stay comparable");

    private async Task<HubModel?> ReadCompleteAsync(HubSource source, string commit, IReadOnlyList<string>? patterns, CancellationToken ct) =>
        await ReadCompleteAsync(source, commit, patterns, verifyLog: null, ct);

    /// <summary>The complete cached download, or null; with <paramref name="verifyLog"/>, every file is hashed again and a changed one removed (and reported).</summary>
    private async Task<HubModel?> ReadCompleteAsync(HubSource source, string commit, IReadOnlyList<string>? patterns, TextWriter? verifyLog, CancellationToken ct)
    {
        if (verifyLog is not null && File.Exists(CompletePath(source, commit, patterns)) && File.Exists(ManifestPath(source, commit, patterns)))
        {
            var cached = CommitFolder(source, commit);
            var changed = 0;
            foreach (var file in (await ReadManifestAsync(source, commit, patterns, ct)).Files.Where(f => File.Exists(LocalPath(cached, f))))
            {
                if (await HubClient.ProblemAsync(file, LocalPath(cached, file), ct) is { } problem)
                {
                    changed++;
                    File.Delete(LocalPath(cached, file));
                    await verifyLog.WriteLineAsync($"verify: {source.Repo}@{commit[..12]}: {file.Path}: {problem}; removed, it is downloaded again");
                }
            }
            await verifyLog.WriteLineAsync($"verify: {source.Repo}@{commit[..12]}: {(changed == 0 ? "every cached file matches the hub's size and hash" : $"{changed} cached file(s) did not match")}");
        }
        if (!File.Exists(CompletePath(source, commit, patterns)) || !File.Exists(ManifestPath(source, commit, patterns)))
        {
            return null;
        }
        var manifest = await ReadManifestAsync(source, commit, patterns, ct);
        var folder = CommitFolder(source, commit);
        // A file deleted or cut since the download makes the folder incomplete again; sizes are cheap to check, hashes were checked on download.
        return manifest.Files.All(f => File.Exists(LocalPath(folder, f)) && new FileInfo(LocalPath(folder, f)).Length == f.Size)
            ? Model(folder, commit, manifest.Files)
            : null;
    }

    private async Task<Manifest> ReadManifestAsync(HubSource source, string commit, IReadOnlyList<string>? patterns, CancellationToken ct)
    {
        var path = ManifestPath(source, commit, patterns);
        try
        {
            return JsonSerializer.Deserialize<Manifest>(await File.ReadAllTextAsync(path, ct), Json)
                ?? throw new JsonException("empty document");
        }
        catch (JsonException ex)
        {
            throw new EnergyGateException($"EG2083: {path}: not a valid hub manifest ({ex.Message}); delete {path}, then run online again", ex);
        }
    }

    private static HubModel Model(string folder, string commit, IReadOnlyList<HubFile> files)
    {
        var text = new StringBuilder();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            text.Append(file.Path).Append(' ').Append(file.ContentId).Append('\n');
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        return new HubModel(RuntimePath(folder, files), commit, hash, files);
    }

    /// <summary>
    /// What a runtime opens: the one GGUF file when that is the only model file; the <c>onnx/</c> folder
    /// when the graphs live there (the onnx-community layout) with the root's configs and tokenizer
    /// copied beside them; else the commit folder.
    /// </summary>
    private static string RuntimePath(string folder, IReadOnlyList<HubFile> files)
    {
        var ggufs = files.Where(f => f.Path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)).ToList();
        var others = files.Any(f => f.Path.EndsWith(".onnx", StringComparison.Ordinal) || f.Path.EndsWith(".safetensors", StringComparison.Ordinal));
        if (ggufs.Count == 1 && !others)
        {
            return LocalPath(folder, ggufs[0]);
        }
        var graphFolders = files.Where(f => f.Path.EndsWith(".onnx", StringComparison.Ordinal)).Select(f => System.IO.Path.GetDirectoryName(f.Path) ?? "").Distinct().ToList();
        if (graphFolders is [{ Length: > 0 } sub] && !sub.Contains('/'))
        {
            var target = System.IO.Path.Combine(folder, sub);
            foreach (var rootFile in files.Where(f => !f.Path.Contains('/')))
            {
                var copy = System.IO.Path.Combine(target, rootFile.Path);
                if (!File.Exists(copy))
                {
                    var temp = copy + ".partial";
                    File.Copy(LocalPath(folder, rootFile), temp, overwrite: true);
                    File.Move(temp, copy, overwrite: true);
                }
            }
            return target;
        }
        return folder;
    }

    private static string LocalPath(string folder, HubFile file) =>
        System.IO.Path.Combine(folder, file.Path.Replace('/', System.IO.Path.DirectorySeparatorChar));

    private string ManifestPath(HubSource source, string commit, IReadOnlyList<string>? patterns) => $"{CommitFolder(source, commit)}.{SelectionKey(patterns)}.manifest.json";

    private string CompletePath(HubSource source, string commit, IReadOnlyList<string>? patterns) => $"{CommitFolder(source, commit)}.{SelectionKey(patterns)}.complete";

    /// <summary>
    /// Two plans may take different files of one commit (an ONNX variant, a GGUF quantization): the files
    /// share the commit folder, but each selection has its own manifest and complete marker.
    /// </summary>
    private static string SelectionKey(IReadOnlyList<string>? patterns) =>
        patterns is null ? "default" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', patterns))))[..12];

    private string RefPath(HubSource source) => System.IO.Path.Combine(RepoFolder(source), "refs", Uri.EscapeDataString(source.Revision));

    private static async Task WriteAtomicAsync(string path, string text, CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            await File.WriteAllTextAsync(temp, text, ct);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private sealed record Manifest(string Repo, string Commit, IReadOnlyList<HubFile> Files);
}

/// <summary>Prints one line per file when it starts and finishes, and about every tenth in between, so logs stay short.</summary>
internal sealed class HubProgressPrinter(TextWriter log) : IProgress<HubProgress>
{
    private string? _file;
    private int _lastTenth = -1;

    public void Report(HubProgress p)
    {
        if (p.WaitingForOtherProcess)
        {
            log.WriteLine($"waiting for {p.File}: another process is downloading it into the same cache (lock {p.File}.partial.lock)");
            return;
        }
        var tenth = p.TotalBytes > 0 ? (int)(10 * p.BytesReceived / p.TotalBytes) : 10;
        if (p.File != _file)
        {
            _file = p.File;
            _lastTenth = -1;
        }
        if (tenth != _lastTenth)
        {
            _lastTenth = tenth;
            log.WriteLine(System.FormattableString.Invariant($"downloading {p.File}: {p.BytesReceived:N0} of {p.TotalBytes:N0} bytes ({tenth * 10} %)"));
        }
    }
}
