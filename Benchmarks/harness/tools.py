"""How each tool is invoked, and one measured run of each: multisso (login --all, credential-process,
exec), the botocore baselines (a child Python process), aws-sso-util credential-process, xargs."""

import json
import math
import os
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import proc

HARNESS = Path(__file__).resolve().parent
ROOT = HARNESS.parents[1]
BROWSER = ROOT / "scripts" / "demo-browser"


class BenchmarkError(RuntimeError):
    pass


@dataclass
class Sample:
    """One measured run: whole-process seconds unless `seconds` was reported by the tool itself."""
    seconds: float
    max_rss_kib: int
    succeeded: int
    failed: int
    extra: dict = field(default_factory=dict)
    user_seconds: float = 0.0
    system_seconds: float = 0.0


@dataclass
class Measurement:
    tool: str
    samples: list
    note: str = ""
    extrapolated: bool = False

    @property
    def seconds(self):
        return statistics.median(s.seconds for s in self.samples)

    @property
    def max_rss_kib(self):
        return max(s.max_rss_kib for s in self.samples)

    @property
    def failed(self):
        return max(s.failed for s in self.samples)


class Tools:
    def __init__(self, bin_dir, venv, static_bin_dir=None, baseline_dir=None):
        self.multisso = Path(bin_dir) / "multisso"
        self.baseline_dir = Path(baseline_dir) if baseline_dir else None
        self.multisso_static = Path(static_bin_dir) / "multisso" if static_bin_dir else None
        self.python = Path(venv) / "bin" / "python"
        self.aws_sso_util = Path(venv) / "bin" / "aws-sso-util"

    # multisso ---------------------------------------------------------------------------------------

    def login_all(self, sandbox, extra=()):
        """`multisso login --all --output json`; the browser is scripts/demo-browser (curl following the
        redirect), the emulator approves automatically."""
        env = sandbox.env(BROWSER=f"{BROWSER} %s")
        argv = [self.multisso, "login", "--all", "--output", "json", *extra]
        run = proc.run(argv, env)
        try:
            report = json.loads(run.stdout)
        except ValueError:
            raise BenchmarkError(run.describe(argv))
        failed = sum(1 for p in report["profiles"] if not p["succeeded"])
        succeeded = len(report["profiles"]) - failed
        if failed:
            first = next(p for p in report["profiles"] if not p["succeeded"])
            print(f"    ! {failed} profile(s) failed, e.g. {first['profile']}: {first.get('message')}")
        return Sample(run.seconds, run.max_rss_kib, succeeded, failed,
                      {"throttled": report.get("throttled", 0), "reportedSeconds": report.get("seconds")},
                      run.user_seconds, run.system_seconds)

    def status(self, sandbox, output="text"):
        """`multisso status` (reads the caches only) over every profile."""
        argv = [self.multisso, "status", "--all", "--output", output]
        run = proc.run(argv, sandbox.env())
        if not run.ok:
            raise BenchmarkError(run.describe(argv))
        return Sample(run.seconds, run.max_rss_kib, len(sandbox.profiles), 0, {}, run.user_seconds, run.system_seconds)

    def login_profile(self, sandbox, profile):
        env = sandbox.env(BROWSER=f"{BROWSER} %s")
        argv = [self.multisso, "login", "--profile", profile, "--output", "json"]
        run = proc.run(argv, env)
        if not run.ok:
            raise BenchmarkError(run.describe(argv))
        return Sample(run.seconds, run.max_rss_kib, 1, 0, {}, run.user_seconds, run.system_seconds)

    def credential_process(self, sandbox, profile, static=False):
        argv = [self.multisso_static if static else self.multisso, "credential-process", "--profile", profile]
        return self._credential_document(argv, sandbox.env())

    def exec_all(self, sandbox, parallel):
        argv = [self.multisso, "exec", "--all", "--parallel", str(parallel), "--", "true"]
        run = proc.run(argv, sandbox.env(), sample_peaks=True)
        if not run.ok:
            raise BenchmarkError(run.describe(argv))
        return Sample(run.seconds, run.max_rss_kib, len(sandbox.profiles), 0,
                      {"peakFds": run.peak_fds, "peakThreads": run.peak_threads}, run.user_seconds, run.system_seconds)

    # baselines --------------------------------------------------------------------------------------

    def botocore(self, sandbox, threads):
        """One Python process resolving every profile (sequentially, or with a pool of `threads`). The
        figure is the resolving time the process reports (interpreter start and imports excluded, in
        botocore's favour); the whole-process time is kept in `extra`."""
        names = sandbox.home / "profiles.txt"
        names.write_text("\n".join(sandbox.profiles) + "\n")
        argv = [self.python, HARNESS / "botocore_baseline.py", "--threads", str(threads), "--profiles-from", names]
        run = proc.run(argv, sandbox.env())
        if not run.ok:
            raise BenchmarkError(run.describe(argv))
        result = json.loads(run.stdout.decode().strip().splitlines()[-1])
        if result["failed"]:
            print(f"    ! botocore: {result['failed']} failed, e.g. {result['errors'][:1]}")
        return Sample(result["seconds"], run.max_rss_kib, result["succeeded"], result["failed"],
                      {"wholeProcessSeconds": run.seconds})

    def reference(self, sandbox, endpoint, concurrency, write_to=None):
        """`harness/reference_client.py`: the same GetRoleCredentials at the same concurrency, writing
        nothing (or, with `write_to`, the same files naively). The figure is the time it reports
        (interpreter start and imports excluded); user and system time are the whole process's."""
        jobs = sandbox.home / "jobs.json"
        if not jobs.exists():
            jobs.write_text(json.dumps(sandbox.entries))
        argv = [self.python, HARNESS / "reference_client.py", "--endpoint", endpoint, "--jobs", jobs,
                "--token-cache", sandbox.token_cache, "--concurrency", str(concurrency)]
        if write_to:
            argv += ["--write", write_to]
        run = proc.run(argv, sandbox.env())
        if not run.ok:
            raise BenchmarkError(run.describe(argv))
        result = json.loads(run.stdout.decode().strip().splitlines()[-1])
        if result["failed"]:
            print(f"    ! reference client: {result['failed']} failed, e.g. {result['errors'][:1]}")
        return Sample(result["seconds"], run.max_rss_kib, result["succeeded"], result["failed"],
                      {"wholeProcessSeconds": run.seconds}, run.user_seconds, run.system_seconds)

    def read_caches(self, sandbox):
        """The read-only baseline: the config and every cache file opened and read (Benchmarks/baseline)."""
        argv = [self.baseline_dir / "read-caches", sandbox.config, sandbox.token_cache, sandbox.credential_cache]
        run = proc.run(argv, sandbox.env())
        if not run.ok:
            raise BenchmarkError(run.describe(argv))
        return Sample(run.seconds, run.max_rss_kib, 1, 0, {"read": run.stdout.decode().strip()},
                      run.user_seconds, run.system_seconds)

    def read_one(self, sandbox, cache_file):
        """The credential-process floor: the config and one cache file read by a static Swift program."""
        argv = [self.baseline_dir / "read-one", sandbox.config, cache_file]
        run = proc.run(argv, sandbox.env())
        if not run.ok:
            raise BenchmarkError(run.describe(argv))
        return Sample(run.seconds, run.max_rss_kib, 1, 0)

    def aws_sso_util_one(self, sandbox, profile):
        argv = [self.aws_sso_util, "credential-process", "--profile", profile]
        return self._credential_document(argv, sandbox.env())

    def aws_sso_util_each(self, sandbox, profiles=None):
        """`aws-sso-util credential-process --profile P`, one process per profile, one after another."""
        profiles = sandbox.profiles if profiles is None else profiles
        total, peak, failed = 0.0, 0, 0
        for profile in profiles:
            sample = self.aws_sso_util_one(sandbox, profile)
            total += sample.seconds
            peak = max(peak, sample.max_rss_kib)
            failed += sample.failed
        return Sample(total, peak, len(profiles) - failed, failed)

    def xargs_true(self, count, parallel):
        argv = ["xargs", "-P", str(parallel), "-n", "1", "true"]
        lines = "".join(f"profile-{i}\n" for i in range(count)).encode()
        run = proc.run(argv, dict(os.environ), stdin=lines)
        if not run.ok:
            raise BenchmarkError(run.describe(argv))
        return Sample(run.seconds, run.max_rss_kib, count, 0)

    def _credential_document(self, argv, env):
        run = proc.run(argv, env)
        try:
            document = json.loads(run.stdout)
            ok = run.ok and document.get("Version") == 1 and bool(document.get("AccessKeyId"))
        except ValueError:
            ok = False
        if not ok:
            print(f"    ! {run.describe(argv)}")
        return Sample(run.seconds, run.max_rss_kib, int(ok), int(not ok))


def floor_seconds(profiles, concurrency, latency_s, logins=0, login_s=0.0):
    """The logins (one after another) plus ceil(N / concurrency) rounds of the latency."""
    return logins * login_s + math.ceil(profiles / concurrency) * latency_s
