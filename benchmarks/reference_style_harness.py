"""openai/human-eval's execution method, run the way evaluate_functional_correctness runs it, for
side-by-side timing only.

human_eval_execution.py beside this script re-implements human_eval/execution.py's per-sample
method (the package is not installable here, and fetched code is not kept in this repository).
main() does what evaluate_functional_correctness(sample_file,
n_workers=WORKERS, timeout=3.0) does around it: a ThreadPoolExecutor with WORKERS threads, one
check_correctness call per sample (a multiprocessing.Manager() list and a multiprocessing.Process
per sample; in the child a temp dir, the guard that disables destructive calls, exec() under a
signal-based time limit), results collected with as_completed. It skips reading a samples file, the
pass@k arithmetic and the results file. It prints one JSON line: {"samples": N, "passed": P, "seconds": S}.

usage: reference_style_harness.py HumanEval.jsonl.gz COPIES WORKERS
"""
from human_eval_execution import check_correctness  # human-eval's per-sample method, re-implemented


def main():
    import gzip
    import json
    import sys
    import time
    from concurrent.futures import ThreadPoolExecutor, as_completed

    path, copies, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with gzip.open(path, "rt") as f:
        problems = [json.loads(line) for line in f if line.strip()]
    samples = [p for _ in range(copies) for p in problems]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as executor:
        futures = [executor.submit(check_correctness, p, p["canonical_solution"], 3.0, i) for i, p in enumerate(samples)]
        passed = sum(1 for future in as_completed(futures) if future.result()["passed"])
    print(json.dumps({"samples": len(samples), "passed": passed, "seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
