"""mode: record, after the gate: `baseline update` (the runner's machine class) and `history append`
from the results the gate step just gated, then the changed files written back to the data branch
as one commit (record-to: branch), or to a branch `energygate/baselines-<sha7>` with a pull request
against the data branch for a person to merge (record-to: pull-request).

A branch write that GitHub refuses as not a fast-forward means another run wrote in between: the
branch is read again, the tool's two commands are applied again on top of what it holds now, and
the commit is made again (at most MAX_ATTEMPTS times), so no run's entry is lost or overwritten.

Without data-branch the tool updates the working tree's baselines folder (and `history` when given)
and nothing is pushed: a later step commits or uploads them."""

import json
import os
import subprocess
import sys
import time
import urllib.parse

import fetch_data
import gh
from data_branch import MANIFEST, DataBranch, NotFastForward
from github_api import ApiError, GitHubApi

MAX_ATTEMPTS = 5
WRITE_HELP = ("The token may not write the repository's contents: give the recording job `permissions: contents: write` "
              "(and `pull-requests: write` for record-to: pull-request).")
PULL_HELP = ("The token may not open pull requests: give the job `permissions: pull-requests: write`, and allow it in the "
             "repository (Settings > Actions > General > 'Allow GitHub Actions to create and approve pull requests').")


def measured_commit():
    return gh.get("EG_COMMIT") or os.environ.get("GITHUB_SHA", "")


def run_tool(args):
    """One tool command, its output in the log; the tool names the recorded commit from $GITHUB_SHA."""
    env = dict(os.environ)
    if commit := gh.get("EG_COMMIT"):
        env["GITHUB_SHA"] = commit
    command = [gh.get("EG_TOOL")] + args
    print("+ " + " ".join(command), flush=True)
    try:
        code = subprocess.run(command, check=False, env=env).returncode
    except OSError as problem:
        gh.fail(f"cannot start the tool '{command[0]}': {problem}")
        return
    if code != 0:
        gh.fail(f"`dotnet-energygate {' '.join(args[:2])}` failed with exit code {code}; nothing was recorded (see the log above)")


def apply(baselines, history):
    """The tool's two writes; baselines None leaves the tool's default folder (next to energygate.yml)."""
    results = gh.get("EG_RESULTS")
    config = ["--config", gh.get("EG_CONFIG")] if gh.get("EG_CONFIG") else []
    if gh.get("EG_RECORD_BASELINES").lower() != "false":
        run_tool(["baseline", "update", "--results", results] + config + (["--baselines", baselines] if baselines else []))
    if history:
        keep = ["--keep", gh.get("EG_HISTORY_KEEP")] if gh.get("EG_HISTORY_KEEP") else []
        run_tool(["history", "append", "--history", history, "--results", results] + keep)


def message():
    commit = measured_commit()
    what = "baselines and history" if gh.get("EG_RECORD_BASELINES").lower() != "false" else "history"
    lines = [f"EnergyGate: record {what} for {commit[:7] or 'an unknown commit'}", ""]
    if verdict := gh.get("EG_VERDICT"):
        lines.append(f"Gate verdict against the previous baselines: {verdict}.")
    lines.append(f"Measured commit: {commit or 'unknown'}.")
    server, repo, run_id = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY"), os.environ.get("GITHUB_RUN_ID")
    if server and repo and run_id:
        lines.append(f"Run: {server}/{repo}/actions/runs/{run_id}")
    return "\n".join(lines) + "\n"


def read_manifest(folder):
    with open(os.path.join(folder, MANIFEST), encoding="utf-8") as stream:
        return json.load(stream)


def wait(attempt):
    time.sleep(float(os.environ.get("EG_API_RETRY_SECONDS", "2")) * attempt)


def to_branch(data, folder, manifest):
    """(commit written or the branch's head when nothing changed, folder) after at most MAX_ATTEMPTS tries."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        if attempt > 1:
            folder, manifest = fetch_data.fetch(data.api, data.repository, data.branch)
        apply(os.path.join(folder, "baselines"), os.path.join(folder, "history"))
        changes = data.changes(folder, manifest)
        if not changes:
            gh.notice(f"nothing to record: the data branch '{data.branch}' already holds these baselines and history")
            return manifest["commit"] or "", folder
        sha, _ = data.commit(changes, manifest["commit"], manifest["tree"], message(), add_readme=not manifest["has_readme"])
        try:
            data.move(data.branch, sha, create=manifest["commit"] is None)
        except NotFastForward as refused:
            if attempt == MAX_ATTEMPTS:
                gh.fail(f"the data branch '{data.branch}' kept moving: {MAX_ATTEMPTS} writes refused ({refused}); rerun the job")
            print(f"The data branch '{data.branch}' moved since it was read ({refused}); reading it again (attempt {attempt + 1} of {MAX_ATTEMPTS})", flush=True)
            wait(attempt)
            continue
        print(f"Recorded {len(changes)} file(s) to '{data.branch}' as commit {sha}: " + ", ".join(sorted(changes)))
        return sha, folder
    raise AssertionError("unreachable")


def start_branch(data):
    """Creates the data branch with only its README, since a pull request needs a base branch. When
    another run created it meanwhile, that one is used."""
    sha, _ = data.commit({}, None, None, "EnergyGate: start the data branch\n", add_readme=True)
    try:
        data.move(data.branch, sha, create=True)
        print(f"Created the data branch '{data.branch}' at {sha}")
    except NotFastForward:
        print(f"The data branch '{data.branch}' was created by another run meanwhile; recording on top of it")


def open_pull(data, head_branch):
    """The pull request from head_branch into the data branch: created, or the open one already there."""
    commit = measured_commit()
    body = (f"Baselines and history recorded by EnergyGate for commit {commit or 'unknown'} "
            f"(gate verdict against the current baselines: {gh.get('EG_VERDICT') or 'unknown'}).\n\n"
            "Merging makes them the baselines that pull requests are gated against. Review the figures "
            "(`dotnet energygate baseline show`) before merging; close this to keep the current ones.\n")
    try:
        pull, _ = data.api.request("POST", f"/repos/{data.repository}/pulls",
                                   {"title": f"EnergyGate: baselines for {commit[:7] or 'unknown'}", "head": head_branch,
                                    "base": data.branch, "body": body})
        print(f"Opened pull request #{pull.get('number')}: {pull.get('html_url')}")
        return pull
    except ApiError as failure:
        if failure.status != 422 or "already exists" not in failure.message.lower():
            raise
    owner = data.repository.split("/")[0]
    query = urllib.parse.quote(f"{owner}:{head_branch}", safe=":/")
    for pull in data.api.paginate(f"/repos/{data.repository}/pulls?state=open&head={query}"):
        print(f"Updated the open pull request #{pull.get('number')}: {pull.get('html_url')}")
        return pull
    gh.fail(f"GitHub says a pull request from '{head_branch}' exists, but none is open; rerun the job")
    return None


def to_pull_request(data, folder, manifest):
    """(commit on the record branch or '', pull request URL or '', folder)."""
    if manifest["commit"] is None:
        start_branch(data)
        folder, manifest = fetch_data.fetch(data.api, data.repository, data.branch)
    apply(os.path.join(folder, "baselines"), os.path.join(folder, "history"))
    changes = data.changes(folder, manifest)
    if not changes:
        gh.notice(f"nothing to record: the data branch '{data.branch}' already holds these baselines and history")
        return "", "", folder
    sha, _ = data.commit(changes, manifest["commit"], manifest["tree"], message())
    head_branch = f"energygate/baselines-{measured_commit()[:7] or 'unknown'}"
    # The branch is this action's own: a rerun for the same commit replaces what an earlier run put there.
    data.move(head_branch, sha, create=data.head(head_branch) is None, force=True)
    print(f"Recorded {len(changes)} file(s) to '{head_branch}' as commit {sha}: " + ", ".join(sorted(changes)))
    pull = open_pull(data, head_branch)
    return sha, pull.get("html_url", "") if pull else "", folder


def summary_line(text):
    if path := os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(path, "a", encoding="utf-8") as out:
            out.write(f"\n> {text}\n")


def record_locally():
    baselines, history = gh.get("EG_BASELINES"), gh.get("EG_HISTORY")
    apply(baselines or None, os.path.abspath(history) if history else None)
    where = " and ".join(filter(None, [f"baselines in {baselines or 'the default folder next to energygate.yml'}",
                                        f"history in {history}" if history else ""]))
    print(f"Recorded {where}; no data-branch is set, so nothing was pushed: commit or upload them in a later step")
    gh.set_output("history-path", os.path.abspath(history) if history else "")
    gh.set_output("baselines-commit", "")
    gh.set_output("baselines-pr-url", "")


def main():
    if not os.path.isfile(gh.get("EG_RESULTS")):
        gh.fail(f"no results file to record ('{gh.get('EG_RESULTS')}'); the gate step did not measure or read one")
    branch = gh.get("EG_DATA_BRANCH")
    if not branch:
        record_locally()
        return 0
    repository = os.environ.get("GITHUB_REPOSITORY", "")
    data = DataBranch(GitHubApi(gh.get("EG_GITHUB_TOKEN")), repository, branch)
    folder = gh.get("EG_DATA_DIR")
    try:
        manifest = read_manifest(folder)
        if gh.get("EG_RECORD_TO") == "pull-request":
            sha, url, folder = to_pull_request(data, folder, manifest)
            if url:
                summary_line(f"EnergyGate recorded the baselines and history of this run on `energygate/baselines-{measured_commit()[:7]}` "
                             f"and opened {url} against `{branch}`.")
        else:
            sha, folder = to_branch(data, folder, manifest)
            url = ""
            summary_line(f"EnergyGate: the data branch `{branch}` holds this run's baselines and history at commit {sha[:7]}.")
    except ApiError as failure:
        help_text = PULL_HELP if "/pulls" in failure.url else WRITE_HELP
        gh.fail(f"recording to the data branch '{branch}' failed: {failure}" + (f" -- {help_text}" if failure.status in (401, 403, 404) else ""))
        return 2
    gh.set_output("baselines-commit", sha)
    gh.set_output("baselines-pr-url", url)
    gh.set_output("history-path", os.path.join(folder, "history"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
