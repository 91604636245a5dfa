"""Posts the report as one sticky pull-request comment: finds the comment whose body starts with the
hidden marker for this comment-key (every page of the pull request's comments), and updates it in
place, or creates it when there is none. Never a second comment for the same key.

comment-mode on-alert creates the comment only for a verdict other than pass, but keeps updating
one that exists (so an alert turns green). skip-unchanged leaves the comment alone when the hash
of what would be posted equals the one its state marker remembers. minimize-outdated retires
(re-marks and minimises as OUTDATED, through GraphQL) duplicates of the key and, when the alert
state flips, the old comment, posting a new one at the bottom of the conversation instead.

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
MINIMIZE = ("mutation($id: ID!) { minimizeComment(input: {subjectId: $id, classifier: OUTDATED}) "
            "{ minimizedComment { isMinimized } } }")


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
    """Every comment of ours for the key, oldest first."""
    start = comment_body.marker(key)
    return [comment for comment in api.paginate(f"/repos/{repository}/issues/{number}/comments")
            if (comment.get("body") or "").startswith(start) and (not author or (comment.get("user") or {}).get("login") == author)]


def retire(api, repository, comment, key):
    """Takes a comment out of service: its marker becomes the outdated one (so no later run updates
    it) and GitHub minimises it as outdated; the text stays readable for the record."""
    body = comment.get("body") or ""
    api.request("PATCH", f"/repos/{repository}/issues/comments/{comment['id']}",
                {"body": comment_body.outdated_marker(key) + body[len(comment_body.marker(key)):]})
    name = comment.get("html_url") or comment["id"]
    try:
        api.graphql(MINIMIZE, {"id": comment.get("node_id", "")})
        print(f"Minimised the outdated comment {name}")
    except ApiError as failure:
        gh.warning(f"could not minimise the outdated comment {name}: {failure}", "EnergyGate comment")


def upsert(api, event, repository):
    """The comment posted or kept, or None when there is none to post."""
    number = pull_request_number(api, event, repository)
    if number is None:
        gh.notice("not a pull request (no pr-number, pull_request or workflow_run for an open pull request); no comment posted")
        return None
    with open(gh.get("EG_REPORT"), encoding="utf-8") as stream:
        report = stream.read()
    key, mode = gh.get("EG_COMMENT_KEY") or "default", gh.get("EG_COMMENT_MODE") or "always"
    verdict, exit_code, commit = gh.get("EG_VERDICT"), int(gh.get("EG_EXIT_CODE") or "0"), head_commit(event)
    cc, minimize = gh.get("EG_CC").split(), gh.flag("EG_MINIMIZE_OUTDATED")
    ours = find_ours(api, repository, number, key, gh.get("EG_COMMENT_AUTHOR"))
    existing = ours[0] if ours else None
    if minimize:
        for duplicate in ours[1:]:
            retire(api, repository, duplicate, key)
    if existing is None and mode == "on-alert" and not comment_body.needs_attention(verdict, exit_code):
        print(f"comment-mode on-alert: verdict {verdict} and no EnergyGate comment on pull request #{number} yet, so none is created")
        return None
    before = comment_body.previous_state(existing["body"]) if existing else None
    body, was_cut = comment_body.render(key, verdict, exit_code, report, existing["body"] if existing else None, commit, run_link(event), cc)
    if was_cut:
        gh.warning("the report was cut to fit GitHub's 65,536-character comment limit; the step summary has more")
    if existing and before and minimize and before[1] != comment_body.is_alert(verdict, exit_code):
        # A new comment at the bottom of the conversation shows the change where reviewers look, and
        # its mentions notify (GitHub does not notify for a mention added by editing a comment).
        retire(api, repository, existing, key)
        existing = None
    if existing and before and gh.flag("EG_SKIP_UNCHANGED") and before[3] == comment_body.content_hash(verdict, exit_code, report, cc, commit):
        print(f"skip-unchanged: verdict and report are as last posted; comment {existing.get('html_url') or existing['id']} left as it is")
        return existing
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
