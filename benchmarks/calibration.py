#!/usr/bin/env python3
"""How often does the gate cry wolf, and how often does it catch a real +10 % regression?

Measures, with the built tool (dotnet build -c Release first), pairs of runs of a small plan on
the built-in tiny model under three conditions -- a quiet machine, a CPU neighbour
(`stress-ng --cpu 1`) and a memory-bandwidth neighbour (`stress-ng --stream 1`) -- and two
protocols:

- committed: a baseline recorded once on the quiet machine, then each new run `check`ed against
  it; a neighbour starts partway through the new run, so it hits only the new run.
- interleaved: base and head measured in one process by `ab` (ABBA by repetition) and judged
  pair by pair (signed-rank test); a neighbour starts halfway through the job, so it hits the
  later pairs of both sides.

Pairs are A/A (the same plan twice: any regression verdict is a false alarm) or carry a real
injected regression, half of them each kind: +10 % decode work per token (11 instead of 10
layers under the same model name) and +10 % generated tokens (max-new-tokens 44 instead of 40).
The exact work gate (EG1013) catches both kinds by construction; to measure the energy
statistics themselves, this plan sets `work-tolerance` out of reach, so every detection
counted here is an energy finding.

Prints a Markdown table: false alarms out of the A/A pairs and detections out of the regression
pairs, per condition and protocol. Usage:

    python3 benchmarks/calibration.py [--pairs 20] [--conditions quiet,cpu,stream]
                                      [--protocols committed,interleaved] [--repetitions 16]

Each pair's verdict is appended to calibration-pairs.tsv in the current folder as it is decided
(condition, protocol, kind, exit code, verdict line, failing findings, J/problem and decode J changes,
the machine noise figures), so a long run loses nothing.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = ["dotnet", os.path.join(ROOT, "src", "EnergyGate.Tool", "bin", "Release", "net10.0", "dotnet-energygate.dll")]
NEIGHBOURS = {"quiet": None, "cpu": ["stress-ng", "--cpu", "1"], "stream": ["stress-ng", "--stream", "1"]}

PLAN = """version: 1
cache-dir: {cache}
models:
  - name: tiny
    source: builtin:tiny
    tiny: {{layers: {layers}, hidden: 128, heads: 4, vocab: 512, context: 512}}
runtimes:
  - runtime: onnx
    provider: cpu
    threads: 1
measurement:
  meter: estimate
  repetitions: {repetitions}
  warmup: 1
  idle-seconds: 0
decoding:
  max-new-tokens: {tokens}
suites:
  - name: smoke
    limit: 6
gate:
  # The product's default warn/fail thresholds; the exact work gate is set out of reach so
  # that detections here are the energy statistics' alone (see the module comment).
  work-tolerance: 99%
"""


def write_plan(folder, name, cache, repetitions, layers=10, tokens=40):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(PLAN.format(cache=cache, layers=layers, repetitions=repetitions, tokens=tokens))
    return path


def tool(*args, cwd):
    """Runs the tool; returns its exit code (0 pass, 1 regression, 3 inconclusive/incomparable)."""
    done = subprocess.run(TOOL + list(args), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1, 3):
        sys.exit("tool failed (%d): %s\n%s" % (done.returncode, " ".join(args), done.stderr[-2000:]))
    return done.returncode


class Neighbour:
    """A stress-ng process started after a delay and stopped on exit; nothing for 'quiet'."""

    def __init__(self, condition, delay):
        self.command, self.delay, self.process = NEIGHBOURS[condition], delay, None
        self.timer = threading.Timer(delay, self.start) if self.command else None

    def start(self):
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def __enter__(self):
        if self.timer:
            self.timer.start()
        return self

    def __exit__(self, *exc):
        if self.timer:
            self.timer.cancel()
        if self.process:
            self.process.terminate()
            self.process.wait()
            time.sleep(1)   # let the CPU settle before the next pair


def committed_pair(work, condition, base_plan, head_plan, baselines, run_seconds):
    with Neighbour(condition, run_seconds / 3):
        return tool("check", "--config", head_plan, "--baselines", baselines,
                    "--report", os.path.join(work, "report.md"), cwd=work)


def interleaved_pair(work, condition, base_plan, head_plan, job_seconds):
    with Neighbour(condition, job_seconds / 2):
        return tool("ab", "--base-config", base_plan, "--config", head_plan, "--results-dir", os.path.join(work, "ab"),
                    "--report", os.path.join(work, "report.md"), cwd=work)


def pair_summary(work):
    """The report's first line, the failing rows, and the J/problem and decode J changes whatever their outcome."""
    try:
        with open(os.path.join(work, "report.md")) as f:
            lines = f.read().splitlines()
    except OSError:
        return ""
    rows = [l.split("|")[2].strip() + " " + l.split("|")[5].strip() for l in lines if "fail (EG" in l or "warn (EG" in l]
    changes = []
    for metric in ("joules_per_problem", "decode_joules"):
        detail = next((l for l in lines if l.startswith("| %s |" % metric)), None)
        if detail:
            changes.append("%s %s" % (metric, detail.split("|")[4].strip()))
    noise = [l[2:] for l in lines if l.startswith("- Probe:") or l.startswith("- Verdict:")]
    return "\t".join([lines[0] if lines else "", ", ".join(rows), "; ".join(changes), " / ".join(noise)])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=20, help="A/A pairs and regression pairs per cell (each)")
    parser.add_argument("--conditions", default="quiet,cpu,stream")
    parser.add_argument("--protocols", default="committed,interleaved")
    parser.add_argument("--repetitions", type=int, default=16)
    args = parser.parse_args()
    if not os.path.exists(TOOL[1]):
        sys.exit("build the tool first: dotnet build -c Release src/EnergyGate.Tool")
    conditions = args.conditions.split(",")
    if any(NEIGHBOURS[c] for c in conditions) and shutil.which("stress-ng") is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "stress-ng"], check=True)
    work = tempfile.mkdtemp(prefix="energygate-calibration-")
    try:
        cache = os.path.join(work, "cache")
        reps = args.repetitions
        base = write_plan(work, "base.yml", cache, reps)
        regressions = [write_plan(work, "layers.yml", cache, reps, layers=11),
                       write_plan(work, "tokens.yml", cache, reps, tokens=44)]
        baselines = os.path.join(work, "baselines")
        start = time.monotonic()
        tool("baseline", "update", "--config", base, "--baselines", baselines, cwd=work)
        run_seconds = time.monotonic() - start
        print("one run of the plan: %.1f s (%d repetitions)" % (run_seconds, reps), file=sys.stderr)
        start = time.monotonic()
        interleaved_pair(work, "quiet", base, base, 0)
        job_seconds = time.monotonic() - start
        print("one interleaved job: %.1f s" % job_seconds, file=sys.stderr)
        log = open("calibration-pairs.tsv", "a")
        rows = []
        for condition in conditions:
            for protocol in args.protocols.split(","):
                alarms = detections = 0
                for i in range(args.pairs):
                    for head, counter in ((base, "aa"), (regressions[i % 2], "reg")):
                        if protocol == "committed":
                            code = committed_pair(work, condition, base, head, baselines, run_seconds)
                        else:
                            code = interleaved_pair(work, condition, base, head, job_seconds)
                        log.write("\t".join([condition, protocol, counter if counter == "aa" else os.path.basename(head), str(code), pair_summary(work)]) + "\n")
                        log.flush()
                        if counter == "aa":
                            alarms += code == 1
                        else:
                            detections += code == 1
                    print("%s/%s pair %d: %d alarms, %d detections" % (condition, protocol, i + 1, alarms, detections), file=sys.stderr)
                rows.append((condition, protocol, alarms, detections))
        log.close()
        print("| condition | protocol | false alarms (A/A) | detections (+10 %) |")
        print("|---|---|---:|---:|")
        for condition, protocol, alarms, detections in rows:
            print("| %s | %s | %d of %d | %d of %d |" % (condition, protocol, alarms, args.pairs, detections, args.pairs))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
