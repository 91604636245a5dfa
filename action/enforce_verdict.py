"""The action's last step: fails the job when the tool could not gate (exit code 2, always) or when
the gate failed (exit code 1 regression, 3 inconclusive or incomparable where the policy says so)
and fail-on-regression is true. The exit code is the tool's, which already applies the policy in
energygate.yml, so the action does not decide a second time what counts as failing."""

import sys

import gh


def main():
    code, verdict, summary = gh.get("EG_EXIT_CODE"), gh.get("EG_VERDICT"), gh.get("EG_SUMMARY_LINE")
    try:
        code = int(code)
    except ValueError:
        gh.error(f"the gate step gave no exit code ('{code}')")
        return 2
    if code == 0:
        return 0
    if verdict == "error" or code == 2:
        gh.error(f"EnergyGate could not gate this change (exit code {code}): {summary}")
        return code
    if not gh.flag("EG_FAIL_ON_REGRESSION"):
        gh.warning(f"EnergyGate: {summary} (verdict {verdict}); not failing because fail-on-regression is false")
        return 0
    gh.error(f"EnergyGate: {summary} (verdict {verdict}, exit code {code}); see the job summary for the report")
    return code


if __name__ == "__main__":
    sys.exit(main())
