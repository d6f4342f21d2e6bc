"""Runs one process and measures it: wall-clock seconds, exit status and peak resident set size.

The peak RSS is the child's own `ru_maxrss` from `os.wait4`, so no `/usr/bin/time` is needed and
the harness's own memory never counts.
"""

import os
import subprocess
import time
from dataclasses import dataclass


@dataclass
class Run:
    seconds: float
    status: int
    max_rss_kib: int
    stdout: bytes
    stderr: bytes

    @property
    def ok(self):
        return self.status == 0

    def describe(self, argv):
        tail = self.stderr.decode(errors="replace").strip().splitlines()[-5:]
        return f"{' '.join(map(str, argv))} exited {self.status}: " + " | ".join(tail)


def run(argv, env, stdin=None, capture_stdout=True, cwd=None):
    """Starts `argv`, reads its output to the end and reaps it with wait4."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(a) for a in argv], env=env, cwd=cwd,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture_stdout else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # communicate() reads both pipes to the end; the process is then reaped by wait4, not by Popen.
    stdout, stderr = _communicate(process, stdin)
    _, wait_status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(wait_status)
    return Run(seconds, process.returncode, usage.ru_maxrss, stdout or b"", stderr or b"")


def stop(process, timeout=10):
    """SIGTERM, then SIGKILL if `process` has not exited within `timeout` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _communicate(process, stdin):
    import threading

    chunks = {"out": [], "err": []}

    def drain(stream, key):
        for block in iter(lambda: stream.read(65536), b""):
            chunks[key].append(block)

    threads = []
    if process.stdout:
        threads.append(threading.Thread(target=drain, args=(process.stdout, "out")))
    threads.append(threading.Thread(target=drain, args=(process.stderr, "err")))
    for thread in threads:
        thread.start()
    if process.stdin:
        process.stdin.write(stdin)
        process.stdin.close()
    for thread in threads:
        thread.join()
    return b"".join(chunks["out"]), b"".join(chunks["err"])
