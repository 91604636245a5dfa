"""The data branch (baselines/ and history/ at its root) read and written through GitHub's Git Data
API with the workflow's token: no git credentials, no checkout, one commit per write.

Reading: GET the branch's ref, its commit, the commit's tree (recursive), and the blobs under the
managed folders, into a local folder. Writing: compare the local folder with the tree it was read
from (by git blob id, computed here, so unchanged files are not uploaded), POST the changed blobs,
one tree on top of the old one (base_tree), one commit, and move the ref without force. GitHub
refuses a ref update that is not a fast-forward (someone else wrote in between): the caller
re-reads and re-applies its change (see record.py)."""

import base64
import hashlib
import json
import os
import urllib.parse

from github_api import ApiError

MANAGED = ("baselines", "history")
MANIFEST = ".energygate-data.json"
FILE_MODE = "100644"
README = """# EnergyGate data

This branch is written by the EnergyGate GitHub Action (`mode: record`), one commit per recorded
run on the default branch:

- `baselines/`: the baseline files the gate compares pull requests with, one per suite, model,
  runtime, provider, meter and machine class (`dotnet energygate baseline show` prints them);
- `history/`: one JSON Lines file per machine class, one line per recorded run, for the trend
  charts (`dotnet energygate history show --history history`).

It shares no history with the code branches. Pull-request workflows read it with `contents: read`.
"""


class NotFastForward(Exception):
    """The branch moved since it was read; read it again and re-apply the change."""


def blob_id(data):
    """The git object id of a file's bytes, as `git hash-object` computes it."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _quote(branch):
    return urllib.parse.quote(branch, safe="/")


def _managed(path):
    return path.split("/", 1)[0] in MANAGED and "/" in path


class DataBranch:
    def __init__(self, api, repository, branch):
        self.api, self.repository, self.branch = api, repository, branch

    def _repo(self, path):
        return f"/repos/{self.repository}{path}"

    def head(self, branch=None):
        """The commit the branch points at, or None when the branch does not exist."""
        try:
            ref, _ = self.api.request("GET", self._repo(f"/git/ref/heads/{_quote(branch or self.branch)}"))
        except ApiError as failure:
            if failure.status == 404:
                return None
            raise
        target = ref.get("object") or {}
        if target.get("type") != "commit":
            raise ApiError("GET", f"refs/heads/{branch or self.branch}", 0, f"points at a {target.get('type')}, not a commit")
        return target["sha"]

    def tree_of(self, commit):
        """(tree id, {path: blob id}) of every file in the commit's tree."""
        data, _ = self.api.request("GET", self._repo(f"/git/commits/{commit}"))
        tree = data["tree"]["sha"]
        listing, _ = self.api.request("GET", self._repo(f"/git/trees/{tree}?recursive=1"))
        if listing.get("truncated"):
            # GitHub stops a recursive listing at 100,000 entries or 7 MB; walk the managed folders instead.
            return tree, self._walk(tree)
        return tree, {e["path"]: e["sha"] for e in listing.get("tree", []) if e.get("type") == "blob"}

    def _walk(self, tree, prefix=""):
        files = {}
        listing, _ = self.api.request("GET", self._repo(f"/git/trees/{tree}"))
        for entry in listing.get("tree", []):
            path = prefix + entry["path"]
            if entry.get("type") == "blob":
                files[path] = entry["sha"]
            elif entry.get("type") == "tree" and (prefix or entry["path"] in MANAGED):
                files.update(self._walk(entry["sha"], path + "/"))
        return files

    def read_blob(self, sha):
        blob, _ = self.api.request("GET", self._repo(f"/git/blobs/{sha}"))
        if blob.get("encoding") == "base64":
            return base64.b64decode(blob.get("content") or "")
        return (blob.get("content") or "").encode("utf-8")

    def download(self, folder):
        """Writes the branch's baselines/ and history/ into folder (created, or emptied of those two)
        with a manifest of what was read; returns the manifest. A missing branch gives empty folders."""
        commit = self.head()
        tree, files = self.tree_of(commit) if commit else (None, {})
        managed = {path: sha for path, sha in files.items() if _managed(path)}
        for path, sha in sorted(managed.items()):
            target = os.path.join(folder, *path.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                out.write(self.read_blob(sha))
        for name in MANAGED:
            os.makedirs(os.path.join(folder, name), exist_ok=True)
        manifest = {"branch": self.branch, "commit": commit, "tree": tree, "files": managed, "has_readme": "README.md" in files}
        with open(os.path.join(folder, MANIFEST), "w", encoding="utf-8") as out:
            json.dump(manifest, out, indent=1, sort_keys=True)
        return manifest

    def changes(self, folder, manifest):
        """{path: bytes or None (deleted)} for the managed files that differ from the manifest's tree."""
        local = {}
        for name in MANAGED:
            root = os.path.join(folder, name)
            for directory, _, names in os.walk(root):
                for file_name in names:
                    full = os.path.join(directory, file_name)
                    if file_name.endswith(".tmp") or file_name.endswith(".lock"):
                        continue   # the tool's atomic-write and lock leftovers are not data
                    path = os.path.relpath(full, folder).replace(os.sep, "/")
                    with open(full, "rb") as stream:
                        local[path] = stream.read()
        changed = {path: data for path, data in local.items() if manifest["files"].get(path) != blob_id(data)}
        changed.update({path: None for path in manifest["files"] if path not in local})
        return changed

    def commit(self, changes, parent, parent_tree, message, add_readme=False):
        """Posts the changed blobs, a tree on top of parent_tree, and a commit; returns (commit id, tree id).
        With no parent, the commit starts the branch (an orphan: the data shares no history with code)."""
        entries = []
        if add_readme:
            changes = {"README.md": README.encode("utf-8"), **changes}
        for path, data in sorted(changes.items()):
            if data is None:
                entries.append({"path": path, "mode": FILE_MODE, "type": "blob", "sha": None})
                continue
            blob, _ = self.api.request("POST", self._repo("/git/blobs"),
                                       {"content": base64.b64encode(data).decode("ascii"), "encoding": "base64"})
            entries.append({"path": path, "mode": FILE_MODE, "type": "blob", "sha": blob["sha"]})
        body = {"tree": entries}
        if parent_tree:
            body["base_tree"] = parent_tree
        tree, _ = self.api.request("POST", self._repo("/git/trees"), body)
        commit, _ = self.api.request("POST", self._repo("/git/commits"),
                                     {"message": message, "tree": tree["sha"], "parents": [parent] if parent else []})
        return commit["sha"], tree["sha"]

    def move(self, branch, sha, create, force=False):
        """Points the branch at sha: POST a new ref, or PATCH the old one (a fast-forward unless force).
        Raises NotFastForward when GitHub refuses because the branch moved or appeared meanwhile."""
        try:
            if create:
                self.api.request("POST", self._repo("/git/refs"), {"ref": f"refs/heads/{branch}", "sha": sha})
            else:
                self.api.request("PATCH", self._repo(f"/git/refs/heads/{_quote(branch)}"), {"sha": sha, "force": force})
        except ApiError as failure:
            text = failure.message.lower()
            if failure.status == 422 and ("fast forward" in text or "already exists" in text):
                raise NotFastForward(str(failure)) from None
            raise
