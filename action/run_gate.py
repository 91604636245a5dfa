"""Runs `dotnet-energygate check` or `compare` (or, for command: comment, only reads reports made
elsewhere) and writes the outputs verdict, exit-code, summary, report-path and json-path.

The step itself succeeds whatever the verdict, so the summary and the comment are still written on
a regression; enforce_verdict.py fails the job afterwards when asked. The verdict is read from the
JSON report, not scraped from the Markdown."""

import json
import os
import subprocess
import sys

import gh

VERDICTS = ("pass", "warning", "regression", "inconclusive", "incomparable")


def tool_arguments(command):
    args = [command]
    if command == "compare":
        args += [gh.get("EG_BASE_RESULTS"), gh.get("EG_HEAD_RESULTS")]
    if config := gh.get("EG_CONFIG"):
        args += ["--config", config]
    if command == "check":
        if baselines := gh.get("EG_BASELINES"):
            args += ["--baselines", baselines]
        if results := gh.get("EG_RESULTS"):
            args += ["--results", results]
    args += ["--report", gh.get("EG_REPORT"), "--json", gh.get("EG_JSON")]
    if html := gh.get("EG_HTML"):
        args += ["--html", html]
    return args


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


def run_tool(command):
    """Runs the tool with its output streamed to the log; stale reports are removed first so a
    failed run cannot pass off an old report as its own."""
    for path in (gh.get("EG_REPORT"), gh.get("EG_JSON")):
        if os.path.isfile(path):
            os.remove(path)
    args = [gh.get("EG_TOOL")] + tool_arguments(command)
    print("+ " + " ".join(args), flush=True)
    try:
        return subprocess.run(args, check=False).returncode
    except OSError as problem:
        gh.error(f"cannot start the tool '{args[0]}': {problem}")
        return 2


def main():
    command = gh.get("EG_COMMAND") or "check"
    code = run_tool(command) if command != "comment" else None
    found = read_verdict(gh.get("EG_JSON")) if os.path.isfile(gh.get("EG_JSON")) else None
    report_ok = os.path.isfile(gh.get("EG_REPORT"))
    if found is None or not report_ok:
        verdict, summary, code = "error", f"EnergyGate {command} wrote no report (exit code {code})", 2 if code in (None, 0) else code
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
