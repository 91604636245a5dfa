"""Re-creation of openai/human-eval's execution design, for side-by-side timing only.

openai/human-eval (evaluate_functional_correctness) scores each sample in check_correctness():
a ThreadPoolExecutor with n_workers threads; per sample a multiprocessing.Manager() list for the
result and a multiprocessing.Process that creates a temp dir, applies resource limits and runs
exec() under a signal-based time limit; the parent joins with timeout + 1. This script follows
that design (it is written for this benchmark; the package is not installable here) and prints
one JSON line: {"passed": N, "seconds": S}.

usage: reference_style_harness.py HumanEval.jsonl.gz COPIES WORKERS
"""
import contextlib
import faulthandler
import gzip
import io
import json
import multiprocessing
import os
import resource
import signal
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed


class TimeoutException(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds):
    def handler(signum, frame):
        raise TimeoutException("Timed out!")
    signal.setitimer(signal.ITIMER_REAL, seconds)
    signal.signal(signal.SIGALRM, handler)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def unsafe_execute(program, timeout, result):
    with tempfile.TemporaryDirectory() as dirname:
        cwd = os.getcwd()
        os.chdir(dirname)
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
        faulthandler.disable()
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                with time_limit(timeout):
                    exec(program, {})
            result.append("passed")
        except TimeoutException:
            result.append("timed out")
        except BaseException as e:  # noqa: B036
            result.append("failed: %s" % e)
        finally:
            os.chdir(cwd)


def check_correctness(program, timeout=3.0):
    manager = multiprocessing.Manager()
    result = manager.list()
    p = multiprocessing.Process(target=unsafe_execute, args=(program, timeout, result))
    p.start()
    p.join(timeout=timeout + 1)
    if p.is_alive():
        p.kill()
    outcome = result[0] if result else "timed out"
    manager.shutdown()
    return outcome


def main():
    path, copies, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with gzip.open(path, "rt") as f:
        problems = [json.loads(line) for line in f if line.strip()]
    programs = [p["prompt"] + p["canonical_solution"] + "\n" + p["test"] + "\n" + "check(%s)" % p["entry_point"]
                for _ in range(copies) for p in problems]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(check_correctness, prog) for prog in programs]
        passed = sum(1 for f in as_completed(futures) if f.result() == "passed")
    print(json.dumps({"passed": passed, "seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
