"""A small GitHub REST client (urllib): JSON in and out, pagination by Link rel="next", and retries
on server errors and rate limits. $GITHUB_API_URL points it at GitHub Enterprise or at a test's
fake API; the token is never sent to a host other than that one."""

import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request

LINK_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="next"')
RETRIED_STATUS = (500, 502, 503, 504, 429)


class ApiError(Exception):
    def __init__(self, method, url, status, message):
        super().__init__(f"{method} {url} -> HTTP {status}: {message}")
        self.method, self.url, self.status, self.message = method, url, status, message


class GitHubApi:
    def __init__(self, token, api_url=None, retries=None, retry_seconds=None):
        self.token = token
        self.api_url = (api_url or os.environ.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")
        self.retries = int(os.environ.get("EG_API_RETRIES", "4")) if retries is None else retries
        self.retry_seconds = float(os.environ.get("EG_API_RETRY_SECONDS", "2")) if retry_seconds is None else retry_seconds
        self._origin = urllib.parse.urlsplit(self.api_url)[:2]

    def request(self, method, path_or_url, body=None):
        """(json, headers) of one call; raises ApiError after the retries are spent."""
        url = path_or_url if "://" in path_or_url else self.api_url + path_or_url
        if urllib.parse.urlsplit(url)[:2] != self._origin:
            raise ApiError(method, url, 0, f"refusing to send the token outside {self.api_url}")
        data = None if body is None else json.dumps(body).encode("utf-8")
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(url, data=data, method=method, headers={
                "Authorization": f"Bearer {self.token}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": "energygate-action",
                **({"Content-Type": "application/json"} if data is not None else {}),
            })
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    text = response.read().decode("utf-8")
                    return (json.loads(text) if text else None), response.headers
            except urllib.error.HTTPError as failure:
                text = failure.read().decode("utf-8", "replace")
                wait = self._retry_after(failure.code, failure.headers, text, attempt)
                if wait is None or attempt == self.retries:
                    raise ApiError(method, url, failure.code, _message(text)) from None
                print(f"{method} {url}: HTTP {failure.code}, retrying in {wait:g} s", flush=True)
                time.sleep(wait)
            except urllib.error.URLError as failure:
                if attempt == self.retries:
                    raise ApiError(method, url, 0, str(failure.reason)) from None
                time.sleep(self.retry_seconds * 2 ** attempt)
        raise AssertionError("unreachable")

    def _retry_after(self, status, headers, text, attempt):
        """Seconds to wait before retrying, or None when the failure is not temporary."""
        limited = status in (403, 429) and (headers.get("Retry-After") is not None
                                            or headers.get("X-RateLimit-Remaining") == "0"
                                            or "rate limit" in text.lower())
        if status not in RETRIED_STATUS and not limited:
            return None
        if (after := headers.get("Retry-After")) and after.isdigit():
            return min(float(after), 120.0)
        if headers.get("X-RateLimit-Remaining") == "0" and (reset := headers.get("X-RateLimit-Reset", "")).isdigit():
            return min(max(0.0, int(reset) - time.time()), 120.0)
        return min(self.retry_seconds * 2 ** attempt, 120.0)

    def graphql(self, query, variables):
        """One GraphQL call ($GITHUB_GRAPHQL_URL, else {api}/graphql); GraphQL reports most failures
        as HTTP 200 with an `errors` list, which is raised as an ApiError too."""
        url = os.environ.get("GITHUB_GRAPHQL_URL") or self.api_url + "/graphql"
        answer, _ = self.request("POST", url, {"query": query, "variables": variables})
        errors = (answer or {}).get("errors") if isinstance(answer, dict) else None
        if errors:
            details = "; ".join(str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors)
            status = 403 if any(isinstance(e, dict) and e.get("type") == "FORBIDDEN" for e in errors) else 200
            raise ApiError("POST", url, status, details)
        return (answer or {}).get("data") or {}

    def paginate(self, path):
        """Every item of a list endpoint, following Link rel="next" (per_page=100)."""
        url = path + ("&" if "?" in path else "?") + "per_page=100"
        while url:
            page, headers = self.request("GET", url)
            yield from page or []
            match = LINK_NEXT.search(headers.get("Link") or "")
            url = match.group(1) if match else None


def _message(text):
    try:
        parsed = json.loads(text)
    except ValueError:
        return text.strip()[:500] or "(empty response)"
    message = str(parsed.get("message", "")) if isinstance(parsed, dict) else ""
    errors = parsed.get("errors") if isinstance(parsed, dict) else None
    if isinstance(errors, list):
        details = [str(e.get("message") or e.get("code")) if isinstance(e, dict) else str(e) for e in errors]
        message += " (" + "; ".join(details) + ")"
    return message or text.strip()[:500]
