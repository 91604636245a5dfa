"""Where a sandboxed sample's time goes: phase by phase, for the supervisor and the sample's child.

Starts sandbox_supervisor.py the way the plain-process mechanism does (as root: --drop-to
65534:65534, which the supervisor refuses where uid 65534 cannot read the standard library) with
--profile, sends it SAMPLES trivial programs and then every canonical HumanEval solution, and
prints Markdown tables: mean wall microseconds and minor page faults per phase, and the CPU
(user + system, getrusage) and faults of the supervisor and of each sample's processes. Then three
micro-benchmarks from a warm interpreter give the floor: fork + _exit through os.fork() (CPython's
after-fork hooks run in the child) and through libc's fork() directly, and the price of one
copy-on-write fault (a child writing 1,000 pages it shares with its parent).

usage: sandbox_breakdown.py SUPERVISOR.py HumanEval.jsonl.gz [samples=300]
"""
import ctypes
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

TRIVIAL = "def f():\n    return 1\n\n\ndef check(candidate):\n    assert candidate() == 1\n\n\ncheck(f)\n"


def request(i, program):
    return json.dumps({"id": i, "program": program, "timeout_seconds": 3.0, "memory_bytes": 4 << 30,
                       "cpu_seconds": 10, "file_size_bytes": 16 << 20, "max_processes": 64}) + "\n"


def run(supervisor, programs):
    scratch = tempfile.mkdtemp(prefix="energygate-breakdown-")
    args = [sys.executable, "-I", "-B", supervisor, "--scratch", scratch, "--profile"]
    if os.geteuid() == 0:
        args += ["--drop-to", "65534:65534"]
        os.chmod(scratch, 0o755)
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": scratch, "PYTHONIOENCODING": "utf-8", "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=scratch)
    hello = json.loads(proc.stdout.readline())
    replies = []
    for i, program in enumerate(programs):
        proc.stdin.write(request(i, program))
        proc.stdin.flush()
        replies.append(json.loads(proc.stdout.readline()))
    proc.stdin.close()
    proc.wait()
    os.rmdir(scratch)
    return hello, replies


def phases(replies, side):
    """Mean (microseconds, faults) per phase: time since the previous mark, faults since it."""
    sums, order = {}, []
    for r in replies:
        marks = r["profile"][side]
        for prev, cur in zip(marks, marks[1:]):
            if cur[0] not in sums:
                sums[cur[0]] = [0, 0]
                order.append(cur[0])
            sums[cur[0]][0] += (cur[1] - prev[1]) / 1000
            sums[cur[0]][1] += cur[2] - prev[2]
    n = len(replies)
    return [(name, sums[name][0] / n, sums[name][1] / n) for name in order]


def fork_to_child(replies):
    """From the supervisor's fork call to the child's first statement, and the child's faults there."""
    us = [(r["profile"]["child"][0][1] - r["profile"]["supervisor"][1][1]) / 1000 for r in replies if r["profile"]["child"]]
    faults = [r["profile"]["child"][0][2] for r in replies if r["profile"]["child"]]
    return sum(us) / max(len(us), 1), sum(faults) / max(len(faults), 1)


def child_end_to_reaped(replies):
    """From the child's last mark (nonce written) to the supervisor seeing it gone: exit and wake-up."""
    out = []
    for r in replies:
        child, sup = r["profile"]["child"], r["profile"]["supervisor"]
        ended = next((m for m in sup if m[0] == "child ended"), None)
        if child and ended:
            out.append((ended[1] - child[-1][1]) / 1000)
    return sum(out) / max(len(out), 1)


def cpu(replies, key):
    n = len(replies)
    user = sum(r["profile"][key]["user_us"] for r in replies) / n
    system = sum(r["profile"][key]["system_us"] for r in replies) / n
    faults = sum(r["profile"][key]["faults"] for r in replies) / n
    return user, system, faults


def table(title, replies):
    passed = sum(1 for r in replies if r["status"] == "passed")
    print("\n%s: %d samples, %d passed" % (title, len(replies), passed))
    print("| where | phase | mean us | mean minor faults |")
    print("|---|---|---:|---:|")
    us, faults = fork_to_child(replies)
    sup = phases(replies, "supervisor")
    for name, t, f in sup:
        if name in ("request read", "folder, pipe", "fork", "fork (by the zygote)"):
            print("| supervisor | %s | %.0f | %.1f |" % (name, t, f))
    print("| child | fork returns in the child | %.0f | %.1f |" % (us, f_or(faults)))
    for name, t, f in phases(replies, "child"):
        print("| child | %s | %.0f | %.1f |" % (name, t, f))
    print("| child | exit until the supervisor wakes | %.0f | - |" % child_end_to_reaped(replies))
    for name, t, f in sup:
        if name not in ("request read", "folder, pipe", "fork", "fork (by the zygote)"):
            print("| supervisor | %s | %.0f | %.1f |" % (name, t, f))
    su, ss, sf = cpu(replies, "supervisor_cpu")
    cu, cs, cf = cpu(replies, "sample_cpu")
    print("| **CPU** | supervisor: user %.2f + system %.2f ms | **%.2f ms** | %.0f |" % (su / 1000, ss / 1000, (su + ss) / 1000, sf))
    if all("zygote_cpu" in r["profile"] for r in replies):
        zu, zs, zf = cpu(replies, "zygote_cpu")
        print("| **CPU** | zygote (forks and reaps): user %.2f + system %.2f ms | **%.2f ms** | %.0f |" % (zu / 1000, zs / 1000, (zu + zs) / 1000, zf))
    print("| **CPU** | sample processes (reaped): user %.2f + system %.2f ms | **%.2f ms** | %.0f |" % (cu / 1000, cs / 1000, (cu + cs) / 1000, cf))


def f_or(x):
    return x


def usage_delta(before, after, n):
    return ((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000 / n,
            (after.ru_minflt - before.ru_minflt) / n)


def micro(n=200):
    """fork + _exit from this warm interpreter, two ways, and the price of one copy-on-write fault."""
    raw_fork = ctypes.PyDLL(None).fork
    raw_fork.restype, raw_fork.argtypes = ctypes.c_int, []
    rows = []
    for name, fork in (("os.fork() + os._exit (CPython after-fork hooks run)", os.fork),
                       ("libc fork() + os._exit (no hooks)", raw_fork)):
        c0, s0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        for _ in range(n):
            pid = fork()
            if pid == 0:
                os._exit(0)
            os.waitpid(pid, 0)
        t1, c1, s1 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
        child_ms, child_faults = usage_delta(c0, c1, n)
        parent_ms, parent_faults = usage_delta(s0, s1, n)
        rows.append((name, (t1 - t0) * 1000 / n, child_ms, child_faults, parent_ms, parent_faults))
    pages = bytearray(4096 * 1000)
    for i in range(0, len(pages), 4096):
        pages[i] = 1
    for label, touch in (("fork, child writes 0 pages", 0), ("fork, child writes 1000 shared pages", 1000)):
        c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        for _ in range(n // 4):
            pid = raw_fork()
            if pid == 0:
                for i in range(touch):
                    pages[i * 4096] = 2
                os._exit(0)
            os.waitpid(pid, 0)
        rows.append((label, None) + usage_delta(c0, resource.getrusage(resource.RUSAGE_CHILDREN), n // 4) + (None, None))
    print("\nMicro-benchmarks from a warm interpreter (%d MiB resident): per fork" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10))
    print("| what | wall ms | child CPU ms | child faults | parent CPU ms | parent faults |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, wall, cms, cf, pms, pf in rows:
        print("| %s | %s | %.2f | %.0f | %s | %s |" % (name, "-" if wall is None else "%.2f" % wall, cms, cf,
                                                    "-" if pms is None else "%.2f" % pms, "-" if pf is None else "%.0f" % pf))
    per_fault = (rows[3][2] - rows[2][2]) / 1000 * 1000
    print("one copy-on-write fault: %.1f us of CPU" % per_fault)


def main():
    supervisor, dataset = os.path.abspath(sys.argv[1]), sys.argv[2]
    samples = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    with gzip.open(dataset, "rt") as f:
        problems = [json.loads(line) for line in f if line.strip()]
    canonical = [p["prompt"] + p["canonical_solution"] + "\n" + p["test"] + "\n" + "check(%s)\n" % p["entry_point"] for p in problems]
    hello, replies = run(supervisor, [TRIVIAL] * (samples + 20) + canonical)
    print("supervisor: python %s, uid of samples %s%s" % (hello["python"], hello["sample"].get("uid"),
                                                         " (%s)" % hello["sample"]["drop_refused"] if "drop_refused" in hello["sample"] else ""))
    table("trivial sample (after 20 discarded)", replies[20:20 + samples])
    table("canonical HumanEval solutions", replies[20 + samples:])
    micro()


if __name__ == "__main__":
    main()
