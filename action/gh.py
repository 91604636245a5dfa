"""Plumbing the EnergyGate action's scripts share: inputs from the environment, step outputs,
workflow-command annotations. Python 3 standard library only (GitHub-hosted runners have python3).

Inputs reach the scripts as EG_* environment variables set by action.yml's `env:` blocks, never
as text interpolated into a script, so a value can hold any character without becoming code."""

import os
import sys
import uuid

TRUE_FALSE = {"true": True, "false": False}


def get(name, default=""):
    """An EG_* input, stripped; empty when unset."""
    return os.environ.get(name, default).strip()


def flag(name):
    """A true/false input already checked by validate_inputs.py; anything but 'true' is false."""
    return get(name).lower() == "true"


def _escape_data(text):
    # Workflow commands end at a newline; GitHub's own toolkit escapes these three.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text):
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotate(level, message, title="EnergyGate"):
    """Prints an ::error::, ::warning:: or ::notice:: line, which GitHub shows on the run page."""
    print(f"::{level} title={_escape_property(title)}::{_escape_data(message)}", flush=True)


def error(message, title="EnergyGate"):
    annotate("error", message, title)


def warning(message, title="EnergyGate"):
    annotate("warning", message, title)


def notice(message, title="EnergyGate"):
    annotate("notice", message, title)


def set_output(name, value):
    """Appends name=value to $GITHUB_OUTPUT in the heredoc form, with a random delimiter that the
    value cannot contain, so multi-line values are safe. Without $GITHUB_OUTPUT (a local run) it prints."""
    value = "" if value is None else str(value)
    path = os.environ.get("GITHUB_OUTPUT")
    if not path:
        print(f"output {name}={value}")
        return
    delimiter = f"EG_EOF_{uuid.uuid4().hex}"
    while delimiter in value:
        delimiter = f"EG_EOF_{uuid.uuid4().hex}"
    with open(path, "a", encoding="utf-8") as out:
        out.write(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")


def fail(message, code=2):
    """Reports an error annotation and ends the step."""
    error(message)
    sys.exit(code)
