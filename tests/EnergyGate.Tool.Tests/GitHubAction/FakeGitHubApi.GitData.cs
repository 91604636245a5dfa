using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

// Git names every object by its SHA-1; the fake must compute the same ids as the action and git do. Nothing here is security.
#pragma warning disable CA5350

namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>
/// GitHub's Git Data API in memory, as the data branch uses it: blobs (base64 or utf-8, ids computed
/// as git does), trees (flat path maps with their sub-trees, base_tree, deletion by a null sha, GET
/// recursive or one level), commits, and refs (GET, POST, PATCH with GitHub's fast-forward check:
/// 422 "Update is not a fast forward" unless force). Plus POST /pulls and GraphQL's minimizeComment.
/// </summary>
internal sealed partial class FakeGitHubApi
{
    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, string>> _trees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeCommit> _commits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refs = new(StringComparer.Ordinal);
    private int _nextPull = 100;

    /// <summary>Runs (once) before a ref update is answered: a test's stand-in for another run pushing meanwhile.</summary>
    public Action<FakeGitHubApi>? BeforeNextRefUpdate { get; set; }

    /// <summary>A recursive tree listing answers truncated: true, as GitHub does for very large trees.</summary>
    public bool TruncateRecursiveTrees { get; set; }

    /// <summary>The commit a branch points at, or null.</summary>
    public string? Branch(string name)
    {
        lock (_gate)
        {
            return _refs.GetValueOrDefault("heads/" + name);
        }
    }

    public FakeCommit Commit(string sha)
    {
        lock (_gate)
        {
            return _commits[sha];
        }
    }

    /// <summary>Every file of a commit (or a branch's head), as UTF-8 text.</summary>
    public SortedDictionary<string, string> FilesAt(string commitOrBranch)
    {
        lock (_gate)
        {
            var sha = _refs.GetValueOrDefault("heads/" + commitOrBranch) ?? commitOrBranch;
            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (path, blob) in _trees[_commits[sha].Tree])
            {
                files[path] = Encoding.UTF8.GetString(_blobs[blob]);
            }
            return files;
        }
    }

    /// <summary>Commits files on top of a branch (or starts it), as a push by someone else would; returns the commit.</summary>
    public string Push(string branch, IReadOnlyDictionary<string, string> files, string message = "another run")
    {
        lock (_gate)
        {
            var parent = _refs.GetValueOrDefault("heads/" + branch);
            var map = parent is null ? new SortedDictionary<string, string>(StringComparer.Ordinal) : new SortedDictionary<string, string>(_trees[_commits[parent].Tree], StringComparer.Ordinal);
            foreach (var (path, text) in files)
            {
                map[path] = StoreBlob(Encoding.UTF8.GetBytes(text));
            }
            var commit = StoreCommit(StoreTree(map), parent is null ? [] : [parent], message);
            _refs["heads/" + branch] = commit;
            return commit;
        }
    }

    /// <summary>The git object id of bytes, as <c>git hash-object</c> computes it (the action compares local files by it).</summary>
    public static string BlobId(byte[] data) =>
        Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {data.Length}\0"), .. data]));

    private (int, string, string?) GitData(string method, string rest, System.Collections.Specialized.NameValueCollection query, string body)
    {
        if (method != "GET" && ReadOnly)
        {
            return Message(403, "Resource not accessible by integration");
        }
        lock (_gate)
        {
            return (method, rest) switch
            {
                ("GET", _) when rest.StartsWith("ref/", StringComparison.Ordinal) => GetRef(rest["ref/".Length..]),
                ("GET", _) when rest.StartsWith("commits/", StringComparison.Ordinal) => GetCommit(rest["commits/".Length..]),
                ("GET", _) when rest.StartsWith("trees/", StringComparison.Ordinal) => GetTree(rest["trees/".Length..], query["recursive"] is not null),
                ("GET", _) when rest.StartsWith("blobs/", StringComparison.Ordinal) => GetBlob(rest["blobs/".Length..]),
                ("POST", "blobs") => PostBlob(JsonNode.Parse(body)!),
                ("POST", "trees") => PostTree(JsonNode.Parse(body)!),
                ("POST", "commits") => PostCommit(JsonNode.Parse(body)!),
                ("POST", "refs") => PostRef(JsonNode.Parse(body)!),
                ("PATCH", _) when rest.StartsWith("refs/", StringComparison.Ordinal) => PatchRef(rest["refs/".Length..], JsonNode.Parse(body)!),
                _ => Message(404, "Not Found"),
            };
        }
    }

    private (int, string, string?) GetRef(string name) =>
        _refs.TryGetValue(name, out var sha)
            ? Ok(new { @ref = "refs/" + name, node_id = "REF_" + sha[..8], @object = new { sha, type = "commit" } })
            : Message(404, "Not Found");

    private (int, string, string?) GetCommit(string sha) =>
        _commits.TryGetValue(sha, out var commit)
            ? Ok(new { sha, tree = new { sha = commit.Tree }, parents = commit.Parents.Select(p => new { sha = p }), message = commit.Message })
            : Message(404, "Not Found");

    private (int, string, string?) GetTree(string sha, bool recursive)
    {
        if (!_trees.TryGetValue(sha, out var files))
        {
            return Message(404, "Not Found");
        }
        var entries = new List<object>();
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, blob) in files)
        {
            var parts = path.Split('/');
            for (var i = 1; i < parts.Length; i++)
            {
                folders.Add(string.Join('/', parts[..i]));
            }
            if (recursive || parts.Length == 1)
            {
                entries.Add(new { path, mode = "100644", type = "blob", sha = blob, size = _blobs[blob].Length });
            }
        }
        foreach (var folder in folders.Where(f => recursive || !f.Contains('/', StringComparison.Ordinal)))
        {
            var prefix = folder + "/";
            var sub = new SortedDictionary<string, string>(files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(f => f.Key[prefix.Length..], f => f.Value), StringComparer.Ordinal);
            entries.Add(new { path = folder, mode = "040000", type = "tree", sha = StoreTree(sub) });
        }
        if (recursive && TruncateRecursiveTrees)
        {
            return Ok(new { sha, tree = entries.Take(1), truncated = true });
        }
        return Ok(new { sha, tree = entries, truncated = false });
    }

    private (int, string, string?) GetBlob(string sha) =>
        _blobs.TryGetValue(sha, out var data)
            ? Ok(new { sha, size = data.Length, encoding = "base64", content = WrapBase64(data) })
            : Message(404, "Not Found");

    private (int, string, string?) PostBlob(JsonNode body)
    {
        var content = body["content"]?.GetValue<string>() ?? "";
        var data = (body["encoding"]?.GetValue<string>() ?? "utf-8") switch
        {
            "base64" => Convert.FromBase64String(content),
            "utf-8" => Encoding.UTF8.GetBytes(content),
            _ => null,
        };
        return data is null ? Message(422, "encoding must be utf-8 or base64") : (201, JsonSerializer.Serialize(new { sha = StoreBlob(data) }), null);
    }

    private (int, string, string?) PostTree(JsonNode body)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (body["base_tree"]?.GetValue<string>() is { } baseTree)
        {
            if (!_trees.TryGetValue(baseTree, out var files))
            {
                return Message(422, "Invalid tree info: base_tree does not exist");
            }
            map = new SortedDictionary<string, string>(files, StringComparer.Ordinal);
        }
        foreach (var entry in body["tree"]!.AsArray())
        {
            var path = entry!["path"]!.GetValue<string>();
            if (entry["type"]?.GetValue<string>() != "blob" || entry["mode"]?.GetValue<string>() != "100644")
            {
                return Message(422, $"Invalid tree info: {path} is not a regular file blob");
            }
            var blob = entry["sha"]?.GetValue<string>();
            if (blob is null)
            {
                map.Remove(path);
            }
            else if (!_blobs.ContainsKey(blob))
            {
                return Message(422, $"Invalid tree info: blob {blob} for {path} does not exist");
            }
            else
            {
                map[path] = blob;
            }
        }
        return (201, JsonSerializer.Serialize(new { sha = StoreTree(map) }), null);
    }

    private (int, string, string?) PostCommit(JsonNode body)
    {
        var tree = body["tree"]!.GetValue<string>();
        var parents = body["parents"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        if (!_trees.ContainsKey(tree) || parents.Any(p => !_commits.ContainsKey(p)))
        {
            return Message(422, "Tree SHA does not exist or parent SHA does not exist");
        }
        return (201, JsonSerializer.Serialize(new { sha = StoreCommit(tree, parents, body["message"]!.GetValue<string>()), tree = new { sha = tree } }), null);
    }

    private (int, string, string?) PostRef(JsonNode body)
    {
        var name = body["ref"]!.GetValue<string>();
        var sha = body["sha"]!.GetValue<string>();
        if (!name.StartsWith("refs/heads/", StringComparison.Ordinal) || !_commits.ContainsKey(sha))
        {
            return Message(422, "Reference name or object is invalid");
        }
        if (_refs.ContainsKey(name["refs/".Length..]))
        {
            return Message(422, "Reference already exists");
        }
        _refs[name["refs/".Length..]] = sha;
        return (201, JsonSerializer.Serialize(new { @ref = name, @object = new { sha, type = "commit" } }), null);
    }

    private (int, string, string?) PatchRef(string name, JsonNode body)
    {
        if (BeforeNextRefUpdate is { } meanwhile)
        {
            BeforeNextRefUpdate = null;
            meanwhile(this);
        }
        var sha = body["sha"]!.GetValue<string>();
        if (!_refs.TryGetValue(name, out var current))
        {
            return Message(422, "Reference does not exist");
        }
        if (!_commits.ContainsKey(sha))
        {
            return Message(422, "Object does not exist");
        }
        if (body["force"]?.GetValue<bool>() != true && !Descends(sha, current))
        {
            return Message(422, "Update is not a fast forward");
        }
        _refs[name] = sha;
        return Ok(new { @ref = "refs/" + name, @object = new { sha, type = "commit" } });
    }

    private (int, string, string?) CreatePull(string body)
    {
        if (ReadOnly)
        {
            return Message(403, "Resource not accessible by integration");
        }
        var request = JsonNode.Parse(body)!;
        var head = request["head"]!.GetValue<string>();
        var baseBranch = request["base"]!.GetValue<string>();
        lock (_gate)
        {
            var label = head.Contains(':', StringComparison.Ordinal) ? head : $"{Repository.Split('/')[0]}:{head}";
            if (!_refs.TryGetValue("heads/" + label.Split(':')[1], out var headSha) || !_refs.ContainsKey("heads/" + baseBranch))
            {
                return (422, JsonSerializer.Serialize(new { message = "Validation Failed", errors = new[] { new { resource = "PullRequest", code = "invalid", field = "head or base" } } }), null);
            }
            if (Pulls.Any(p => p.Open && p.Label == label && p.Base == baseBranch))
            {
                return (422, JsonSerializer.Serialize(new { message = "Validation Failed", errors = new[] { new { resource = "PullRequest", code = "custom", message = $"A pull request already exists for {label}." } } }), null);
            }
            var pull = new FakePull(_nextPull++, headSha, label, Base: baseBranch, Title: request["title"]?.GetValue<string>(), Body: request["body"]?.GetValue<string>());
            Pulls.Add(pull);
            return (201, JsonSerializer.Serialize(PullJson(pull)), null);
        }
    }

    private static object PullJson(FakePull p) => new
    {
        number = p.Number,
        html_url = $"https://github.test/{Repository}/pull/{p.Number}",
        head = new { sha = p.HeadSha, label = p.Label, @ref = p.Label.Split(':')[^1] },
        @base = new { @ref = p.Base },
    };

    /// <summary>GraphQL's minimizeComment only; errors come back as HTTP 200 with an errors list, as GitHub answers.</summary>
    private (int, string, string?) GraphQl(string body)
    {
        var request = JsonNode.Parse(body)!;
        var text = request["query"]!.GetValue<string>();
        var classifier = System.Text.RegularExpressions.Regex.Match(text, @"classifier:\s*([A-Z_]+)");
        if (!text.Contains("minimizeComment", StringComparison.Ordinal) || !classifier.Success)
        {
            return Ok(new { errors = new[] { new { type = "UNSUPPORTED", message = "the fake GitHub API answers minimizeComment only" } } });
        }
        if (ReadOnly)
        {
            return Ok(new { data = new { minimizeComment = (object?)null }, errors = new[] { new { type = "FORBIDDEN", message = "Resource not accessible by integration" } } });
        }
        var id = request["variables"]?["id"]?.GetValue<string>();
        lock (_gate)
        {
            if (_comments.FirstOrDefault(c => c.NodeId == id) is not { } comment)
            {
                return Ok(new { data = new { minimizeComment = (object?)null }, errors = new[] { new { type = "NOT_FOUND", message = $"Could not resolve to a node with the global id of '{id}'" } } });
            }
            comment.MinimizedAs = classifier.Groups[1].Value;
        }
        return Ok(new { data = new { minimizeComment = new { minimizedComment = new { isMinimized = true } } } });
    }

    private bool Descends(string sha, string ancestor)
    {
        var pending = new Stack<string>([sha]);
        while (pending.TryPop(out var next))
        {
            if (next == ancestor)
            {
                return true;
            }
            foreach (var parent in _commits[next].Parents)
            {
                pending.Push(parent);
            }
        }
        return false;
    }

    private string StoreBlob(byte[] data)
    {
        var sha = BlobId(data);
        _blobs[sha] = data;
        return sha;
    }

    private string StoreTree(SortedDictionary<string, string> files)
    {
        var sha = Hash("tree\n" + string.Join('\n', files.Select(f => $"{f.Key} {f.Value}")));
        _trees.TryAdd(sha, files);
        return sha;
    }

    private string StoreCommit(string tree, IReadOnlyList<string> parents, string message)
    {
        // Distinct even for equal content, like commits made at different times.
        var sha = Hash($"commit {_commits.Count}\n{tree}\n{string.Join(' ', parents)}\n{message}");
        _commits[sha] = new FakeCommit(sha, tree, parents, message);
        return sha;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>GitHub wraps blob contents at 60 base64 characters a line.</summary>
    private static string WrapBase64(byte[] data) => string.Join('\n', Convert.ToBase64String(data).Chunk(60).Select(c => new string(c))) + "\n";

    private static (int, string, string?) Ok(object value) => (200, JsonSerializer.Serialize(value), null);
}

internal sealed record FakeCommit(string Sha, string Tree, IReadOnlyList<string> Parents, string Message);
