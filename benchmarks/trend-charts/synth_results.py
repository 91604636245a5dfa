#!/usr/bin/env python3
"""Writes a synthetic EnergyGate results file (the JSONL `run`/`check` record): a run header, one
sample line per cell x repetition x task and a score line per sample. The numbers are chosen, not
measured: each cell's joules follow --scale (the commit's energy level) with a small deterministic
spread between repetitions, so the trend charts have a known shape and a known number of points.

Usage: synth_results.py OUT.jsonl --cells N --repetitions R --scale 1.00 [--started 2025-06-01T10:00:00Z]
"""
import argparse
import json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--cells", type=int, default=3)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=4)
    parser.add_argument("--scale", type=float, default=1.0, help="energy level of this commit (1.0 = baseline)")
    parser.add_argument("--started", default="2025-06-01T10:00:00Z")
    parser.add_argument("--cpu", default="Synthetic CPU @ 2.0GHz")
    args = parser.parse_args()

    cells = [f"smoke/tiny-{i:02d}/onnx/cpu" for i in range(args.cells)]
    lines = [{
        "type": "run", "settings_hash": "synthetic", "tool_version": "0.1.0", "started_at": args.started,
        "cells": cells,
        "fingerprint": {"cpu_model": args.cpu, "gpu_model": "none", "meter_kind": "Estimated", "logical_cpus": "2"},
    }]
    for c, cell in enumerate(cells):
        for r in range(args.repetitions):
            # Spread of about +-2 % between repetitions, the same for every commit.
            wobble = 1 + 0.02 * ((r * 7 + c * 3) % 5 - 2) / 2
            for t in range(args.tasks):
                tokens = 16 + t
                prefill = 0.40 * (1 + 0.1 * c) * args.scale * wobble
                decode = 0.05 * tokens * (1 + 0.1 * c) * args.scale * wobble
                lines.append({
                    "type": "sample", "cell": cell, "repetition": r, "task_id": f"Smoke/{t}", "sample_index": 0,
                    "prompt_tokens": 40 + 10 * t, "generated_tokens": tokens, "stop_reason": "Eos",
                    "prefill_seconds": 0.002, "ttft_seconds": 0.002, "decode_seconds": 0.02 * tokens,
                    "prefill_joules": round(prefill, 6), "decode_joules": round(decode, 6),
                    "energy_kind": "Estimated", "domains": [], "completion": "    return 1\n",
                })
                lines.append({
                    "type": "score", "cell": cell, "repetition": r, "task_id": f"Smoke/{t}", "sample_index": 0,
                    "passed": t % 2 == 0, "result": "passed" if t % 2 == 0 else "failed",
                })
    with open(args.out, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    main()
