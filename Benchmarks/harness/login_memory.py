#!/usr/bin/env python3
"""Peak RSS of `multisso login --all` (token cached, empty credential cache) at N profiles, for one or
more multisso binaries side by side: the binaries alternate, each run on the same sandbox (the scale
benchmark's: 5 portals up to 1,000 profiles, 20 above, 50 ms per request), medians printed at the end.
The peak is the child's `ru_maxrss` from `wait4`, as `Benchmarks/run --scale` reports it.

    python3 Benchmarks/harness/login_memory.py --sizes 1000,10000 --repeats 3 \\
        --emulator .build/release/sso-emulator OLD/multisso .build/release/multisso
"""

import argparse
import json
import math
import os
import shutil
import statistics
import tempfile
from pathlib import Path

import proc
from emulator import Emulator
from sandbox import Sandbox
from scale import portals_for
from tools import BROWSER


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--emulator", required=True)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sizes = sorted(int(n) for n in args.sizes.split(","))
    work = Path(tempfile.mkdtemp(prefix="login-memory-"))
    accounts = max(math.ceil(n / portals_for(n) / 2) for n in sizes)
    emulator = Emulator(args.emulator, max(portals_for(n) for n in sizes), accounts, 2, 50, work / "emulator.log")
    try:
        for size in sizes:
            sandbox = Sandbox(work, emulator, size, portals_for(size), f"n{size}")
            env = sandbox.env(BROWSER=f"{BROWSER} %s")
            login = proc.run([args.binaries[0], "login", "--all", "--output", "json"], env)  # the tokens
            if not login.ok:
                raise SystemExit(login.describe(["login", "--all"]))
            peaks = {binary: [] for binary in args.binaries}
            for _ in range(args.repeats):
                for binary in args.binaries:
                    sandbox.clear_credentials()
                    run = proc.run([binary, "login", "--all", "--output", "json"], env)
                    failed = not run.ok or not all(p["succeeded"] for p in json.loads(run.stdout)["profiles"])
                    peaks[binary].append(run.max_rss_kib / 1024)
                    print(f"N={size} {binary}: {run.max_rss_kib / 1024:.1f} MiB, {run.seconds:.2f} s, user "
                          f"{run.user_seconds:.2f} s, kernel {run.system_seconds:.2f} s{' FAILED' if failed else ''} "
                          f"(load average {os.getloadavg()[0]:.1f})", flush=True)
            for binary in args.binaries:
                print(f"median N={size} {binary}: {statistics.median(peaks[binary]):.1f} MiB", flush=True)
    finally:
        emulator.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
