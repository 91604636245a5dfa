using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

// Git names commits and blobs by SHA-1; the fake hub computes those ids, which is no security use.
#pragma warning disable CA5350

namespace EnergyGate.Core.Tests.TestSupport;

/// <summary>
/// A Hugging Face Hub in its URL layout on <see cref="LocalHttpServer"/>: <c>/api/models/{repo}/revision/{rev}</c>,
/// <c>/api/models/{repo}/tree/{sha}?recursive=true</c> (LFS entries with <c>lfs.oid</c>), and
/// <c>/{repo}/resolve/{sha}/{path}</c>, which answers git files itself and redirects LFS files (302) to
/// <c>/cdn/{sha256}</c>, as the hub hands LFS files to its CDN. Private repositories answer 401 unless
/// the Bearer token matches; unknown repositories, revisions and files 404 with the hub's X-Error-Code.
/// </summary>
internal sealed class FakeHub : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Repo> _repos = new();
    private readonly ConcurrentDictionary<string, byte[]> _cdn = new();
    private readonly LocalHttpServer _server;
    private readonly LocalHttpServer _cdnServer;
    private int _disposed;

    public FakeHub()
    {
        _server = LocalHttpServer.Start(HandleAsync);
        // Another origin (port), as the hub's CDN is another host: the token must not follow the redirect there.
        _cdnServer = LocalHttpServer.Start(HandleAsync);
    }

    public Uri Endpoint => _server.BaseUrl;

    public Uri Cdn => _cdnServer.BaseUrl;

    /// <summary>Every request seen: path and query, Authorization and Range headers.</summary>
    public ConcurrentQueue<(string PathAndQuery, string? Authorization, string? Range)> Requests { get; } = new();

    /// <summary>LFS paths whose next N CDN answers stop half-way (Content-Length promises the whole file).</summary>
    public ConcurrentDictionary<string, int> TruncateNext { get; } = new();

    /// <summary>LFS paths whose CDN answers carry wrong bytes of the right length.</summary>
    public ConcurrentDictionary<string, bool> Corrupt { get; } = new();

    /// <summary>Adds a commit with <paramref name="files"/> (repository path to bytes; <c>.onnx</c>, <c>.safetensors</c>, <c>.gguf</c> go to LFS).</summary>
    public string AddCommit(string repo, IReadOnlyDictionary<string, byte[]> files, string? branch = null, string? token = null)
    {
        var r = _repos.GetOrAdd(repo, _ => new Repo(token));
        var commit = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(repo + string.Join(",", files.Select(f => f.Key + Convert.ToHexString(SHA256.HashData(f.Value)))))));
        r.Commits[commit] = files.ToDictionary();
        if (branch is not null)
        {
            r.Refs[branch] = commit;
        }
        return commit;
    }

    public static bool IsLfs(string path) => path.EndsWith(".onnx", StringComparison.Ordinal) || path.EndsWith(".safetensors", StringComparison.Ordinal) || path.EndsWith(".gguf", StringComparison.Ordinal);

    /// <summary>A folder's files by their '/'-separated relative paths.</summary>
    public static Dictionary<string, byte[]> ReadFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes);

    public async ValueTask DisposeAsync()
    {
        // Tests stop the hub early to prove offline runs need no network; disposing again is a no-op.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _server.DisposeAsync();
        await _cdnServer.DisposeAsync();
    }

    private async Task HandleAsync(HttpListenerContext ctx)
    {
        var request = ctx.Request;
        var path = Uri.UnescapeDataString(request.Url!.AbsolutePath);
        Requests.Enqueue((request.Url.PathAndQuery, request.Headers["Authorization"], request.Headers["Range"]));
        if (path.StartsWith("/cdn/", StringComparison.Ordinal))
        {
            await ServeCdnAsync(ctx, path["/cdn/".Length..]);
            return;
        }
        var parts = path.Trim('/').Split('/');
        var api = parts is ["api", "models", _, _, ..];
        var repoName = api ? $"{parts[2]}/{parts[3]}" : parts.Length >= 2 ? $"{parts[0]}/{parts[1]}" : "";
        if (!_repos.TryGetValue(repoName, out var repo))
        {
            await ErrorAsync(ctx, 404, "RepoNotFound");
            return;
        }
        if (repo.Token is not null && request.Headers["Authorization"] != $"Bearer {repo.Token}")
        {
            await ErrorAsync(ctx, 401, null);
            return;
        }
        if (api && parts is [_, _, _, _, "revision", .. var rev])
        {
            var name = string.Join('/', rev);
            var commit = repo.Commits.ContainsKey(name) ? name : repo.Refs.GetValueOrDefault(name);
            if (commit is null)
            {
                await ErrorAsync(ctx, 404, "RevisionNotFound");
                return;
            }
            await JsonAsync(ctx, new { id = repoName, sha = commit, siblings = repo.Commits[commit].Keys.Select(k => new { rfilename = k }) });
            return;
        }
        if (api && parts is [_, _, _, _, "tree", var sha] && repo.Commits.TryGetValue(sha, out var tree))
        {
            await JsonAsync(ctx, tree.Select(f => IsLfs(f.Key)
                ? (object)new { type = "file", oid = GitBlob(Encoding.ASCII.GetBytes("lfs pointer " + f.Key)), size = 134, path = f.Key, lfs = new { oid = Sha256(f.Value), size = f.Value.LongLength, pointerSize = 134 } }
                : new { type = "file", oid = GitBlob(f.Value), size = f.Value.LongLength, path = f.Key }).ToList());
            return;
        }
        if (!api && parts is [_, _, "resolve", var at, .. var rest] && repo.Commits.TryGetValue(at, out var files))
        {
            var file = string.Join('/', rest);
            if (!files.TryGetValue(file, out var bytes))
            {
                await ErrorAsync(ctx, 404, "EntryNotFound");
                return;
            }
            ctx.Response.Headers["X-Repo-Commit"] = at;
            if (IsLfs(file))
            {
                var oid = Sha256(bytes);
                _cdn[oid] = bytes;
                ctx.Response.StatusCode = 302;
                ctx.Response.Headers["Location"] = new Uri(Cdn, $"cdn/{oid}?file={Uri.EscapeDataString(file)}").AbsoluteUri;
                return;
            }
            await BodyAsync(ctx, bytes, request.Headers["Range"]);
            return;
        }
        await ErrorAsync(ctx, 404, "EntryNotFound");
    }

    private async Task ServeCdnAsync(HttpListenerContext ctx, string oid)
    {
        if (!_cdn.TryGetValue(oid, out var bytes))
        {
            await ErrorAsync(ctx, 404, null);
            return;
        }
        var file = ctx.Request.QueryString["file"] ?? "";
        if (Corrupt.ContainsKey(file))
        {
            bytes = [.. bytes.Select(b => (byte)(b ^ 0xFF))];
        }
        if (TruncateNext.TryGetValue(file, out var left) && left > 0)
        {
            TruncateNext[file] = left - 1;
            var (start, _) = Range(ctx.Request.Headers["Range"], bytes.Length);
            ctx.Response.StatusCode = start > 0 ? 206 : 200;
            ctx.Response.ContentLength64 = bytes.Length - start;
            var half = (bytes.Length - start) / 2;
            await ctx.Response.OutputStream.WriteAsync(bytes.AsMemory(start, half));
            await ctx.Response.OutputStream.FlushAsync();
            ctx.Response.Abort();
            return;
        }
        await BodyAsync(ctx, bytes, ctx.Request.Headers["Range"]);
    }

    private static async Task BodyAsync(HttpListenerContext ctx, byte[] bytes, string? range)
    {
        var (start, partial) = Range(range, bytes.Length);
        ctx.Response.StatusCode = partial ? 206 : 200;
        if (partial)
        {
            ctx.Response.Headers["Content-Range"] = $"bytes {start}-{bytes.Length - 1}/{bytes.Length}";
        }
        ctx.Response.ContentLength64 = bytes.Length - start;
        foreach (var chunk in bytes.Skip(start).Chunk(4096))
        {
            await ctx.Response.OutputStream.WriteAsync(chunk);
        }
    }

    private static (int Start, bool Partial) Range(string? header, int length) =>
        header is { } h && h.StartsWith("bytes=", StringComparison.Ordinal) && int.TryParse(h["bytes=".Length..].TrimEnd('-'), out var start) && start < length
            ? (start, true)
            : (0, false);

    private static async Task JsonAsync(HttpListenerContext ctx, object value)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value);
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength64 = bytes.Length;
        await ctx.Response.OutputStream.WriteAsync(bytes);
    }

    private static async Task ErrorAsync(HttpListenerContext ctx, int status, string? code)
    {
        ctx.Response.StatusCode = status;
        if (code is not null)
        {
            ctx.Response.Headers["X-Error-Code"] = code;
        }
        var bytes = Encoding.UTF8.GetBytes($"{{\"error\":\"{code ?? "Unauthorized"}\"}}");
        ctx.Response.ContentLength64 = bytes.Length;
        await ctx.Response.OutputStream.WriteAsync(bytes);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string GitBlob(byte[] bytes) =>
        Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {bytes.Length}\0"), .. bytes]));

    private sealed record Repo(string? Token)
    {
        public ConcurrentDictionary<string, Dictionary<string, byte[]>> Commits { get; } = new();

        public ConcurrentDictionary<string, string> Refs { get; } = new();
    }
}
