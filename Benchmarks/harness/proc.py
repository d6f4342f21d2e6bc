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
    user_seconds: float = 0.0
    system_seconds: float = 0.0
    peak_fds: int = 0
    peak_threads: int = 0

    @property
    def ok(self):
        return self.status == 0

    def describe(self, argv):
        tail = self.stderr.decode(errors="replace").strip().splitlines()[-5:]
        return f"{' '.join(map(str, argv))} exited {self.status}: " + " | ".join(tail)


def run(argv, env, stdin=None, capture_stdout=True, cwd=None, sample_peaks=False):
    """Starts `argv`, reads its output to the end and reaps it with wait4. With `sample_peaks`, a thread
    polls /proc/PID every few milliseconds for the most open file descriptors and threads (of the
    process itself, not of its children)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(a) for a in argv], env=env, cwd=cwd,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture_stdout else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    peaks = _PeakSampler(process.pid) if sample_peaks else None
    # communicate() reads both pipes to the end; the process is then reaped by wait4, not by Popen.
    stdout, stderr = _communicate(process, stdin)
    if peaks:
        peaks.stop()
    _, wait_status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(wait_status)
    return Run(seconds, process.returncode, usage.ru_maxrss, stdout or b"", stderr or b"",
               usage.ru_utime, usage.ru_stime, peaks.fds if peaks else 0, peaks.threads if peaks else 0)


class _PeakSampler:
    """Polls /proc/PID/fd and /proc/PID/status (Threads:) until stopped; the zombie's entries vanish,
    so it is stopped before the process is reaped."""

    def __init__(self, pid):
        import threading
        self.pid, self.fds, self.threads = pid, 0, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self):
        while not self._done.is_set():
            try:
                self.fds = max(self.fds, len(os.listdir(f"/proc/{self.pid}/fd")))
                with open(f"/proc/{self.pid}/status") as status:
                    for line in status:
                        if line.startswith("Threads:"):
                            self.threads = max(self.threads, int(line.split()[1]))
                            break
            except (OSError, ValueError):
                pass
            self._done.wait(0.005)

    def stop(self):
        self._done.set()
        self._thread.join()


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
