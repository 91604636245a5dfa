"""Checks every input of the EnergyGate action before anything is installed or measured, reports
all problems at once as ::error:: annotations (exit 2), and writes the resolved absolute paths of
the reports as step outputs. Relative paths are taken from the step's working directory."""

import os
import re
import sys

import gh

COMMANDS = ("check", "compare", "comment")
MODES = ("gate", "record")
RECORD_TO = ("branch", "pull-request")
COMMENT_MODES = ("always", "on-alert", "off")
KEY = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# A user (@alice) or a team (@org/perf).
MENTION = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9._-]*)?$")
COMMIT = re.compile(r"^[0-9a-fA-F]{7,64}$")
# What `git check-ref-format --branch` refuses, as far as a branch name written into a workflow can hold it.
BAD_BRANCH = re.compile(r"(^[-/.])|(\.\.)|(//)|(@\{)|([\x00-\x20~^:?*\[\\\x7f])|([/.]$)|(\.lock$)|(/\.)|(\.lock/)")
# NuGet versions: 1.2.3, 1.2.3.4, 1.2.3-preview.1+build (a floating '*' is not pinned, so not accepted).
NUGET_VERSION = re.compile(r"^\d+(\.\d+){1,3}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")
BOOLEANS_REQUIRED = ("EG_FAIL_ON_REGRESSION", "EG_COMMENT", "EG_SUMMARY")
LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\[bot\])?$")


def _bool(name, label, errors):
    value = gh.get(name)
    if name not in BOOLEANS_REQUIRED and value == "":
        return   # empty is the input's default (action.yml passes one; scripts run by hand may not)
    if value.lower() not in gh.TRUE_FALSE:
        errors.append(f"input {label}: expected true or false, got '{value}'")


def _file(name, label, errors, what="file"):
    value = gh.get(name)
    if value and not os.path.isfile(value):
        errors.append(f"input {label}: {what} '{value}' not found (relative paths start at {os.getcwd()})")
    return value


def _report_paths(errors):
    report = gh.get("EG_REPORT") or ".energygate/action/report.md"
    if os.path.isdir(report):
        errors.append(f"input report: '{report}' is a folder; give the path of the Markdown file to write")
    json_path = gh.get("EG_JSON") or os.path.splitext(report)[0] + ".json"
    if os.path.abspath(json_path) == os.path.abspath(report):
        errors.append("inputs report and json: they name the same file; give the JSON report another name")
    html = gh.get("EG_HTML")
    return os.path.abspath(report), os.path.abspath(json_path), os.path.abspath(html) if html else ""


def _tool(command, errors):
    version, source, feed = gh.get("EG_TOOL_VERSION"), gh.get("EG_TOOL_SOURCE"), gh.get("EG_TOOL_FEED")
    if command == "comment":
        return
    if bool(version) == bool(source):
        errors.append("inputs tool-version and tool-source: give exactly one "
                      f"(got {'both' if version else 'neither'}): tool-version installs dotnet-energygate "
                      "from NuGet (or tool-feed); tool-source builds it from a local checkout, a .csproj "
                      "or a folder of .nupkg files")
    if version and not NUGET_VERSION.match(version):
        errors.append(f"input tool-version: '{version}' is not a NuGet version such as 0.1.0 or 0.2.0-preview.1")
    if source and not os.path.exists(source):
        errors.append(f"input tool-source: '{source}' not found (relative paths start at {os.getcwd()})")
    if feed and source:
        errors.append("input tool-feed: only used with tool-version; a tool-source folder is its own feed")
    flavor = gh.get("EG_TOOL_FLAVOR")
    if flavor not in ("", "cpu", "gpu"):
        errors.append(f"input tool-flavor: expected cpu (dotnet-energygate: CPU providers and libtorch) or gpu "
                      f"(dotnet-energygate-gpu: ONNX Runtime's CUDA and TensorRT providers), got '{flavor}'")


def _gate_inputs(command, errors):
    _file("EG_CONFIG", "config", errors)
    results, base, head = gh.get("EG_RESULTS"), gh.get("EG_BASE_RESULTS"), gh.get("EG_HEAD_RESULTS")
    baselines = gh.get("EG_BASELINES")
    if command == "check":
        if baselines and not os.path.isdir(baselines):
            errors.append(f"input baselines: folder '{baselines}' not found (relative paths start at {os.getcwd()})")
        _file("EG_RESULTS", "results", errors, "results file")
        if base or head:
            errors.append("inputs base-results and head-results: only used with command: compare")
    elif command == "compare":
        if not base or not head:
            errors.append("inputs base-results and head-results: command compare needs both results files")
        _file("EG_BASE_RESULTS", "base-results", errors, "results file")
        _file("EG_HEAD_RESULTS", "head-results", errors, "results file")
        if baselines or results:
            errors.append("inputs baselines and results: only used with command: check (compare gates head against base)")


def _comment_mode(errors):
    """comment-mode when given, else the older boolean comment (true: always, false: off)."""
    mode, comment = gh.get("EG_COMMENT_MODE"), gh.get("EG_COMMENT").lower()
    if mode and mode not in COMMENT_MODES:
        errors.append(f"input comment-mode: expected one of {', '.join(COMMENT_MODES)}, got '{mode}'")
        return "off"
    if mode and mode != "off" and comment == "false":
        errors.append(f"inputs comment and comment-mode: comment is false but comment-mode is {mode}; "
                      "give only comment-mode (comment is the older switch, kept for existing workflows)")
    return mode or ("off" if comment == "false" else "always")


def _comment_inputs(command, comment_mode, report, json_path, errors):
    if comment_mode != "off" and gh.get("EG_TOKEN_SET").lower() != "true":
        errors.append(f"input github-token: empty, but comment-mode is {comment_mode}; pass ${{{{ github.token }}}} or set comment-mode: off")
    for mention in gh.get("EG_CC").split():
        if not MENTION.match(mention):
            errors.append(f"input cc: '{mention}' is not a user (@alice) or a team (@org/perf); separate several with spaces")
    key = gh.get("EG_COMMENT_KEY") or "default"
    if not KEY.match(key):
        errors.append(f"input comment-key: '{key}' may hold only letters, digits, '.', '_' and '-' (at most 64)")
    author = gh.get("EG_COMMENT_AUTHOR")
    if author and not LOGIN.match(author):
        errors.append(f"input comment-author: '{author}' is not a GitHub login such as github-actions[bot]")
    number = gh.get("EG_PR_NUMBER")
    if number and not (number.isdigit() and int(number) > 0):
        errors.append(f"input pr-number: expected a positive whole number, got '{number}'")
    if command == "comment":
        for path, label in ((report, "report"), (json_path, "json")):
            if not os.path.isfile(path):
                errors.append(f"input {label}: command comment posts an existing report, and '{path}' does not exist "
                              "(did the artifact download into another folder?)")


def _data_inputs(command, mode, errors):
    """mode, data-branch, record-to, history, history-keep, commit, exports."""
    if mode not in MODES:
        errors.append(f"input mode: expected gate or record, got '{mode}'")
    branch, record_to = gh.get("EG_DATA_BRANCH"), gh.get("EG_RECORD_TO") or "branch"
    if branch and BAD_BRANCH.search(branch):
        errors.append(f"input data-branch: '{branch}' is not a branch name git accepts (no spaces, '..', '~^:?*[\\', "
                      "leading '-' or '/', trailing '/' or '.lock'); e.g. energygate-data")
    if branch and gh.get("EG_TOKEN_SET").lower() != "true":
        errors.append("input github-token: empty, but data-branch is set; the data branch is read (and written) with it")
    if branch and gh.get("EG_BASELINES"):
        errors.append("inputs baselines and data-branch: give one; with data-branch the baselines are the branch's baselines/")
    if branch and gh.get("EG_HISTORY"):
        errors.append("inputs history and data-branch: give one; with data-branch the history is the branch's history/")
    if record_to not in RECORD_TO:
        errors.append(f"input record-to: expected branch or pull-request, got '{record_to}'")
    if (keep := gh.get("EG_HISTORY_KEEP")) and not (keep.isdigit() and int(keep) > 0):
        errors.append(f"input history-keep: expected a positive whole number of entries, got '{keep}'")
    if (commit := gh.get("EG_COMMIT")) and not COMMIT.match(commit):
        errors.append(f"input commit: expected a commit id (7 to 64 hex digits), got '{commit}'")
    for name, label in (("EG_EXPORT_BENCHMARK", "export-benchmark"), ("EG_EXPORT_BENCHER", "export-bencher")):
        if (path := gh.get(name)) and os.path.isdir(path):
            errors.append(f"input {label}: '{path}' is a folder; give the path of the file to write")
    if mode != "record":
        return
    if command != "check":
        errors.append(f"input mode: record records what check measured (or gated from results); command is '{command}'")
    if record_to == "pull-request" and not branch:
        errors.append("input record-to: pull-request opens a pull request against data-branch, which is empty")
    if not branch and gh.get("EG_RECORD_BASELINES").lower() == "false" and not gh.get("EG_HISTORY"):
        errors.append("inputs record-baselines, history and data-branch: record-baselines is false and neither history "
                      "nor data-branch is set, so there is nothing to record")


def validate():
    """Returns (errors, outputs)."""
    errors = []
    command = gh.get("EG_COMMAND") or "check"
    if command not in COMMANDS:
        errors.append(f"input command: expected one of {', '.join(COMMANDS)}, got '{command}'")
    mode = gh.get("EG_MODE") or "gate"
    for name, label in (("EG_FAIL_ON_REGRESSION", "fail-on-regression"), ("EG_COMMENT", "comment"), ("EG_SUMMARY", "summary"),
                        ("EG_SKIP_UNCHANGED", "skip-unchanged"), ("EG_MINIMIZE_OUTDATED", "minimize-outdated"),
                        ("EG_ANNOTATIONS", "annotations"), ("EG_RECORD_BASELINES", "record-baselines")):
        _bool(name, label, errors)
    report, json_path, html = _report_paths(errors)
    if command in ("check", "compare"):
        _gate_inputs(command, errors)
    _tool(command, errors)
    _data_inputs(command, mode, errors)
    comment_mode = _comment_mode(errors)
    _comment_inputs(command, comment_mode, report, json_path, errors)
    return errors, {"command": command, "mode": mode, "comment-mode": comment_mode, "report": report, "json": json_path, "html": html}


def main():
    errors, outputs = validate()
    for message in errors:
        gh.error(message, "EnergyGate input")
    if errors:
        print(f"{len(errors)} input error(s); see docs/github-action.md for every input", file=sys.stderr)
        return 2
    for name, value in outputs.items():
        gh.set_output(name, value)
    return 0


if __name__ == "__main__":
    sys.exit(main())
