"""EnergyGate sandbox supervisor.

One long-lived process per worker. It reads one JSON request per line on stdin, has a fresh,
resource-limited child forked for each program, and answers one JSON line on stdout. Forking from
a warm interpreter avoids the tens of milliseconds an interpreter start costs per sample.

Why the design is as it is:
- What a fork of a warm interpreter still costs is copy-on-write: after a fork, the first write to
  each shared page, in the parent or the child, is a page fault that copies it (about 17 us of CPU
  each on the paravirtualized build VMs, run benchmarks/sandbox_breakdown.py to see yours). So the
  forks are done by a zygote (class Zygote), a copy of this process that touches few pages per
  fork, while this process, which never forks again, does the bookkeeping for free; the zygote
  calls libc's fork() rather than os.fork(), whose after-fork hooks alone write ~190 pages in the
  child; and the destructive-call guard is applied once, before the first fork, not per child.
- The network is cut once, here, by moving this process into a new network namespace; every
  child inherits it, so no per-sample namespace has to be created (that is slow in the kernel).
- A sample passes only when its child writes this sample's random nonce to a private pipe after
  the program (which ends with the check call) returned. Exit codes and printed text never count,
  so sys.exit(0), os._exit(0) or print("passed") cannot fake a pass.
- Each child leads its own process group; the whole group is killed at the deadline or when the
  child ends. A sample that leaves any other process behind (a double-forked daemon, a setsid
  escape) fails, and every such process is killed before the next sample starts (with the zygote,
  which is then replaced): inside bubblewrap's PID namespace the supervisor sees only the
  sandbox's processes and kill(-1) reaches all of them; in the fallback it is a child subreaper
  and kills every descendant. The zygote is a subreaper too, so orphans show up as its children.
- Started as root (inside bubblewrap or not), the supervisor drops each child to an unprivileged
  uid (--drop-to, 65534) with no capabilities and no_new_privs: the child cannot signal or trace the
  supervisor, read another process's /proc files, or join another namespace.
"""
import ctypes
import gc
import json
import marshal
import os
import posix
import resource
import select
import shutil
import signal
import socket
import struct
import subprocess  # noqa: F401 - loaded once here so the per-sample guard does not import it
import sys
import tempfile
import time

# Modules generated code commonly imports; children inherit them already loaded.
import bisect, collections, copy, datetime, decimal, fractions, functools, hashlib  # noqa: E401,F401
import heapq, itertools, math, operator, random, re, statistics, string, typing  # noqa: E401,F401

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38
MAX_MESSAGE = 400
DROP_TO = None        # (uid, gid) each child switches to, when the supervisor starts as root
DROP_TO_WANTED = [None, None]
REAP = "subreaper"    # "namespace": alone in a PID namespace (bubblewrap), where kill(-1) also helps
NETWORK = "unshare"   # "given": bubblewrap already made an empty network namespace
SCRATCH = None        # parent of the per-sample folders; None: /dev/shm where writable
DEVNULL = None        # opened once; each child's stdin, stdout and stderr
PROFILE = False       # --profile: each reply says where the sample's time and page faults went
LIBC = ctypes.CDLL(None, use_errno=True)
GUARDED = {}          # the real functions guard_destructive_calls() replaced, for the supervisor's own use


def raw_fork_function():
    """libc's fork() called with the GIL held (PyDLL), or os.fork where that is missing.

    os.fork() runs CPython's after-fork hooks in the child (threading's and random's): on these
    VMs they write to about 190 shared pages and every such copy-on-write fault costs about 16 us
    of CPU, 3 ms a sample. The supervisor and its zygote are single-threaded, so the thread
    bookkeeping those hooks repair is already right in the child; the one hook a sample can
    observe, random's reseed, is done before each fork (zygote_loop)."""
    try:
        fork = ctypes.PyDLL(None, use_errno=True).fork
    except (AttributeError, OSError):
        return os.fork
    fork.restype, fork.argtypes = ctypes.c_int, []

    def checked():
        pid = fork()
        if pid < 0:
            raise OSError(ctypes.get_errno(), "fork failed")
        return pid
    return checked


FORK = raw_fork_function()


def isolate_network():
    """Moves this process into an empty network namespace; returns a description of what held."""
    libc = LIBC
    if libc.unshare(CLONE_NEWNET) == 0:
        return True, "network namespace"
    first = os.strerror(ctypes.get_errno())
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0:
        return True, "user + network namespace"
    second = os.strerror(ctypes.get_errno())
    return False, "none (unshare failed: %s; user namespace: %s)" % (first, second)


def set_limits(mem, cpu, fsize, nproc):
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    resource.setrlimit(resource.RLIMIT_DATA, (mem, mem))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


GUARD_OS = ("kill", "killpg", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir",
            "setuid", "fork", "forkpty", "rename", "renames", "truncate", "replace", "unlink",
            "fchmod", "fchown", "chmod", "chown", "chroot", "lchown", "execv", "execve",
            "execvp", "execvpe", "spawnv", "spawnve", "popen")
GUARD_OTHER = ((shutil, ("rmtree", "move", "chown")), (subprocess, ("Popen",)))


def guard_destructive_calls():
    """Disables process and file-system calls a benchmark solution never needs (defence in depth
    against accidental damage; the rlimits, namespace and temp directory are the real limits).

    Applied once, in the supervisor, before the first sample: every child inherits the guarded
    modules as they are. (Applied in each child it cost about 120 copy-on-write faults, 2 ms of
    CPU, per sample.) The supervisor itself calls the real functions through GUARDED."""
    import builtins
    builtins.exit = None
    builtins.quit = None
    for module in (os, posix):
        for name in GUARD_OS:
            if hasattr(module, name):
                GUARDED[(module.__name__, name)] = getattr(module, name)
                setattr(module, name, None)
    for module, names in GUARD_OTHER:
        for name in names:
            GUARDED[(module.__name__, name)] = getattr(module, name)
            setattr(module, name, None)


def real(name):
    """The unguarded os function NAME, for the supervisor's own use."""
    return GUARDED.get(("os", name)) or getattr(os, name)


def remove_tree(path):
    """Removes a sample's folder: one rmdir when the sample left it empty (the usual case), else
    shutil.rmtree (symlink-safe) with the guarded functions it needs back for the moment."""
    try:
        real("rmdir")(path)
        return
    except FileNotFoundError:
        return
    except OSError:
        pass
    guarded = [(m, n) for m in (os, posix, shutil) for n in dir(m) if (m.__name__, n) in GUARDED]
    for module, name in guarded:
        setattr(module, name, GUARDED[(module.__name__, name)])
    try:
        shutil.rmtree(path, ignore_errors=True)
    finally:
        for module, name in guarded:
            setattr(module, name, None)


def drop_privileges(drop_to):
    """In the child: gives up root (when started as root) and any way back to privileges."""
    LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if drop_to is not None:
        uid, gid = drop_to
        os.setgroups([])
        os.setresgid(gid, gid, gid)
        os.setresuid(uid, uid, uid)   # from root to another uid: every capability is cleared
    if LIBC.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError("no_new_privs refused")


def mark(marks, name):
    """--profile only: when a phase ended (monotonic ns, comparable across processes) and the
    process's minor page faults so far (copy-on-write faults dominate a forked child's cost)."""
    if marks is not None:
        marks.append((name, time.perf_counter_ns(), resource.getrusage(resource.RUSAGE_SELF).ru_minflt))


def send_marks(write_fd, marks):
    if marks is not None:
        os.write(write_fd, PROFILE_TAG + ";".join("%s|%d|%d" % m for m in marks).encode("ascii"))


PROFILE_TAG = b"\n#profile:"


def run_child(request, write_fd):
    """Runs in the forked child: never returns."""
    program, memory, cpu, fsize, nproc, nonce, _, workdir, profile = request
    write = os.write
    exit_now = os._exit
    marks = [] if profile else None
    mark(marks, "forked")
    try:
        os.setsid()
        os.chdir(workdir)
        dup2 = os.dup2
        dup2(DEVNULL, 0)
        dup2(DEVNULL, 1)
        dup2(DEVNULL, 2)
        mark(marks, "session, folder, stdio")
        set_limits(memory, cpu, fsize, nproc)
        mark(marks, "rlimits")
        drop_privileges(DROP_TO)
        mark(marks, "privileges")
        code = compile(program, "<sample>", "exec")
        mark(marks, "compile")
        # Same globals shape as the reference harness: __name__ is not "__main__".
        exec(code, {"__name__": "__sample__", "__builtins__": __builtins__})
        mark(marks, "program")
        write(write_fd, b"P" + nonce)
        mark(marks, "nonce written")
        send_marks(write_fd, marks)
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


class ZygoteGone(Exception):
    """The zygote exited or broke the protocol; the sample fails and a fresh zygote is started."""


class Zygote:
    """The process samples are forked from: a fork of the warm supervisor that does nothing but
    fork a child per request and reap it.

    Why a second process: after every fork the forking process's pages are copy-on-write again,
    and on these VMs each first write to a shared page costs about 17 us of CPU. A supervisor
    that forks itself pays that on every page its own bookkeeping touches (JSON, the wait loop,
    the /proc checks, the folder): about 190 faults, 3 to 6 ms a sample. The zygote touches a
    few dozen pages per fork; the supervisor, which never forks again, none.
    The zygote is a child subreaper: whatever a sample leaves behind is re-parented to it."""

    def __init__(self):
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = FORK()
        if pid == 0:
            mine.close()
            zygote_loop(theirs)
        theirs.close()
        self.pid, self.sock = pid, mine
        self.children = "/proc/%d/task/%d/children" % (pid, pid)

    def start(self, req, nonce, seed, workdir, write_fd):
        """Asks for a child running REQ; returns its pid."""
        payload = marshal.dumps((req["program"], req["memory_bytes"], req["cpu_seconds"], req["file_size_bytes"],
                                 req["max_processes"], nonce, seed, workdir, PROFILE))
        try:
            socket.send_fds(self.sock, [struct.pack("I", len(payload)), payload], [write_fd])
            return struct.unpack("i", self.receive(4))[0]
        except OSError as e:
            raise ZygoteGone("the zygote is gone (%s)" % e)

    def receive(self, size):
        data = b""
        while len(data) < size:
            chunk = self.sock.recv(size - len(data))
            if not chunk:
                raise ZygoteGone("the zygote is gone")
            data += chunk
        return data

    def exit_report(self):
        """(wait status, profile usage or None) of the child the zygote reaped."""
        size = struct.unpack("I", self.receive(4))[0]
        return marshal.loads(self.receive(size))

    def nothing_left(self):
        """True when the zygote has no child at all (not even a zombie): nothing was left behind.
        One raw read; the zygote is single-threaded, so this is its only children file."""
        try:
            fd = os.open(self.children, os.O_RDONLY)
        except OSError:
            return False
        try:
            return not os.read(fd, 16)
        finally:
            os.close(fd)

    def close(self):
        """Kills the zygote and reaps it. Its orphans are re-parented to this supervisor by the time
        the wait returns, so the children files kill_strays reads next cannot miss one in transit."""
        self.sock.close()
        try:
            real("kill")(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


FILLER = []   # the objects that fill the zygote's partly used pymalloc pools; never freed


def read_to_end(read_fd):
    """Reads a pipe until every writer has closed it, then closes it."""
    data = b""
    while True:
        chunk = os.read(read_fd, 65536)
        if not chunk:
            break
        data += chunk
    os.close(read_fd)
    return data


def pymalloc_free_blocks():
    """[(block size, free blocks in its partly used pools)] per pymalloc size class, parsed from
    sys._debugmallocstats() (CPython writes it to fd 2, read back here through a pipe); [] where
    that is missing or reads differently (another allocator, another interpreter)."""
    if not hasattr(sys, "_debugmallocstats"):
        return []
    read_fd, write_fd = os.pipe()
    saved = os.dup(2)
    os.dup2(write_fd, 2)
    try:
        sys._debugmallocstats()   # about 3 KB: far below what the pipe holds, so it cannot block
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(write_fd)
    text = read_to_end(read_fd)
    rows = []
    for line in text.decode("ascii", "replace").splitlines():
        parts = line.split()
        if len(parts) == 5 and all(p.isdigit() for p in parts):   # class, size, pools, used, free
            rows.append((int(parts[1]), int(parts[4])))
    return rows


def fill_partly_used_pools():
    """Takes every free block of the zygote's partly used pymalloc pools.

    A sample's allocations go first to those free blocks, which lie scattered over pages the
    zygote shares with it: each first write to one is a copy-on-write fault. With them taken, its
    allocations start pools of their own, packed into few pages. Measured (sandbox_breakdown.py):
    compile() of a trivial sample 76 -> 62 faults, of a canonical HumanEval solution 126 -> 109.
    Objects of exactly each block size: object() 16 bytes, a float 24 (the 32-byte class), a
    bytes object of n bytes 33 + n. Costs a few hundred KiB, once per zygote."""
    for _ in range(2):   # the first pass's own list growth leaves a few blocks free
        try:
            classes = pymalloc_free_blocks()
        except OSError:   # no fd 2 to borrow, say: only an optimisation is lost
            return
        for size, free in classes:
            if size == 16:
                FILLER.extend(object() for _ in range(free))
            elif size == 32:
                FILLER.extend(float(i) + 0.5 for i in range(free))
            elif size >= 48:
                FILLER.extend(bytes(size - 33) for _ in range(free))


def zygote_loop(sock):
    """Runs in the zygote: never returns. Reads a request (and the result pipe's write end), forks
    the sample's child, sends its pid, reaps it, sends its wait status; ends when the supervisor does."""
    LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    LIBC.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    os.dup2(DEVNULL, 0)
    os.dup2(DEVNULL, 1)
    fd = sock.fileno()
    pack, unpack, loads, dumps = struct.pack, struct.unpack, marshal.loads, marshal.dumps
    write, close, waitpid = os.write, os.close, os.waitpid
    getrusage, SELF, CHILDREN = resource.getrusage, resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN
    gc.freeze()
    fill_partly_used_pools()
    gc.freeze()
    try:
        while True:
            head, fds, _, _ = socket.recv_fds(sock, 4, 1)
            if len(head) < 4 or not fds:
                break
            size = unpack("I", head)[0]
            payload = b""
            while len(payload) < size:
                chunk = os.read(fd, size - len(payload))
                if not chunk:
                    os._exit(0)
                payload += chunk
            request = loads(payload)
            profile = request[8]
            if profile:
                before = (getrusage(SELF), getrusage(CHILDREN))
            # What os.fork() would do in the child: a fresh random state.
            random.seed(request[6])
            pid = FORK()
            if pid == 0:
                # A raw close: socket.close() is Python code whose first run here costs ~15 faults.
                close(fd)
                run_child(request, fds[0])
            close(fds[0])
            write(fd, pack("i", pid))
            _, status = waitpid(pid, 0)
            usage = None
            if profile:
                after = (getrusage(SELF), getrusage(CHILDREN))
                usage = [[b.ru_utime - a.ru_utime, b.ru_stime - a.ru_stime, b.ru_minflt - a.ru_minflt]
                         for a, b in zip(before, after)]
            report = dumps((status, usage))
            write(fd, pack("I", len(report)) + report)
    except BaseException:  # noqa: B036 - the supervisor sees the zygote gone and starts another
        pass
    os._exit(0)


ZYGOTE = None


def zygote():
    global ZYGOTE
    if ZYGOTE is None:
        ZYGOTE = Zygote()
    return ZYGOTE


def end_zygote():
    """Kills the zygote and everything below it (after left-behind processes, or a broken zygote)."""
    global ZYGOTE
    if ZYGOTE is not None:
        ZYGOTE.close()
        ZYGOTE = None
    kill_strays()


def wait_for_child(zyg, pid, read_fd, deadline, marks=None):
    """Waits for the child to exit (the zygote's report) or the deadline; returns (output,
    timed_out, wait status, processes left behind, zygote's profile usage)."""
    chunks = []
    watched = [read_fd, zyg.sock]
    timed_out, exited, status, usage = False, False, 0, None
    while not exited:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        ready, _, _ = select.select(watched, [], [], left)
        if read_fd in ready and not drain(read_fd, chunks):
            watched.remove(read_fd)
        if zyg.sock in ready:
            status, usage = zyg.exit_report()
            exited = True
    # The child's own writes are in the pipe by now, even if a grandchild still holds it open.
    if read_fd in watched:
        drain(read_fd, chunks)
    mark(marks, "child ended")
    # Whatever still runs once the program's own process has ended was left behind (a subprocess
    # not waited for, a setsid or double-forked daemon): it fails the sample, then everything dies.
    # The usual case, no process at all below the zygote, is one read of its children file.
    if exited and zyg.nothing_left():
        mark(marks, "left-behind check")
        return b"".join(chunks), timed_out, status, 0, usage
    left_behind = max(0, len(other_processes()) - 1) if exited else 0   # the zygote itself is not left behind
    try:
        real("killpg")(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if not exited:
        # Its report follows the kill within milliseconds, well inside the tool's answer margin.
        zyg.sock.settimeout(1)
        try:
            status, usage = zyg.exit_report()
        except (OSError, ZygoteGone):
            # Stopped or killed, where a sample can signal it (same uid): that sample fails.
            end_zygote()
            raise ZygoteGone("the zygote (the process samples are forked from) did not answer: stopped or killed by the sample?; it was replaced")
    mark(marks, "left-behind check, group killed")
    # The zygote goes with them: the next sample gets a fresh one, forked from this supervisor.
    end_zygote()
    mark(marks, "strays killed, reaped")
    return b"".join(chunks), timed_out, status, left_behind, usage


def describe_exit(status):
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        hint = {"SIGXCPU": " (CPU time limit)", "SIGKILL": " (killed)", "SIGSEGV": " (crash)",
                "SIGXFSZ": " (file size limit)"}.get(name, "")
        return "killed by %s%s before check() completed" % (name, hint)
    return "exited with code %d before check() completed" % os.WEXITSTATUS(status)


def execute(req, scratch_root):
    if PROFILE:
        return profiled(req, scratch_root)
    return execute_marked(req, scratch_root, None)


def profiled(req, scratch_root):
    """execute() with --profile: the reply also carries the parent's and the child's phase marks
    and the CPU time and page faults of the supervisor and of the sample's processes (reaped)."""
    marks = []
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    mark(marks, "request read")
    reply = execute_marked(req, scratch_root, marks)
    self_after = resource.getrusage(resource.RUSAGE_SELF)
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)

    def usage(a, b):
        return {"user_us": round((b.ru_utime - a.ru_utime) * 1e6), "system_us": round((b.ru_stime - a.ru_stime) * 1e6),
                "faults": b.ru_minflt - a.ru_minflt}
    zygote_usage = reply.pop("zygote_usage", None)
    reply["profile"] = {"supervisor": [list(m) for m in marks], "child": reply.pop("child_marks", []),
                        "supervisor_cpu": usage(self_before, self_after),
                        "sample_cpu": usage(children_before, children_after)}
    if zygote_usage:
        # The zygote reaps the sample: its account, not the supervisor's RUSAGE_CHILDREN, has it.
        (zu, zs, zf), (cu, cs, cf) = zygote_usage
        reply["profile"]["zygote_cpu"] = {"user_us": round(zu * 1e6), "system_us": round(zs * 1e6), "faults": zf}
        reply["profile"]["sample_cpu"] = {"user_us": round(cu * 1e6), "system_us": round(cs * 1e6), "faults": cf}
    return reply


def split_marks(data):
    """Separates the child's --profile marks from its result."""
    at = data.find(PROFILE_TAG)
    if at < 0:
        return data, []
    try:
        marks = [m.split("|") for m in data[at + len(PROFILE_TAG):].decode("ascii").split(";")]
        return data[:at], [[m[0], int(m[1]), int(m[2])] for m in marks]
    except (ValueError, IndexError):   # a sample wrote something like it: no marks, same verdict
        return data[:at], []


def execute_marked(req, scratch_root, marks):
    secret = os.urandom(64)
    nonce = secret[:16].hex().encode("ascii")
    # Random, so no sample can prepare the next one's folder; not the nonce, which stays secret.
    workdir = os.path.join(scratch_root, "s" + secret[16:24].hex())
    os.mkdir(workdir, 0o700)
    if DROP_TO is not None:
        real("chown")(workdir, DROP_TO[0], DROP_TO[1])
    read_fd, write_fd = os.pipe()
    mark(marks, "folder, pipe")
    start = time.monotonic()
    usage = None
    try:
        try:
            zyg = zygote()
            pid = zyg.start(req, nonce, secret[32:], workdir, write_fd)
        finally:
            os.close(write_fd)
        mark(marks, "fork (by the zygote)")
        data, timed_out, status, left_behind, usage = wait_for_child(zyg, pid, read_fd, start + req["timeout_seconds"], marks)
    except ZygoteGone:
        end_zygote()
        raise
    finally:
        os.close(read_fd)
        remove_tree(workdir)
    elapsed = time.monotonic() - start
    mark(marks, "folder removed")
    if marks is not None:
        data, child_marks = split_marks(data)
        return dict(verdict(data, nonce, timed_out, status, left_behind, elapsed), child_marks=child_marks, zygote_usage=usage)
    return verdict(data, nonce, timed_out, status, left_behind, elapsed)


def verdict(data, nonce, timed_out, status, left_behind, elapsed):
    if timed_out:
        return {"status": "timed_out", "message": "timed out", "seconds": elapsed}
    if left_behind:
        return {"status": "failed", "seconds": elapsed,
                "message": "left %d process(es) running after the program ended (a sample may not leave processes behind)" % left_behind}
    if (b"P" + nonce) in data:
        return {"status": "passed", "message": "", "seconds": elapsed}
    if data.startswith(b"F"):
        return {"status": "failed", "message": data[1:].decode("utf-8", "replace"), "seconds": elapsed}
    return {"status": "failed", "message": describe_exit(status), "seconds": elapsed}


def children_of(pid):
    """Direct children of a process (every thread's), or None where the kernel has no children file."""
    kids = []
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, tid)) as f:
                kids.extend(int(k) for k in f.read().split())
    except FileNotFoundError:
        return None if pid == os.getpid() else []
    except OSError:
        return []
    return kids


def nothing_left():
    """True when no process at all, not even a zombie, is below the supervisor: every children
    file of its threads is empty. Raw reads, no file objects: this runs after every sample."""
    tasks = "/proc/%d/task/" % os.getpid()
    try:
        for tid in os.listdir(tasks):
            fd = os.open(tasks + tid + "/children", os.O_RDONLY)
            try:
                if os.read(fd, 16):
                    return False
            finally:
                os.close(fd)
    except OSError:
        return False   # no children files in this kernel: the full check decides
    return True


def is_alive(pid):
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            stat = f.read()
    except OSError:
        return False
    return stat[stat.rfind(b")") + 2:stat.rfind(b")") + 3] not in (b"Z", b"X")


def other_processes():
    """The live processes a sample left: this supervisor is a child subreaper, so every orphan is
    re-parented to it and its descendants are exactly what is left. Reading the children files
    costs microseconds; the full process table is scanned only where the kernel lacks them."""
    me = os.getpid()
    todo = children_of(me)
    if todo is None:
        return [pid for pid in scan_descendants(me) if is_alive(pid)]
    found = []
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children_of(pid) or [])
    return [pid for pid in found if is_alive(pid)]


def scan_descendants(me):
    children = {}
    for name in os.listdir("/proc"):
        try:
            with open("/proc/%s/stat" % name, "rb") as f:
                stat = f.read()
        except OSError:
            continue
        children.setdefault(int(stat[stat.rfind(b")") + 2:].split()[1]), []).append(int(name))
    found, todo = [], list(children.get(me, []))
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def reap_children():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def kill_strays():
    """Kills every process a sample left behind, repeating while a fork storm races."""
    for _ in range(500):
        strays = other_processes()
        if not strays:
            reap_children()
            return
        kill = real("kill")
        if REAP == "namespace":
            try:
                kill(-1, signal.SIGKILL)   # everything in this PID namespace but us and its init
            except OSError:
                pass
        for pid in strays:
            try:
                kill(pid, signal.SIGKILL)
            except OSError:
                pass
        reap_children()
        time.sleep(0.001)
    raise StraysSurvived("processes left by the sample could not be killed; the supervisor restarts")


class StraysSurvived(Exception):
    """Ends the supervisor: its PID namespace (or process tree) is then torn down with it."""


def scratch_parent():
    """Per-sample folders live on tmpfs when there is one: creating and removing them there costs
    microseconds instead of a disk round trip. RLIMIT_FSIZE bounds what a sample can put there."""
    if SCRATCH is not None:
        return SCRATCH
    shm = "/dev/shm"
    if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK):
        return shm
    return None


def probe_child(scratch_root):
    """What a sample's process can actually see and do, observed by a child set up like one."""
    read_fd, write_fd = os.pipe()
    pid = FORK()
    if pid == 0:
        os.close(read_fd)
        facts = {}
        try:
            os.setsid()
            drop_privileges(DROP_TO)
            status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines() if ":" in line)
            me, parent = os.getpid(), os.getppid()
            visible = [p for p in os.listdir("/proc") if p.isdigit() and int(p) not in (me, parent, 1)]
            candidates = ["/", "/usr", "/etc", "/var/tmp", "/dev/shm", os.path.expanduser("~"), "/proc/1/cwd"]
            stdlib = os.path.dirname(os.__file__)
            facts = {"uid": os.getuid(), "stdlib_readable": os.access(stdlib, os.R_OK | os.X_OK), "capabilities": status.get("CapEff", "?").strip(),
                     "no_new_privs": status.get("NoNewPrivs", "?").strip() == "1",
                     "other_processes": len(visible),
                     "writable": [c for c in candidates if os.path.isdir(c) and os.access(c, os.W_OK)]}
        except BaseException as e:  # noqa: B036 - reported, never fatal
            facts = {"error": "%s: %s" % (type(e).__name__, e)}
        os.write(write_fd, json.dumps(facts).encode("utf-8"))
        os._exit(0)
    os.close(write_fd)
    data = read_to_end(read_fd)
    os.waitpid(pid, 0)
    return json.loads(data.decode("utf-8") or "{}")


def probe_with_drop(scratch_root):
    """Drops children to the unprivileged uid only where that uid can still read the standard
    library (a python under /root/.pyenv outside bubblewrap cannot); says so when it cannot."""
    global DROP_TO
    facts = probe_child(scratch_root)
    if DROP_TO is not None and not facts.get("stdlib_readable", True):
        DROP_TO = None
        facts = probe_child(scratch_root)
        facts["drop_refused"] = ("uid %d cannot read the interpreter's standard library (%s); samples run as root"
                                 % (DROP_TO_WANTED[0], os.path.dirname(os.__file__)))
    return facts


def parse_arguments(argv):
    """--drop-to UID:GID, --reap namespace|subreaper, --network given|unshare, --scratch DIR,
    --profile (no value)."""
    global DROP_TO, REAP, NETWORK, SCRATCH, PROFILE
    it = iter(argv)
    for flag in it:
        if flag == "--profile":
            PROFILE = True
            continue
        value = next(it)
        if flag == "--drop-to":
            uid, gid = value.split(":")
            DROP_TO = (int(uid), int(gid))
            DROP_TO_WANTED[:] = DROP_TO
        elif flag == "--reap":
            REAP = value
        elif flag == "--network":
            NETWORK = value
        elif flag == "--scratch":
            SCRATCH = value
        else:
            raise SystemExit("unknown argument %s" % flag)


def main():
    parse_arguments(sys.argv[1:])
    # Orphans come back to this process, not to init, so it can find and kill them.
    LIBC.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    if NETWORK == "given":
        isolated, how = only_loopback(), "network namespace (bubblewrap)"
    else:
        isolated, how = isolate_network()
    scratch_root = tempfile.mkdtemp(prefix="energygate-sandbox-", dir=scratch_parent())
    if DROP_TO is not None:
        os.chmod(scratch_root, 0o711)   # the dropped child must reach its own folder inside
    out = sys.stdout
    hello = {"ready": True, "python": "%d.%d.%d" % sys.version_info[:3], "network_isolated": isolated,
             "network_isolation": how, "pidfd": hasattr(os, "pidfd_open"), "uid": os.getuid(),
             "reap": REAP, "sample": probe_with_drop(scratch_root)}
    global DEVNULL
    DEVNULL = os.open(os.devnull, os.O_RDWR)
    guard_destructive_calls()
    # Objects that exist now are never collected; freezing them keeps the children's copy-on-write
    # pages untouched by the collector, which makes every fork cheaper.
    gc.freeze()
    zygote()
    out.write(json.dumps(hello) + "\n")
    out.flush()
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            req = json.loads(line)
            fatal = None
            try:
                reply = execute(req, scratch_root)
            except StraysSurvived as e:
                reply, fatal = {"status": "failed", "message": "sandbox error: %s" % e, "seconds": 0.0}, e
            except Exception as e:  # the supervisor itself must survive a failed sample
                reply = {"status": "failed", "message": "sandbox error: %s: %s" % (type(e).__name__, e),
                         "seconds": 0.0}
            reply["id"] = req["id"]
            out.write(json.dumps(reply) + "\n")
            out.flush()
            if fatal is not None:
                break
        end_zygote()   # reaped here, so its account (every sample it reaped) joins RUSAGE_CHILDREN
        # The last line: CPU this supervisor and everything it reaped (every sample and stray) used.
        # Inside bubblewrap nothing else can count it: bwrap exits without reaping its PID-1 init,
        # so none of it reaches the tool's RUSAGE_CHILDREN.
        me, reaped = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            out.write(json.dumps({"usage": {"user_seconds": me.ru_utime + reaped.ru_utime,
                                            "system_seconds": me.ru_stime + reaped.ru_stime}}) + "\n")
            out.flush()
        except OSError:
            pass   # the tool stopped listening
    finally:
        remove_tree(scratch_root)


def only_loopback():
    """True when the namespace this process was given has no interface but loopback."""
    with open("/proc/self/net/dev") as f:
        names = [line.split(":", 1)[0].strip() for line in f.read().splitlines()[2:]]
    return names == ["lo"]


if __name__ == "__main__":
    main()
