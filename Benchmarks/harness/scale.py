#!/usr/bin/env python3
"""The 10,000-profile benchmark (`Benchmarks/run --scale`): multisso against reference clients and
baselines at 100 to 10,000 profiles, in one run against one sso-emulator with 20 portals.

Per size N (K portals: 1 up to 100 profiles, 5 up to 1,000, 20 above):
- `login --all`, token cached, with an empty credential cache and with every credential file present
  and due for replacement (the emulator issues credentials for 10 minutes, inside the 15-minute refresh
  window, so each run replaces every file: the hourly refresh), against `reference_client.py` making
  the same GetRoleCredentials at the same concurrency writing nothing, and writing the same files
  naively; user and kernel time of each;
- with every file fresh: `login --all` (nothing to do), `status`, `status --output json` against
  `read-caches` (Benchmarks/baseline: reads the config and every cache file);
- `credential-process` against `read-one` (the config and one file);
- `exec --all -- true` against `xargs -P` (N >= 1,000), with the peaks of fds and threads;
and once, cold start: 20 portals whose approvals take 2 s each, against the floor (the logins one after
another plus the last portal's fan-out). Every multisso row runs the installed build (`--static-bin-dir`,
`--static-swift-stdlib`, as `scripts/install` builds it) when one is given, else `--bin-dir`'s. Writes
scale.json, scale.md and scale.png into --out.
"""

import argparse
import math
import os
import shutil
import sys
import time
from pathlib import Path

import report
from bench import repeat, run_main
import scale_report
from emulator import Emulator
from sandbox import Sandbox, work_folder
from tools import BenchmarkError, Measurement, Tools, floor_seconds

CONCURRENCY = int(os.environ.get("MULTISSO_BENCH_CONCURRENCY", "64"))
DUE_TTL_SECONDS = 600  # inside the 15-minute refresh window, outside the 5-minute expiry margin
FRESH_TTL_SECONDS = 3600


def parse():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--static-bin-dir")
    parser.add_argument("--baseline-dir", required=True, help="read-caches and read-one (Benchmarks/baseline)")
    parser.add_argument("--venv", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--approve-after", type=float, default=2.0, help="seconds per approval (cold start)")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold start with 20 portals")
    parser.add_argument("--no-exec", action="store_true")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    args.sizes = sorted(int(n) for n in args.sizes.split(","))
    return args


def portals_for(profiles):
    return 1 if profiles <= 100 else 5 if profiles <= 1000 else 20


def log(message):
    print(message, flush=True)


def measure(title, times, prepare, run):
    samples = repeat(times, prepare, run)
    m = Measurement(title, samples)
    user = sorted(s.user_seconds for s in samples)[len(samples) // 2]
    system = sorted(s.system_seconds for s in samples)[len(samples) // 2]
    log(f"  {title:58s} {m.seconds:8.3f} s  user {user:6.2f} s  sys {system:6.2f} s  "
        f"RSS {m.max_rss_kib / 1024:6.1f} MiB{f'  ({m.failed} failed)' if m.failed else ''}")
    return m


def main():
    args = parse()
    out = Path(args.out)
    work = work_folder(out)
    tools = Tools(args.bin_dir, args.venv, args.static_bin_dir, args.baseline_dir)
    if tools.multisso_static is not None:
        # Every multisso row runs the build `scripts/install` installs (`--static-swift-stdlib`), as the
        # baselines are static Swift programs too.
        tools.multisso = tools.multisso_static
    latency = args.latency_ms / 1000
    roles = 2
    accounts = max(math.ceil(n / portals_for(n) / roles) for n in args.sizes)
    portals = max(portals_for(n) for n in args.sizes + ([] if args.no_cold else [10001]))
    emulator = Emulator(Path(args.bin_dir) / "sso-emulator", portals, accounts, roles, args.latency_ms,
                        work / "emulator.log")
    log(f"sso-emulator at {emulator.base}: {portals} portals x {accounts} accounts x {roles} roles, "
        f"{args.latency_ms:g} ms latency")
    results = {"latencyMs": args.latency_ms, "concurrency": CONCURRENCY, "repeats": args.repeats,
               "multissoBuild": "static" if tools.multisso_static is not None else "dynamic",
               "machine": report.machine(args.venv), "sizes": [], "cold": None,
               "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    try:
        one = Sandbox(work, emulator, 1, 1, "one-login")
        login = measure("multisso login --profile P (cold, 1 profile)", args.repeats, one.clear_all,
                        lambda: tools.login_profile(one, one.profiles[0]))
        results["loginSeconds"] = max(0.0, login.seconds - latency)
        for profiles in args.sizes:
            results["sizes"].append(run_size(args, tools, emulator, work, profiles, latency))
        if not args.no_cold:
            results["cold"] = run_cold(args, tools, emulator, work, max(args.sizes), latency, results["loginSeconds"])
    finally:
        emulator.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    scale_report.write(results, out)
    return 0


def run_size(args, tools, emulator, work, profiles, latency):
    portals = portals_for(profiles)
    reps = args.repeats
    log(f"\n== N={profiles} K={portals}, {args.latency_ms:g} ms (load average {os.getloadavg()[0]:.1f})")
    sandbox = Sandbox(work, emulator, profiles, portals, f"scale-n{profiles}")
    emulator.configure(credentialTtlSeconds=FRESH_TTL_SECONDS)
    tools.login_all(sandbox)  # the tokens
    if not sandbox.has_tokens():
        raise BenchmarkError(f"N={profiles}: no token cached after the cold login")
    naive = sandbox.home / "naive-cache"
    trash = [0]

    def clear_naive():
        if naive.exists():
            trash[0] += 1
            naive.rename(sandbox.trash / f"naive-{trash[0]}")

    def nothing():
        pass

    def counted(run):
        def wrapped():
            emulator.reset_stats()
            sample = run()
            stats = emulator.stats()
            sample.extra["getRoleCredentials"] = stats["calls"].get("GetRoleCredentials", 0)
            sample.extra["maxInFlight"] = stats["maxInFlight"]
            return sample
        return wrapped

    rows = {}
    rows["empty"] = measure("multisso login --all (empty credential cache)", reps, sandbox.clear_credentials,
                            counted(lambda: tools.login_all(sandbox)))
    rows["reference"] = measure("reference client, no writes", reps, nothing,
                                lambda: tools.reference(sandbox, emulator.base, CONCURRENCY))
    rows["naiveEmpty"] = measure("reference client writing naively (empty folder)", reps, clear_naive,
                                 lambda: tools.reference(sandbox, emulator.base, CONCURRENCY, naive))

    emulator.configure(credentialTtlSeconds=DUE_TTL_SECONDS)
    sandbox.clear_credentials()
    tools.login_all(sandbox)  # every file present, and due: each run below replaces every one (with a due one)
    rows["due"] = measure("multisso login --all (every file due for replacement)", reps, hour_old,
                          counted(lambda: tools.login_all(sandbox)))
    rows["naiveDue"] = measure("reference client writing naively (every file present)", reps, hour_old,
                               lambda: tools.reference(sandbox, emulator.base, CONCURRENCY, naive))
    emulator.configure(credentialTtlSeconds=FRESH_TTL_SECONDS)

    tools.login_all(sandbox)  # every file fresh
    rows["fresh"] = measure("multisso login --all (all fresh: nothing to do)", reps, nothing,
                            counted(lambda: tools.login_all(sandbox)))
    rows["status"] = measure("multisso status --all", reps, nothing, lambda: tools.status(sandbox))
    rows["statusJson"] = measure("multisso status --all --output json", reps, nothing,
                                 lambda: tools.status(sandbox, "json"))
    rows["readCaches"] = measure("read-caches (config + every cache file)", reps, nothing,
                                 lambda: tools.read_caches(sandbox))

    profile = sandbox.profiles[len(sandbox.profiles) // 2]
    cp_reps = max(11, reps)
    static = tools.multisso_static is not None
    rows["credentialProcess"] = measure(f"multisso credential-process{' (static stdlib)' if static else ''}",
                                        cp_reps, nothing, lambda: tools.credential_process(sandbox, profile, static))
    cache_file = newest(sandbox.credential_cache)
    rows["readOne"] = measure("read-one (config + one cache file, static Swift)", cp_reps, nothing,
                              lambda: tools.read_one(sandbox, cache_file))

    parallel = max(4, min(32, 2 * (os.cpu_count() or 2)))
    if profiles >= 1000 and not args.no_exec:
        rows["exec"] = measure(f"multisso exec --all --parallel {parallel} -- true", reps, nothing,
                               lambda: tools.exec_all(sandbox, parallel))
        rows["xargs"] = measure(f"xargs -P {parallel} -n 1 true", reps, nothing,
                                lambda: tools.xargs_true(profiles, parallel))
        peaks = rows["exec"].samples
        log(f"  exec peaks: {max(s.extra['peakFds'] for s in peaks)} fds, {max(s.extra['peakThreads'] for s in peaks)} threads")
    return {"profiles": profiles, "portals": portals, "parallel": parallel, "rows": rows,
            "floor": floor_seconds(profiles, CONCURRENCY, latency), "loadAverage": os.getloadavg()[0]}


def hour_old():
    """Waits until the inodes freed by the previous run are no longer "recently deleted" for ext4's
    allocator (without a journal: freed less than 5 s ago, or 35 s while their inode table block is
    still dirty): a user's hourly refresh starts from files freed an hour earlier, not seconds earlier,
    and back-to-back runs would otherwise measure each other's frees. `sync` writes the blocks back."""
    os.sync()
    time.sleep(6)


def newest(folder):
    files = sorted(Path(folder).glob("*.json"), key=lambda p: p.stat().st_mtime)
    if not files:
        raise BenchmarkError(f"no cache file in {folder}")
    return files[-1]


def run_cold(args, tools, emulator, work, profiles, latency, login_s):
    portals = 20
    log(f"\n== cold start: N={profiles} over {portals} portals, approvals after {args.approve_after:g} s each")
    sandbox = Sandbox(work, emulator, profiles, portals, f"cold-n{profiles}")
    emulator.configure(approveAfterMs=args.approve_after * 1000)
    try:
        cold = measure(f"multisso login --all (cold, approvals after {args.approve_after:g} s)", 1, sandbox.clear_all, lambda: tools.login_all(sandbox))
    finally:
        emulator.configure(approveAfterMs=0)
    last_fan_out = math.ceil(math.ceil(profiles / portals) / CONCURRENCY) * latency
    floor = portals * args.approve_after + last_fan_out
    with_logins = portals * (args.approve_after + login_s) + last_fan_out
    log(f"  floor (the approvals one after another + the last portal's fan-out): {floor:.2f} s; "
        f"with one measured login's own time for each portal: {with_logins:.2f} s")
    return {"profiles": profiles, "portals": portals, "approveAfter": args.approve_after, "measurement": cold,
            "floor": floor, "floorWithLogins": with_logins}


if __name__ == "__main__":
    run_main(main)
