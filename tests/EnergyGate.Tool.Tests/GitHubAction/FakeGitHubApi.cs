using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Tool.Tests.GitHubAction;

/// <summary>
/// The slice of GitHub's REST API the action's scripts use, on 127.0.0.1: issue comments (list with
/// Link pagination, create, update), pull requests (open ones by head, create), GraphQL's
/// minimizeComment, and the Git Data API (FakeGitHubApi.GitData.cs). It checks the bearer token,
/// keeps GitHub's 65,536-character body limit, records every request, and can answer as a fork's
/// read-only token or fail the next requests with a server error.
/// </summary>
internal sealed partial class FakeGitHubApi : IAsyncDisposable
{
    public const string Token = "ghs_fake-token-for-tests";
    public const string Repository = "octo/gate";
    public const string Bot = "github-actions[bot]";

    private readonly LocalHttpServer _server;
    private readonly Lock _gate = new();
    private readonly List<FakeComment> _comments = [];
    private long _nextId = 1000;

    public FakeGitHubApi() => _server = LocalHttpServer.Start(HandleAsync);

    /// <summary>For $GITHUB_API_URL: no trailing slash, like api.github.com.</summary>
    public string ApiUrl => _server.BaseUrl.AbsoluteUri.TrimEnd('/');

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public List<FakePull> Pulls { get; } = [];

    /// <summary>Writes answer 403 "Resource not accessible by integration", as for a fork's token.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>Status codes answered, in order, before requests are served again (403: a secondary rate limit).</summary>
    public ConcurrentQueue<int> FailNext { get; } = new();

    public FakeComment AddComment(int issue, string body, string login = "someone")
    {
        lock (_gate)
        {
            var comment = new FakeComment(_nextId++, issue, login) { Body = body };
            _comments.Add(comment);
            return comment;
        }
    }

    public IReadOnlyList<FakeComment> CommentsOn(int issue)
    {
        lock (_gate)
        {
            return _comments.Where(c => c.Issue == issue).ToList();
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.InputStream, Encoding.UTF8).ReadToEndAsync();
        Requests.Enqueue(new RecordedRequest(request.HttpMethod, request.Url!.PathAndQuery, request.Headers["Authorization"], body));
        var (status, json, link) = Answer(request, body);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        if (status >= 500 || status == 403 && json.Contains("rate limit", StringComparison.Ordinal))
        {
            response.AddHeader("Retry-After", "0");
        }
        if (link is not null)
        {
            response.AddHeader("Link", link);
        }
        var bytes = Encoding.UTF8.GetBytes(json);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    private (int Status, string Json, string? Link) Answer(HttpListenerRequest request, string body)
    {
        if (request.Headers["Authorization"] != "Bearer " + Token)
        {
            return Message(401, "Bad credentials");
        }
        if (FailNext.TryDequeue(out var failure))
        {
            return Message(failure, failure == 403 ? "You have exceeded a secondary rate limit" : "Server Error");
        }
        var path = request.Url!.AbsolutePath;
        var query = System.Web.HttpUtility.ParseQueryString(request.Url.Query);
        if (IssueComments().Match(path) is { Success: true } list)
        {
            var issue = int.Parse(list.Groups[1].Value, CultureInfo.InvariantCulture);
            return request.HttpMethod switch
            {
                "GET" => Page(issue, query),
                "POST" => Write(body, text => AddComment(issue, text, Bot), 201),
                _ => Message(405, "Method not allowed"),
            };
        }
        if (OneComment().Match(path) is { Success: true } one && request.HttpMethod == "PATCH")
        {
            var id = long.Parse(one.Groups[1].Value, CultureInfo.InvariantCulture);
            FakeComment? existing;
            lock (_gate)
            {
                existing = _comments.FirstOrDefault(c => c.Id == id);
            }
            return existing is null ? Message(404, "Not Found") : Write(body, text => { existing.Body = text; return existing; }, 200);
        }
        if (path == $"/repos/{Repository}/pulls" && request.HttpMethod == "GET")
        {
            List<FakePull> matching;
            lock (_gate)
            {
                matching = Pulls.Where(p => query["state"] != "open" || p.Open).Where(p => query["head"] is not { } head || p.Label == head).ToList();
            }
            return (200, JsonSerializer.Serialize(matching.Select(PullJson)), null);
        }
        if (path == $"/repos/{Repository}/pulls" && request.HttpMethod == "POST")
        {
            return CreatePull(body);
        }
        if (path == "/graphql" && request.HttpMethod == "POST")
        {
            return GraphQl(body);
        }
        if (path.StartsWith($"/repos/{Repository}/git/", StringComparison.Ordinal))
        {
            return GitData(request.HttpMethod, path[$"/repos/{Repository}/git/".Length..], query, body);
        }
        return Message(404, "Not Found");
    }

    private (int, string, string?) Page(int issue, System.Collections.Specialized.NameValueCollection query)
    {
        var perPage = Math.Min(100, int.Parse(query["per_page"] ?? "30", CultureInfo.InvariantCulture));
        var page = int.Parse(query["page"] ?? "1", CultureInfo.InvariantCulture);
        var all = CommentsOn(issue);
        var last = Math.Max(1, (all.Count + perPage - 1) / perPage);
        var items = all.Skip((page - 1) * perPage).Take(perPage).Select(Json);
        var url = $"{ApiUrl}/repos/{Repository}/issues/{issue}/comments?per_page={perPage}&page=";
        var link = page < last ? $"<{url}{page + 1}>; rel=\"next\", <{url}{last}>; rel=\"last\"" : null;
        return (200, JsonSerializer.Serialize(items), link);
    }

    private (int, string, string?) Write(string body, Func<string, FakeComment> apply, int status)
    {
        if (ReadOnly)
        {
            return Message(403, "Resource not accessible by integration");
        }
        var text = JsonDocument.Parse(body).RootElement.GetProperty("body").GetString() ?? "";
        // GitHub counts characters; .NET strings count UTF-16 units, so count code points.
        var length = text.EnumerateRunes().Count();
        if (length > 65_536)
        {
            return (422, JsonSerializer.Serialize(new { message = "Validation Failed", errors = new[] { new { resource = "IssueComment", code = "custom", field = "body", message = $"body is too long (maximum is 65536 characters), was {length}" } } }), null);
        }
        return (status, JsonSerializer.Serialize(Json(apply(text))), null);
    }

    private object Json(FakeComment c) => new
    {
        id = c.Id,
        node_id = c.NodeId,
        body = c.Body,
        html_url = $"https://github.test/{Repository}/pull/{c.Issue}#issuecomment-{c.Id}",
        user = new { login = c.Login },
    };

    private static (int, string, string?) Message(int status, string message) => (status, JsonSerializer.Serialize(new { message }), null);

    [GeneratedRegex(@"^/repos/octo/gate/issues/(\d+)/comments$")]
    private static partial Regex IssueComments();

    [GeneratedRegex(@"^/repos/octo/gate/issues/comments/(\d+)$")]
    private static partial Regex OneComment();

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

internal sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, string Body);

internal sealed record FakeComment(long Id, int Issue, string Login)
{
    public required string Body { get; set; }

    /// <summary>GraphQL's global id, which minimizeComment takes.</summary>
    public string NodeId => $"IC_{Id}";

    /// <summary>The classifier it was minimised with (OUTDATED...), or null while it is shown.</summary>
    public string? MinimizedAs { get; set; }
}

/// <summary>A pull request; <paramref name="Label"/> is owner:branch of its head.</summary>
internal sealed record FakePull(int Number, string HeadSha, string Label, bool Open = true, string? Base = null, string? Title = null, string? Body = null);
