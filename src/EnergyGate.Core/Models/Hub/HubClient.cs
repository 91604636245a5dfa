using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace EnergyGate.Core.Models.Hub;

/// <summary>
/// The few Hub HTTP calls a model download needs, in the hub's URL layout (huggingface_hub's hf_api.py
/// and file_download.py): <c>/api/models/{repo}/revision/{rev}</c> for the commit,
/// <c>/api/models/{repo}/tree/{sha}?recursive=true</c> for the files with their LFS hashes, and
/// <c>/{repo}/resolve/{sha}/{path}</c> for the bytes (a redirect to a CDN for LFS files).
/// Redirects are followed here, not by the handler, so the token goes only to the endpoint's own host.
/// </summary>
public sealed class HubClient : IDisposable
{
    private const int BufferSize = 1 << 16;
    private const int MaxRedirects = 5;
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string? _token;
    private readonly string _tokenVariable;

    /// <param name="endpoint">The hub's base URL.</param>
    /// <param name="token">A read token, or null for public repositories. Never logged.</param>
    /// <param name="tokenVariable">The variable the token came from (named in 401/403 errors).</param>
    /// <param name="timeout">Per-request timeout.</param>
    public HubClient(Uri endpoint, string? token, string tokenVariable, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        _token = string.IsNullOrEmpty(token) ? null : token;
        _tokenVariable = tokenVariable;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None }) { Timeout = timeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("dotnet-energygate");
    }

    /// <summary>The commit sha <paramref name="source"/>'s revision points at.</summary>
    public async Task<string> ResolveCommitAsync(HubSource source, CancellationToken ct)
    {
        var url = new Uri(_endpoint, $"api/models/{source.Repo}/revision/{Uri.EscapeDataString(source.Revision)}");
        using var response = await SendAsync(url, null, ct);
        await EnsureSuccessAsync(response, url, source, what: $"revision `{source.Revision}`");
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return json.RootElement.TryGetProperty("sha", out var sha) && sha.GetString() is { } value && HubSource.IsCommitSha(value)
            ? value
            : throw new EnergyGateException($"EG2082: {url} answered without a commit sha (`sha`); is {_endpoint} a Hugging Face Hub endpoint?");
    }

    /// <summary>Every file of the repository at <paramref name="commit"/>, following the tree API's pages.</summary>
    public async Task<IReadOnlyList<HubFile>> ListFilesAsync(HubSource source, string commit, CancellationToken ct)
    {
        var files = new List<HubFile>();
        Uri? url = new(_endpoint, $"api/models/{source.Repo}/tree/{commit}?recursive=true");
        while (url is not null)
        {
            using var response = await SendAsync(url, null, ct);
            await EnsureSuccessAsync(response, url, source, what: $"commit {commit}");
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            if (json.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new EnergyGateException($"EG2082: {url} did not answer with a list of files; is {_endpoint} a Hugging Face Hub endpoint?");
            }
            foreach (var entry in json.RootElement.EnumerateArray())
            {
                if (entry.TryGetProperty("type", out var type) && type.GetString() != "file")
                {
                    continue;
                }
                var path = entry.GetProperty("path").GetString()!;
                var size = entry.GetProperty("size").GetInt64();
                string? sha256 = null;
                if (entry.TryGetProperty("lfs", out var lfs) && lfs.ValueKind == JsonValueKind.Object)
                {
                    sha256 = lfs.GetProperty("oid").GetString()?.ToLowerInvariant();
                    size = lfs.TryGetProperty("size", out var lfsSize) ? lfsSize.GetInt64() : size;
                }
                var oid = entry.TryGetProperty("oid", out var o) ? o.GetString()?.ToLowerInvariant() : null;
                files.Add(new HubFile(path, size, sha256, oid));
            }
            url = NextPage(response, url);
        }
        return files;
    }

    /// <summary>
    /// Downloads <paramref name="file"/> to <paramref name="target"/>: into <c>target.partial</c> first,
    /// continuing a partial file left by an earlier attempt with an HTTP Range request, then checking its
    /// size and hash (LFS SHA-256, or the git blob SHA-1 for small files) before the rename into place.
    /// A short or wrong body is retried once (the retry continues a short body); then it is an error.
    /// </summary>
    public async Task DownloadAsync(HubSource source, string commit, HubFile file, string target, IProgress<HubProgress>? progress, CancellationToken ct)
    {
        var partial = target + ".partial";
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var held = await DownloadLock.AcquireAsync(partial + ".lock",
            () => progress?.Report(new HubProgress(file.Path, 0, file.Size) { WaitingForOtherProcess = true }), ct);
        // The process that held the lock may have finished this file: it verified it before the rename.
        if (File.Exists(target) && new FileInfo(target).Length == file.Size)
        {
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await FetchToPartialAsync(source, commit, file, partial, progress, ct);
                await VerifyAsync(file, partial, ct);
                File.Move(partial, target, overwrite: true);
                return;
            }
            catch (HubBodyException ex)
            {
                if (ex.Discard)
                {
                    File.Delete(partial);
                }
                if (attempt == 2)
                {
                    throw new EnergyGateException($"EG2082: {source.Repo}@{commit[..12]}: {file.Path}: {ex.Message} (after a retry); nothing was cached under that name, run again to continue");
                }
            }
        }
    }

    private async Task FetchToPartialAsync(HubSource source, string commit, HubFile file, string partial, IProgress<HubProgress>? progress, CancellationToken ct)
    {
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (have > file.Size)
        {
            File.Delete(partial);
            have = 0;
        }
        if (have == file.Size && have > 0)
        {
            return;
        }
        var url = new Uri(_endpoint, $"{source.Repo}/resolve/{commit}/{string.Join('/', file.Path.Split('/').Select(Uri.EscapeDataString))}");
        using var response = await SendAsync(url, have > 0 ? new RangeHeaderValue(have, null) : null, ct);
        await EnsureSuccessAsync(response, url, source, what: $"file `{file.Path}`");
        // A server that ignores Range answers 200 with the whole body: start over instead of appending.
        var append = have > 0 && response.StatusCode == HttpStatusCode.PartialContent;
        if (!append)
        {
            have = 0;
        }
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await using var output = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        var buffer = new byte[BufferSize];
        var received = have;
        progress?.Report(new HubProgress(file.Path, received, file.Size));
        while (true)
        {
            int n;
            try
            {
                n = await body.ReadAsync(buffer, ct);
            }
            catch (IOException)
            {
                // The connection closed early: keep what arrived, the retry continues from there.
                break;
            }
            catch (HttpRequestException)
            {
                break;
            }
            if (n == 0)
            {
                break;
            }
            await output.WriteAsync(buffer.AsMemory(0, n), ct);
            received += n;
            progress?.Report(new HubProgress(file.Path, received, file.Size));
        }
        if (received < file.Size)
        {
            throw new HubBodyException(string.Create(CultureInfo.InvariantCulture, $"the download ended after {received} of {file.Size} bytes"), discard: false);
        }
    }

    /// <summary>The problem with a file on disk against the hub's size and hash for it, or null when it matches (the cache's <c>--verify</c>).</summary>
    internal static async Task<string?> ProblemAsync(HubFile file, string path, CancellationToken ct)
    {
        try
        {
            await VerifyAsync(file, path, ct);
            return null;
        }
        catch (HubBodyException e)
        {
            return e.Message;
        }
    }

    private static async Task VerifyAsync(HubFile file, string partial, CancellationToken ct)
    {
        var size = new FileInfo(partial).Length;
        if (size != file.Size)
        {
            throw new HubBodyException(string.Create(CultureInfo.InvariantCulture, $"got {size} bytes, the hub lists {file.Size}"), discard: true);
        }
        if (file.Sha256 is { } expected)
        {
            var actual = await HashFileAsync(partial, HashAlgorithmName.SHA256, prefix: [], ct);
            if (actual != expected)
            {
                throw new HubBodyException($"sha256 is {actual}, the hub's LFS metadata says {expected}", discard: true);
            }
        }
        else if (file.GitBlobSha1 is { } blob)
        {
            // Small files live in git itself: their id is SHA-1 over "blob <size>\0" + content, as git computes it.
            var actual = await HashFileAsync(partial, HashAlgorithmName.SHA1, System.Text.Encoding.ASCII.GetBytes($"blob {size}\0"), ct);
            if (actual != blob)
            {
                throw new HubBodyException($"git blob sha1 is {actual}, the hub lists {blob}", discard: true);
            }
        }
    }

    internal static async Task<string> HashFileAsync(string path, HashAlgorithmName algorithm, byte[] prefix, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        hash.AppendData(prefix);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        var buffer = new byte[BufferSize];
        int n;
        while ((n = await stream.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, n);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, RangeHeaderValue? range, CancellationToken ct)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = range;
            // The token is for the hub; a CDN on another host gets a signed URL and must not see it.
            if (_token is not null && SameOrigin(url, _endpoint))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            }
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            }
            catch (HttpRequestException ex)
            {
                throw new EnergyGateException($"EG2082: {url.GetLeftPart(UriPartial.Path)} could not be reached: {ex.Message}; check the network or HF_ENDPOINT, or run offline from the cache (HF_HUB_OFFLINE=1)", ex);
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new EnergyGateException($"EG2082: {url.GetLeftPart(UriPartial.Path)} timed out after {_http.Timeout.TotalSeconds:0} s", ex);
            }
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (hop == MaxRedirects)
                {
                    throw new EnergyGateException($"EG2082: {url.GetLeftPart(UriPartial.Path)}: more than {MaxRedirects} redirects");
                }
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                continue;
            }
            return response;
        }
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private async Task EnsureSuccessAsync(HttpResponseMessage response, Uri url, HubSource source, string what)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var status = (int)response.StatusCode;
        // The hub says which part was not found in X-Error-Code (RepoNotFound, RevisionNotFound, EntryNotFound).
        var code = response.Headers.TryGetValues("X-Error-Code", out var values) ? values.FirstOrDefault() : null;
        var where = url.GetLeftPart(UriPartial.Path);
        if (status is 401 or 403 || code is "GatedRepo")
        {
            var tokenHint = _token is null
                ? $"no token was sent: set {_tokenVariable} (or name another variable with `token-env:`) to a token with read access"
                : $"the token in {_tokenVariable} was refused: check that it is valid and has access to {source.Repo} (gated models need their terms accepted)";
            throw new EnergyGateException($"EG2080: {source}: HTTP {status} from {where}: the repository is private or gated; {tokenHint}");
        }
        if (status == 404)
        {
            var missing = code switch
            {
                "RepoNotFound" => $"repository `{source.Repo}`",
                "RevisionNotFound" => $"revision `{source.Revision}` of {source.Repo}",
                "EntryNotFound" => what,
                _ => what,
            };
            throw new EnergyGateException($"EG2081: {source}: {missing} not found (HTTP 404 from {where}); check the repository id and revision (a private repository also answers 404 without a token: set {_tokenVariable})");
        }
        var body = await response.Content.ReadAsStringAsync();
        throw new EnergyGateException($"EG2082: {source}: HTTP {status} {response.ReasonPhrase} from {where}{(body.Length > 0 ? ": " + body[..Math.Min(body.Length, 200)] : "")}");
    }

    // The tree API pages with a Link header: <url>; rel="next".
    private static Uri? NextPage(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }
        foreach (var part in string.Join(',', links).Split(','))
        {
            var pieces = part.Split(';');
            if (pieces.Length >= 2 && pieces.Skip(1).Any(p => p.Trim() is "rel=\"next\"" or "rel=next"))
            {
                var text = pieces[0].Trim().TrimStart('<').TrimEnd('>');
                return Uri.TryCreate(current, text, out var next) ? next : null;
            }
        }
        return null;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>A body that arrived short or wrong; <see cref="Discard"/> when the partial file cannot be continued.</summary>
    private sealed class HubBodyException(string message, bool discard) : Exception(message)
    {
        public bool Discard { get; } = discard;
    }
}

/// <summary>How far one file's download has got.</summary>
public readonly record struct HubProgress(string File, long BytesReceived, long TotalBytes)
{
    /// <summary>True when another process is downloading this file into the same cache and this one waits for it.</summary>
    public bool WaitingForOtherProcess { get; init; }
}
