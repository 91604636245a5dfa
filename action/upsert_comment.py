"""Posts the report as one sticky pull-request comment: finds the comment whose body starts with the
hidden marker for this comment-key (every page of the pull request's comments), and updates it in
place, or creates it when there is none. Never a second comment for the same key.

The pull request is pr-number, else the event's: pull_request, or for workflow_run (the fork-safe
pattern) the run's pull_requests, else the open pull request whose head is the run's head commit.
A token that may not write (a fork's pull_request token) gives a clear message, not a crash; the
report is already in the step summary by then."""

import json
import os
import sys
import urllib.parse

import comment_body
import gh
from github_api import ApiError, GitHubApi

FORK_HELP = ("GitHub gives pull_request workflows from forks a read-only token, so the comment cannot be posted "
             "from this run. Measure here with comment: false and upload the report as an artifact, then post it "
             "from a workflow_run workflow in the base repository (see docs/github-action.md, 'Fork pull requests', "
             "and .github/workflows/energygate-comment.yml).")
PERMISSION_HELP = ("The token may not write pull-request comments: give the job `permissions: pull-requests: write` "
                   "(and pass a token that has it as github-token).")


def load_event():
    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path or not os.path.isfile(path):
        return {}
    with open(path, encoding="utf-8") as stream:
        return json.load(stream)


def head_commit(event):
    return ((event.get("pull_request") or {}).get("head", {}).get("sha")
            or (event.get("workflow_run") or {}).get("head_sha")
            or os.environ.get("GITHUB_SHA", ""))


def is_fork(event, repository):
    head_repo = ((event.get("pull_request") or {}).get("head") or {}).get("repo") or {}
    return bool(head_repo) and head_repo.get("full_name") != repository


def pull_request_number(api, event, repository):
    if number := gh.get("EG_PR_NUMBER"):
        return int(number)
    if pr := event.get("pull_request"):
        return int(pr["number"])
    run = event.get("workflow_run")
    if not run:
        return None
    for pr in run.get("pull_requests") or []:
        if (pr.get("head") or {}).get("sha") == run.get("head_sha"):
            return int(pr["number"])
    # From a fork, pull_requests is empty; find the open pull request by the head the run measured.
    owner = ((run.get("head_repository") or {}).get("owner") or {}).get("login")
    branch = run.get("head_branch")
    if not owner or not branch:
        return None
    head = urllib.parse.quote(f"{owner}:{branch}", safe=":")
    for pr in api.paginate(f"/repos/{repository}/pulls?state=open&head={head}"):
        if (pr.get("head") or {}).get("sha") == run.get("head_sha"):
            return int(pr["number"])
    return None


def run_link(event):
    if url := (event.get("workflow_run") or {}).get("html_url"):
        return f", [measurement run]({url})"
    server, repo, run_id = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY"), os.environ.get("GITHUB_RUN_ID")
    return f", [run {run_id}]({server}/{repo}/actions/runs/{run_id})" if server and repo and run_id else ""


def find_ours(api, repository, number, key, author):
    start = comment_body.marker(key)
    for comment in api.paginate(f"/repos/{repository}/issues/{number}/comments"):
        login = (comment.get("user") or {}).get("login")
        if (comment.get("body") or "").startswith(start) and (not author or login == author):
            return comment
    return None


def upsert(api, event, repository):
    number = pull_request_number(api, event, repository)
    if number is None:
        gh.notice("not a pull request (no pr-number, pull_request or workflow_run for an open pull request); no comment posted")
        return None
    with open(gh.get("EG_REPORT"), encoding="utf-8") as stream:
        report = stream.read()
    key = gh.get("EG_COMMENT_KEY") or "default"
    existing = find_ours(api, repository, number, key, gh.get("EG_COMMENT_AUTHOR"))
    body, was_cut = comment_body.render(key, gh.get("EG_VERDICT"), int(gh.get("EG_EXIT_CODE") or "0"), report,
                                        existing["body"] if existing else None, head_commit(event), run_link(event))
    if was_cut:
        gh.warning("the report was cut to fit GitHub's 65,536-character comment limit; the step summary has more")
    if existing:
        comment, _ = api.request("PATCH", f"/repos/{repository}/issues/comments/{existing['id']}", {"body": body})
        print(f"Updated comment {comment.get('html_url') or existing['id']} on pull request #{number}")
    else:
        comment, _ = api.request("POST", f"/repos/{repository}/issues/{number}/comments", {"body": body})
        print(f"Created comment {comment.get('html_url') or comment.get('id')} on pull request #{number}")
    return comment


def main():
    if gh.get("EG_VERDICT") == "error" or not os.path.isfile(gh.get("EG_REPORT")):
        gh.notice("no report to post (the gate did not run to the end); the comment is left as it was")
        return 0
    repository = os.environ.get("GITHUB_REPOSITORY", "")
    if "/" not in repository:
        gh.fail("GITHUB_REPOSITORY is not set to owner/name; run the action in GitHub Actions")
    event = load_event()
    api = GitHubApi(gh.get("EG_GITHUB_TOKEN"))
    try:
        comment = upsert(api, event, repository)
    except ApiError as failure:
        if failure.status == 403 and is_fork(event, repository):
            gh.warning(f"{failure} -- {FORK_HELP}", "EnergyGate comment")
            return 0
        if failure.status in (401, 403, 404):
            gh.error(f"{failure} -- {PERMISSION_HELP} {FORK_HELP if failure.status == 403 else ''}".strip(), "EnergyGate comment")
            return 1
        gh.error(f"{failure} -- the report is in the step summary; rerun the job to post the comment", "EnergyGate comment")
        return 1
    if comment:
        gh.set_output("comment-url", comment.get("html_url", ""))
        gh.set_output("comment-id", comment.get("id", ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
