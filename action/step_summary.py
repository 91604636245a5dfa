"""Appends the Markdown report to $GITHUB_STEP_SUMMARY. GitHub refuses a step summary over 1 MiB
(and then shows none), so the report is cut to what fits beside anything already in the file,
counted in UTF-8 bytes, never inside a multi-byte character, at a line end where one is near,
with a visible note saying where the whole report is."""

import os
import sys

import gh

LIMIT_BYTES = 1024 * 1024
# Room for the note and for closing a code fence left open by the cut.
RESERVE_BYTES = 1024


def cut_utf8(text, max_bytes):
    """The longest prefix of text whose UTF-8 encoding fits max_bytes, preferably ending at a line
    end within the last 4 KiB. Returns (prefix, was_cut)."""
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text, False
    end = max(0, max_bytes)
    # 0b10xxxxxx bytes continue a character: back up to the start of one.
    while end > 0 and (data[end] & 0xC0) == 0x80:
        end -= 1
    newline = data.rfind(b"\n", max(0, end - 4096), end)
    if newline > 0:
        end = newline + 1
    return data[:end].decode("utf-8"), True


def close_fences(text):
    """A cut inside a ``` block would swallow the note into the code block."""
    fences = sum(1 for line in text.splitlines() if line.lstrip().startswith("```"))
    return text + ("\n```\n" if fences % 2 else "")


def summary_text(report, verdict):
    if verdict == "error" or report is None:
        return f"## EnergyGate\n\nThe gate did not produce a report ({gh.get('EG_SUMMARY_LINE')}); see the step log.\n"
    return report if report.endswith("\n") else report + "\n"


def append(summary_path, text, report_path):
    used = os.path.getsize(summary_path) if os.path.exists(summary_path) else 0
    budget = LIMIT_BYTES - used - RESERVE_BYTES
    if budget <= 0:
        gh.warning(f"the step summary is already {used:,} bytes; the report ({report_path}) is not added")
        return False
    kept, was_cut = cut_utf8(text, budget)
    if was_cut:
        kept = close_fences(kept) + (
            f"\n> Report truncated to {len(kept.encode('utf-8')):,} of {len(text.encode('utf-8')):,} bytes to stay under "
            f"GitHub's 1 MiB step-summary limit; the whole report is {os.path.basename(report_path)} "
            "(upload it with actions/upload-artifact).\n")
    with open(summary_path, "a", encoding="utf-8") as out:
        out.write(kept)
    return was_cut


def main():
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary_path:
        gh.notice("no $GITHUB_STEP_SUMMARY (not running in GitHub Actions); nothing appended")
        return 0
    report_path = gh.get("EG_REPORT")
    report = None
    if report_path and os.path.isfile(report_path):
        with open(report_path, encoding="utf-8") as stream:
            report = stream.read()
    append(summary_path, summary_text(report, gh.get("EG_VERDICT")), report_path or "report.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
