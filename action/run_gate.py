"""Runs `dotnet-energygate check` or `compare` (or, for command: comment, only reads reports made
elsewhere) and writes the outputs verdict, exit-code, summary, report-path, json-path, results-path
and history-path.

The step itself succeeds whatever the verdict, so the summary and the comment are still written on
a regression; enforce_verdict.py fails the job afterwards when asked. The verdict is read from the
JSON report, not scraped from the Markdown.

In mode: record without a `results` file the plan is measured with `run --results FILE` first and
that file is gated, because record.py needs the same results for `baseline update` and `history
append`. Findings are printed as workflow commands (`--diagnostics github`), which GitHub shows
as annotations on the energygate.yml lines that define the cells; the job summary is written by
the action's own step, so the tool is told not to write it too (`--no-step-summary`)."""

import json
import os
import subprocess
import sys

import gh

VERDICTS = ("pass", "warning", "regression", "inconclusive", "incomparable")


def history_dir():
    """The history folder to draw trends from, when there is one (a first record run has none yet)."""
    folder = gh.get("EG_HISTORY")
    return os.path.abspath(folder) if folder and os.path.isdir(folder) else ""


def measured_results_path():
    """Where mode: record measures to: beside the reports, so a workflow can upload all of them."""
    return os.path.join(os.path.dirname(gh.get("EG_REPORT")), "results.jsonl")


def tool_arguments(command, results):
    args = [command]
    if command == "compare":
        args += [gh.get("EG_BASE_RESULTS"), gh.get("EG_HEAD_RESULTS")]
    if config := gh.get("EG_CONFIG"):
        args += ["--config", config]
    if command == "check":
        if baselines := gh.get("EG_BASELINES"):
            args += ["--baselines", baselines]
        if results:
            args += ["--results", results]
    if history := history_dir():
        args += ["--history", history]
    args += ["--report", gh.get("EG_REPORT"), "--json", gh.get("EG_JSON")]
    if html := gh.get("EG_HTML"):
        args += ["--html", html]
    if benchmark := gh.get("EG_EXPORT_BENCHMARK"):
        args += ["--export-benchmark", benchmark]
    if bencher := gh.get("EG_EXPORT_BENCHER"):
        args += ["--export-bencher", bencher]
    if gh.get("EG_ANNOTATIONS").lower() != "false":
        args += ["--diagnostics", "github"]
    return args + ["--no-step-summary"]


def tool_environment():
    """The tool names the commit it measured from $GITHUB_SHA; input commit (a backfill of an older
    commit) overrides it for the tool's processes only."""
    env = dict(os.environ)
    if commit := gh.get("EG_COMMIT"):
        env["GITHUB_SHA"] = commit
    return env


def read_verdict(json_path):
    """(verdict, summary, exit_code) from the JSON report, or None when it is missing or not ours."""
    try:
        with open(json_path, encoding="utf-8") as stream:
            report = json.load(stream)
    except (OSError, ValueError) as problem:
        gh.warning(f"cannot read the JSON report {json_path}: {problem}")
        return None
    verdict = report.get("verdict") if isinstance(report, dict) else None
    if verdict not in VERDICTS:
        gh.warning(f"{json_path} has no verdict EnergyGate knows ({verdict!r}); is it an EnergyGate JSON report?")
        return None
    code = report.get("exit_code")
    summary = (str(report.get("summary") or "").splitlines() or [""])[0]
    return verdict, summary, code if isinstance(code, int) else 0


def _run(args):
    print("+ " + " ".join(args), flush=True)
    try:
        return subprocess.run(args, check=False, env=tool_environment()).returncode
    except OSError as problem:
        gh.error(f"cannot start the tool '{args[0]}': {problem}")
        return 2


def measure(results):
    """`run --results FILE` for mode: record; a leftover file from an earlier run on a self-hosted
    runner is removed, since `run` would refuse to overwrite it (and must not resume it)."""
    os.makedirs(os.path.dirname(results), exist_ok=True)
    if os.path.isfile(results):
        os.remove(results)
    args = [gh.get("EG_TOOL"), "run"] + (["--config", gh.get("EG_CONFIG")] if gh.get("EG_CONFIG") else []) + ["--results", results]
    return _run(args)


def run_tool(command, results):
    """Runs the tool with its output streamed to the log; stale reports are removed first so a
    failed run cannot pass off an old report as its own."""
    for path in (gh.get("EG_REPORT"), gh.get("EG_JSON")):
        if os.path.isfile(path):
            os.remove(path)
    return _run([gh.get("EG_TOOL")] + tool_arguments(command, results))


def results_to_gate(command):
    """(results file, exit code of measuring it or None): the input's file, or one measured now for record."""
    if command != "check":
        return "", None
    if results := gh.get("EG_RESULTS"):
        return os.path.abspath(results), None
    if gh.get("EG_MODE") != "record":
        return "", None
    path = measured_results_path()
    code = measure(path)
    return path, code


def main():
    command = gh.get("EG_COMMAND") or "check"
    results, measured = results_to_gate(command)
    if measured not in (None, 0):
        # The reports of an earlier run must not pass for this one's.
        for path in (gh.get("EG_REPORT"), gh.get("EG_JSON")):
            if os.path.isfile(path):
                os.remove(path)
        code, what = measured, f"EnergyGate run (measuring for mode: record) failed with exit code {measured}"
    else:
        code = run_tool(command, results) if command != "comment" else None
        what = f"EnergyGate {command} wrote no report (exit code {code})"
    found = read_verdict(gh.get("EG_JSON")) if os.path.isfile(gh.get("EG_JSON")) else None
    report_ok = os.path.isfile(gh.get("EG_REPORT"))
    if found is None or not report_ok:
        verdict, summary, code = "error", what, 2 if code in (None, 0) else code
        gh.error(summary + "; see the log above")
    else:
        verdict, summary, json_code = found
        code = json_code if code is None else code
        print(f"EnergyGate verdict: {verdict} ({summary}), exit code {code}")
    gh.set_output("verdict", verdict)
    gh.set_output("exit-code", code)
    gh.set_output("summary", summary)
    gh.set_output("report-path", gh.get("EG_REPORT") if report_ok else "")
    gh.set_output("json-path", gh.get("EG_JSON"))
    gh.set_output("results-path", results if results and os.path.isfile(results) else "")
    gh.set_output("history-path", os.path.abspath(gh.get("EG_HISTORY")) if gh.get("EG_HISTORY") else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
