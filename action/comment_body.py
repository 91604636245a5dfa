"""The sticky pull-request comment's text, as pure functions: the hidden markers that find it again
and remember the last verdict and a hash of what was posted, the "green now" note when an earlier
alert no longer holds, the cc line on a regression, and the cut to GitHub's 65,536-character
comment limit that keeps the markers."""

import hashlib
import re

LIMIT_CHARS = 65_536
ICONS = {"pass": ":white_check_mark:", "warning": ":warning:", "regression": ":x:",
         "inconclusive": ":grey_question:", "incomparable": ":grey_question:"}
STATE = re.compile(r"<!-- energygate:state verdict=([a-z]+) alert=(true|false)(?: commit=([0-9A-Za-z]*))?(?: hash=([0-9a-f]*))? -->")
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
TRUNCATION_NOTE = ("\n> :scissors: Report truncated to fit GitHub's 65,536-character comment limit; the whole "
                   "report is in the job summary and in the run's artifacts.\n")


def marker(key):
    """The first line of the comment; a comment is ours only when its body starts with it."""
    return f"<!-- energygate:report key={key} -->"


def outdated_marker(key):
    """Replaces the first line of a comment that is retired (minimised as outdated), so later runs
    no longer take it for the sticky comment."""
    return f"<!-- energygate:outdated key={key} -->"


def is_alert(verdict, exit_code):
    return verdict == "regression" or exit_code != 0


def is_green(verdict, exit_code):
    return verdict in ("pass", "warning") and exit_code == 0


def needs_attention(verdict, exit_code):
    """comment-mode on-alert creates a comment for this: any verdict but a clean pass (a regression,
    a warning-level finding such as a missing baseline, inconclusive, incomparable) or a failing exit."""
    return verdict != "pass" or exit_code != 0


def previous_state(body):
    """(verdict, alert, commit, hash) remembered by the comment, or None."""
    match = STATE.search(body[:1000])
    return (match.group(1), match.group(2) == "true", match.group(3) or "", match.group(4) or "") if match else None


def cc_line(verdict, cc):
    """The people to tell, on a regression only (a pass must not page anyone)."""
    return f"cc {' '.join(cc)}" if cc and verdict == "regression" else ""


def content_hash(verdict, exit_code, report, cc, commit):
    """What skip-unchanged compares: the verdict, the exit code, the cc line and the report, with the
    commit under test and dates masked, since the report names both and they change on every push
    while the figures may not."""
    text = report
    for name in sorted({commit, commit[:12], commit[:7]} - {""}, key=len, reverse=True):
        text = text.replace(name, "<commit>")
    text = DATE.sub("<date>", text)
    digest = hashlib.sha256(f"{verdict}\n{exit_code}\n{cc_line(verdict, cc)}\n{text}".encode("utf-8"))
    return digest.hexdigest()[:16]


def cut_lines(text, max_chars):
    """The longest prefix within max_chars, ending at a line end within the last 2,000 characters
    where there is one, with a code fence left open by the cut closed again."""
    if len(text) <= max_chars:
        return text, False
    cut = text[:max(0, max_chars - 5)]
    newline = cut.rfind("\n", max(0, len(cut) - 2000))
    if newline > 0:
        cut = cut[:newline + 1]
    if sum(1 for line in cut.splitlines() if line.lstrip().startswith("```")) % 2:
        cut += "```\n"
    return cut, True


def render(key, verdict, exit_code, report, previous_body, commit, run_link, cc=()):
    """(the whole comment body, at most LIMIT_CHARS characters; whether the report was cut)."""
    alert = is_alert(verdict, exit_code)
    digest = content_hash(verdict, exit_code, report, cc, commit)
    head = [marker(key), f"<!-- energygate:state verdict={verdict} alert={str(alert).lower()} commit={commit} hash={digest} -->",
            f"## {ICONS.get(verdict, ':grey_question:')} EnergyGate" + ("" if key == "default" else f" ({key})"), ""]
    if mention := cc_line(verdict, cc):
        head += [mention, ""]
    before = previous_state(previous_body) if previous_body else None
    if before and before[1] and is_green(verdict, exit_code):
        since = f", commit {before[2][:7]}" if before[2] else ""
        head += [f"> :white_check_mark: **Green now.** The earlier alert on this pull request ({before[0]}{since}) "
                 f"no longer holds as of commit {commit[:7] or 'unknown'}.", ""]
    footer = f"\n---\n<sub>EnergyGate, commit {commit[:7] or 'unknown'}{run_link}; this comment is updated in place on every run.</sub>\n"
    top = "\n".join(head) + "\n"
    report = report if report.endswith("\n") else report + "\n"
    room = LIMIT_CHARS - len(top) - len(footer)
    body, was_cut = cut_lines(report, room)
    if was_cut:
        body, _ = cut_lines(report, room - len(TRUNCATION_NOTE))
        body += TRUNCATION_NOTE
    return top + body + footer, was_cut
