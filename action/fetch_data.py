"""Reads the data branch's baselines/ and history/ into a fresh folder under $RUNNER_TEMP (read-only:
`contents: read` is enough), for the gate to compare against and draw trends from, and for
record.py to update. Outputs: dir, baselines, history, commit (empty when the branch does not
exist yet, which is not an error: the first record run creates it)."""

import os
import sys
import tempfile

import gh
from data_branch import DataBranch
from github_api import ApiError, GitHubApi

READ_HELP = ("The token may not read the repository's contents: give the job `permissions: contents: read` "
             "(and `contents: write` for mode: record).")


def temp_root():
    root = os.path.join(os.environ.get("RUNNER_TEMP") or tempfile.gettempdir(), "energygate")
    os.makedirs(root, exist_ok=True)
    return root


def fetch(api, repository, branch):
    """(folder, manifest) of a fresh copy of the branch's managed folders."""
    folder = tempfile.mkdtemp(prefix="data-", dir=temp_root())
    return folder, DataBranch(api, repository, branch).download(folder)


def main():
    repository = os.environ.get("GITHUB_REPOSITORY", "")
    if "/" not in repository:
        gh.fail("GITHUB_REPOSITORY is not set to owner/name; run the action in GitHub Actions")
    branch = gh.get("EG_DATA_BRANCH")
    try:
        folder, manifest = fetch(GitHubApi(gh.get("EG_GITHUB_TOKEN")), repository, branch)
    except ApiError as failure:
        gh.fail(f"cannot read the data branch '{branch}': {failure}" + (f" -- {READ_HELP}" if failure.status in (401, 403) else ""))
        return 2
    if manifest["commit"]:
        counts = {name: sum(1 for p in manifest["files"] if p.startswith(name + "/")) for name in ("baselines", "history")}
        print(f"Data branch '{branch}' at {manifest['commit'][:7]}: {counts['baselines']} baseline file(s), "
              f"{counts['history']} history file(s), in {folder}")
    else:
        gh.notice(f"the data branch '{branch}' does not exist yet, so there are no baselines or history to gate against; "
                  "a run with mode: record on the default branch creates it")
    gh.set_output("dir", folder)
    gh.set_output("baselines", os.path.join(folder, "baselines"))
    gh.set_output("history", os.path.join(folder, "history"))
    gh.set_output("commit", manifest["commit"] or "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
