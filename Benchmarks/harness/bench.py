#!/usr/bin/env python3
"""The multisso benchmark: every tool against the same sso-emulator, in one run.

Run through Benchmarks/run (which builds the release binaries and the virtual environment). Writes
results.json, results.md and chart.png into --out, and prints the table.
"""

import argparse
import math
import os
import shutil
import sys
import time
from pathlib import Path

import report
import sections
from emulator import Emulator
from sandbox import Sandbox, work_folder
from tools import BenchmarkError, Measurement, Tools, floor_seconds

# multisso's most GetRoleCredentials in flight: the adaptive limiter's maximum (AdaptiveLimiter
# .Configuration.maximumLimit), equal to the connections NIOHTTPTransport keeps per host (every
# portal of the emulator is one host). The floor uses it.
MULTISSO_CONCURRENCY = int(os.environ.get("MULTISSO_BENCH_CONCURRENCY", "64"))


def parse():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin-dir", required=True, help="release build of multisso and sso-emulator")
    parser.add_argument("--static-bin-dir", help="multisso built with --static-swift-stdlib (credential-process)")
    parser.add_argument("--venv", required=True, help="virtual environment with botocore and aws-sso-util")
    parser.add_argument("--out", required=True, help="folder for results.json, results.md and chart.png")
    parser.add_argument("--quick", action="store_true", help="small N, few repeats: a smoke test")
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--repeats", type=int, help="repeats of the fast measurements (default 5, quick 2)")
    parser.add_argument("--sizes", help="comma-separated N (default 10,100,1000; quick 10,40)")
    parser.add_argument("--portals", default="1,5", help="comma-separated K")
    parser.add_argument("--per-process-max", type=int, default=100,
                        help="largest N at which aws-sso-util runs once per profile; above, extrapolated")
    parser.add_argument("--per-process-sample", type=int, default=50,
                        help="above --per-process-max, how many profiles aws-sso-util runs for the extrapolation")
    parser.add_argument("--throttled-profiles", type=int, help="N of the throttled scenario (default 400, quick 60)")
    parser.add_argument("--rate-limit", type=float, default=20.0)
    parser.add_argument("--burst", type=int, default=20)
    parser.add_argument("--exec-profiles", type=int, help="profiles of the exec scenario (default 200, quick 20)")
    parser.add_argument("--keep", action="store_true", help="keep the sandboxes")
    sections.add_arguments(parser)
    args = parser.parse_args()
    sections.finish(args)
    args.repeats = args.repeats or (2 if args.quick else 5)
    args.sizes = [int(n) for n in (args.sizes or ("10,40" if args.quick else "10,100,1000")).split(",")]
    args.portals = [int(k) for k in args.portals.split(",")]
    args.throttled_profiles = args.throttled_profiles or (60 if args.quick else 400)
    args.exec_profiles = args.exec_profiles or (20 if args.quick else 200)
    return args


def log(message):
    print(message, flush=True)


def repeat(times, prepare, measure):
    samples = []
    for _ in range(times):
        prepare()
        samples.append(measure())
    return samples


def main():
    args = parse()
    out = Path(args.out)
    work = work_folder(out)
    tools = Tools(args.bin_dir, args.venv, args.static_bin_dir)
    latency = args.latency_ms / 1000
    roles = 2
    main_sizes = args.sizes + [args.throttled_profiles, args.exec_profiles] if "main" in args.only else []
    accounts = math.ceil(max(main_sizes + [sections.profiles_needed(args), 1]) / roles)
    emulator = Emulator(Path(args.bin_dir) / "sso-emulator", max(args.portals), accounts, roles, args.latency_ms,
                        work / "emulator.log")
    log(f"sso-emulator at {emulator.base}: {max(args.portals)} portals x {accounts} accounts x {roles} roles, "
        f"{args.latency_ms:g} ms latency")
    results = {"latencyMs": args.latency_ms, "concurrency": MULTISSO_CONCURRENCY, "quick": args.quick,
               "repeats": args.repeats, "machine": report.machine(args.venv), "scenarios": [],
               "credentialProcess": [], "throttled": None, "exec": None, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    try:
        if "main" not in args.only:
            sections.run(args, tools, emulator, work, out, log)
            return 0
        # One login's time, cold: `multisso login --profile P` minus the one GetRoleCredentials it makes.
        one = Sandbox(work, emulator, 1, 1, "one-login")
        samples = repeat(args.repeats, one.clear_all, lambda: tools.login_profile(one, one.profiles[0]))
        login = Measurement("multisso login (1 profile, cold)", samples)
        login_s = max(0.0, login.seconds - latency)
        results["loginSeconds"] = login_s
        log(f"one cold login: {login_s * 1000:.0f} ms (process {login.seconds * 1000:.0f} ms minus one latency)")

        for portals in args.portals:
            for profiles in sorted(args.sizes):
                scenario = run_scenario(args, tools, emulator, work, profiles, portals, latency, login_s)
                results["scenarios"].append(scenario)
        results["throttled"] = run_throttled(args, tools, emulator, work)
        results["exec"] = run_exec(args, tools, emulator, work)
        results["emulatorStats"] = emulator.stats()
        sections.run(args, tools, emulator, work, out, log)
    finally:
        emulator.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    report.write(results, out)
    return 0


def run_scenario(args, tools, emulator, work, profiles, portals, latency, login_s):
    name = f"N={profiles} K={portals}"
    load_before = os.getloadavg()[0]
    log(f"\n== {name}, {args.latency_ms:g} ms (load average {load_before:.1f})")
    sandbox = Sandbox(work, emulator, profiles, portals, f"n{profiles}-k{portals}")
    reps = args.repeats
    rows = []

    cold = Measurement("multisso login --all (cold)", repeat(reps, sandbox.clear_all, lambda: tools.login_all(sandbox)))
    rows.append(cold)
    log(f"  multisso cold:        {cold.seconds:8.3f} s  peak RSS {cold.max_rss_kib / 1024:.1f} MiB")
    if not sandbox.has_tokens():
        raise BenchmarkError(f"{name}: no token cached after the cold login")
    def warm_run():
        emulator.reset_stats()
        sample = tools.login_all(sandbox)
        sample.extra["emulatorMaxInFlight"] = emulator.stats()["maxInFlight"]
        return sample

    warm = Measurement("multisso login --all (warm token)", repeat(reps, sandbox.clear_credentials, warm_run))
    rows.append(warm)
    log(f"  multisso warm token:  {warm.seconds:8.3f} s  peak RSS {warm.max_rss_kib / 1024:.1f} MiB, "
        f"at most {max(s.extra['emulatorMaxInFlight'] for s in warm.samples)} requests in flight at the emulator")

    slow_reps = 1 if profiles >= 100 else min(reps, 3)
    threaded = Measurement("botocore, 16 threads",
                           repeat(min(reps, 3), sandbox.clear_credentials, lambda: tools.botocore(sandbox, 16)))
    rows.append(threaded)
    log(f"  botocore 16 threads:  {threaded.seconds:8.3f} s")
    sequential = Measurement("botocore, sequential",
                             repeat(slow_reps, sandbox.clear_credentials, lambda: tools.botocore(sandbox, 1)))
    rows.append(sequential)
    log(f"  botocore sequential:  {sequential.seconds:8.3f} s")

    sandbox.seed_start_url_tokens()
    sandbox.clear_credentials()
    title = "aws-sso-util credential-process, 1 process per profile"
    if profiles <= args.per_process_max:
        each = Measurement(title, [tools.aws_sso_util_each(sandbox)])
    else:
        # A sample of profiles spread over every portal, run against this very config; N x its mean.
        step = profiles / args.per_process_sample
        chosen = [sandbox.profiles[int(i * step)] for i in range(args.per_process_sample)]
        sample = tools.aws_sso_util_each(sandbox, chosen)
        sample.extra["measuredSeconds"], sample.extra["measuredProfiles"] = sample.seconds, len(chosen)
        sample.seconds = sample.seconds / len(chosen) * profiles
        sample.succeeded = sample.succeeded * profiles // len(chosen)
        each = Measurement(title, [sample], extrapolated=True,
                           note=f"extrapolated: {len(chosen)} of the {profiles} profiles run, N x their mean")
    rows.append(each)
    log(f"  aws-sso-util each:    {each.seconds:8.3f} s{'  (extrapolated)' if each.extrapolated else ''}")

    # credential-process from a warm cache: both tools' credentials are cached now for this profile.
    profile = sandbox.profiles[len(sandbox.profiles) // 2]
    tools.login_all(sandbox)
    tools.aws_sso_util_one(sandbox, profile)
    cp_reps = 5 if args.quick else 21
    ours, static, theirs = [], [], []
    for _ in range(cp_reps):
        ours.append(tools.credential_process(sandbox, profile))
        if tools.multisso_static:
            static.append(tools.credential_process(sandbox, profile, static=True))
        theirs.append(tools.aws_sso_util_one(sandbox, profile))
    cp = {"scenario": name, "profile": profile, "repeats": cp_reps,
          "multisso": Measurement("multisso credential-process", ours),
          "multissoStatic": Measurement("multisso credential-process (static stdlib)", static) if static else None,
          "awsSsoUtil": Measurement("aws-sso-util credential-process", theirs)}
    log(f"  credential-process:   multisso {cp['multisso'].seconds * 1000:.1f} ms"
        + (f" (static stdlib {cp['multissoStatic'].seconds * 1000:.1f} ms)" if static else "")
        + f", aws-sso-util {cp['awsSsoUtil'].seconds * 1000:.1f} ms (medians of {cp_reps})")

    load_after = os.getloadavg()[0]
    floor_cold = floor_seconds(profiles, MULTISSO_CONCURRENCY, latency, portals, login_s)
    floor_warm = floor_seconds(profiles, MULTISSO_CONCURRENCY, latency)
    return {"name": name, "profiles": profiles, "portals": portals, "floorCold": floor_cold, "floorWarm": floor_warm,
            "rows": rows, "credentialProcess": cp, "loadAverage": [load_before, load_after]}


def run_throttled(args, tools, emulator, work):
    profiles = args.throttled_profiles
    log(f"\n== throttled: N={profiles} K=1, GetRoleCredentials limited to {args.rate_limit:g}/s, burst {args.burst}")
    sandbox = Sandbox(work, emulator, profiles, 1, f"throttled-n{profiles}")
    tools.login_all(sandbox)  # the token, before the limit is on
    samples = []
    reps = 1 if args.quick else 3
    try:
        for _ in range(reps):
            sandbox.clear_credentials()
            emulator.configure(rateLimit=args.rate_limit, burst=args.burst, rateLimitedOperations=["GetRoleCredentials"])
            time.sleep(args.burst / args.rate_limit + 0.5)  # a full bucket
            emulator.reset_stats()
            sample = tools.login_all(sandbox)
            stats = emulator.stats()
            sample.extra["granted"] = sum(stats["roleCredentialRequests"].values())
            sample.extra["throttled429"] = stats["throttled"]
            sample.extra["requests"] = stats["calls"].get("GetRoleCredentials", 0)
            emulator.configure(rateLimit=0)
            samples.append(sample)
            log(f"  multisso: {sample.seconds:.2f} s, {sample.failed} failed, {sample.extra['granted']} granted, "
                f"{sample.extra['throttled429']} answered 429")
    finally:
        emulator.configure(rateLimit=0)
    measurement = Measurement("multisso login --all (warm token, throttled)", samples)
    return {"name": f"throttled N={profiles} K=1", "profiles": profiles, "rateLimit": args.rate_limit,
            "burst": args.burst, "measurement": measurement,
            "floor": max(0, profiles - args.burst) / args.rate_limit}


def run_exec(args, tools, emulator, work):
    profiles = args.exec_profiles
    parallel = max(4, min(32, 2 * (os.cpu_count() or 2)))
    log(f"\n== exec: `true` over {profiles} profiles, {parallel} at a time, warm credentials")
    sandbox = Sandbox(work, emulator, profiles, 1, f"exec-n{profiles}")
    tools.login_all(sandbox)
    reps = args.repeats
    ours = Measurement(f"multisso exec --all --parallel {parallel} -- true",
                       repeat(reps, lambda: None, lambda: tools.exec_all(sandbox, parallel)))
    theirs = Measurement(f"xargs -P {parallel} -n 1 true", repeat(reps, lambda: None, lambda: tools.xargs_true(profiles, parallel)))
    log(f"  multisso exec: {ours.seconds:.3f} s, xargs: {theirs.seconds:.3f} s")
    return {"name": f"exec N={profiles}", "profiles": profiles, "parallel": parallel, "multisso": ours, "xargs": theirs}


def run_main(main):
    """Runs a harness's `main`: SIGTERM unwinds like Ctrl-C (the emulator is stopped and the sandboxes
    removed), a BenchmarkError is one line on stderr and exit status 1."""
    import signal
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        sys.exit(main())
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    run_main(main)
