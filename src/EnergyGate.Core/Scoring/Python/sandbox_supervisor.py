"""EnergyGate sandbox supervisor.

One long-lived process per worker. It reads one JSON request per line on stdin, forks a fresh,
resource-limited child for each program, and answers one JSON line on stdout. Forking from a
warm interpreter avoids the tens of milliseconds an interpreter start costs per sample.

Why the design is as it is:
- The network is cut once, here, by moving this process into a new network namespace; every
  child inherits it, so no per-sample namespace has to be created (that is slow in the kernel).
- A sample passes only when its child writes this sample's random nonce to a private pipe after
  the program (which ends with the check call) returned. Exit codes and printed text never count,
  so sys.exit(0), os._exit(0) or print("passed") cannot fake a pass.
- Each child leads its own process group; the whole group is killed at the deadline or when the
  child ends, so grandchildren cannot outlive their sample.
"""
import ctypes
import gc
import json
import os
import resource
import select
import shutil
import signal
import subprocess  # noqa: F401 - loaded once here so the per-sample guard does not import it
import sys
import tempfile
import time

# Modules generated code commonly imports; children inherit them already loaded.
import bisect, collections, copy, datetime, decimal, fractions, functools, hashlib  # noqa: E401,F401
import heapq, itertools, math, operator, random, re, statistics, string, typing  # noqa: E401,F401

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
MAX_MESSAGE = 400


def isolate_network():
    """Moves this process into an empty network namespace; returns a description of what held."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError as e:
        return False, "none (libc not loadable: %s)" % e
    if libc.unshare(CLONE_NEWNET) == 0:
        return True, "network namespace"
    first = os.strerror(ctypes.get_errno())
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0:
        return True, "user + network namespace"
    second = os.strerror(ctypes.get_errno())
    return False, "none (unshare failed: %s; user namespace: %s)" % (first, second)


def set_limits(req):
    mem = req["memory_bytes"]
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    resource.setrlimit(resource.RLIMIT_DATA, (mem, mem))
    cpu = req["cpu_seconds"]
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    fsize = req["file_size_bytes"]
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    nproc = req["max_processes"]
    resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def guard_destructive_calls():
    """Disables process and file-system calls a benchmark solution never needs (defence in depth
    against accidental damage; the rlimits, namespace and temp directory are the real limits)."""
    import builtins
    builtins.exit = None
    builtins.quit = None
    for name in ("kill", "killpg", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir",
                 "setuid", "fork", "forkpty", "rename", "renames", "truncate", "replace", "unlink",
                 "fchmod", "fchown", "chmod", "chown", "chroot", "lchown", "execv", "execve",
                 "execvp", "execvpe", "spawnv", "spawnve", "popen"):
        if hasattr(os, name):
            setattr(os, name, None)
    shutil.rmtree = None
    shutil.move = None
    shutil.chown = None
    subprocess.Popen = None


def run_child(req, nonce, write_fd, workdir):
    """Runs in the forked child: never returns."""
    write = os.write
    exit_now = os._exit
    try:
        os.setsid()
        os.chdir(workdir)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        set_limits(req)
        code = compile(req["program"], "<sample>", "exec")
        guard_destructive_calls()
        # Same globals shape as the reference harness: __name__ is not "__main__".
        exec(code, {"__name__": "__sample__", "__builtins__": __builtins__})
        write(write_fd, b"P" + nonce)
    except BaseException as e:  # noqa: B036 - SystemExit from generated code is a failure too
        try:
            message = "%s: %s" % (type(e).__name__, e)
        except BaseException:  # noqa: B036
            message = type(e).__name__
        try:
            write(write_fd, b"F" + message[:MAX_MESSAGE].encode("utf-8", "replace"))
        except BaseException:  # noqa: B036
            pass
    exit_now(0)


def drain(read_fd, chunks):
    """Reads what is already in the pipe without waiting; returns False at end of file."""
    while select.select([read_fd], [], [], 0)[0]:
        data = os.read(read_fd, 65536)
        if not data:
            return False
        if sum(len(c) for c in chunks) < 65536:
            chunks.append(data)
    return True


def wait_for_child(pid, read_fd, deadline):
    """Waits for the child to exit or the deadline; returns (output, timed_out, wait status)."""
    chunks = []
    # pidfd wakes us the moment the child exits; without it, poll every 10 ms.
    pidfd = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
    watched = [read_fd] + ([pidfd] if pidfd is not None else [])
    timed_out, exited, status = False, False, 0
    while not exited:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        ready, _, _ = select.select(watched, [], [], left if pidfd is not None else min(left, 0.01))
        if read_fd in ready and not drain(read_fd, chunks):
            watched.remove(read_fd)
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            exited, status = True, st
    # The child's own writes are in the pipe by now, even if a grandchild still holds it open.
    if read_fd in watched:
        drain(read_fd, chunks)
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if not exited:
        _, status = os.waitpid(pid, 0)
    if pidfd is not None:
        os.close(pidfd)
    return b"".join(chunks), timed_out, status


def describe_exit(status):
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        hint = {"SIGXCPU": " (CPU time limit)", "SIGKILL": " (killed)", "SIGSEGV": " (crash)",
                "SIGXFSZ": " (file size limit)"}.get(name, "")
        return "killed by %s%s before check() completed" % (name, hint)
    return "exited with code %d before check() completed" % os.WEXITSTATUS(status)


def execute(req, scratch_root):
    nonce = os.urandom(16).hex().encode("ascii")
    workdir = tempfile.mkdtemp(prefix="s", dir=scratch_root)
    read_fd, write_fd = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        run_child(req, nonce, write_fd, workdir)
    os.close(write_fd)
    try:
        data, timed_out, status = wait_for_child(pid, read_fd, start + req["timeout_seconds"])
    finally:
        os.close(read_fd)
        shutil.rmtree(workdir, ignore_errors=True)
    elapsed = time.monotonic() - start
    if (b"P" + nonce) in data:
        return {"status": "passed", "message": "", "seconds": elapsed}
    if timed_out:
        return {"status": "timed_out", "message": "timed out", "seconds": elapsed}
    if data.startswith(b"F"):
        return {"status": "failed", "message": data[1:].decode("utf-8", "replace"), "seconds": elapsed}
    return {"status": "failed", "message": describe_exit(status), "seconds": elapsed}


def scratch_parent():
    """Per-sample folders live on tmpfs when there is one: creating and removing them there costs
    microseconds instead of a disk round trip. RLIMIT_FSIZE bounds what a sample can put there."""
    shm = "/dev/shm"
    if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK):
        return shm
    return None


def main():
    isolated, how = isolate_network()
    scratch_root = tempfile.mkdtemp(prefix="energygate-sandbox-", dir=scratch_parent())
    out = sys.stdout
    hello = {"ready": True, "python": "%d.%d.%d" % sys.version_info[:3], "network_isolated": isolated,
             "network_isolation": how, "pidfd": hasattr(os, "pidfd_open"), "uid": os.getuid()}
    # Objects that exist now are never collected; freezing them keeps the children's copy-on-write
    # pages untouched by the collector, which makes every fork cheaper.
    gc.freeze()
    out.write(json.dumps(hello) + "\n")
    out.flush()
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            req = json.loads(line)
            try:
                reply = execute(req, scratch_root)
            except Exception as e:  # the supervisor itself must survive a failed sample
                reply = {"status": "failed", "message": "sandbox error: %s: %s" % (type(e).__name__, e),
                         "seconds": 0.0}
            reply["id"] = req["id"]
            out.write(json.dumps(reply) + "\n")
            out.flush()
    finally:
        shutil.rmtree(scratch_root, ignore_errors=True)


if __name__ == "__main__":
    main()
