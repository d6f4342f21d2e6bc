#!/usr/bin/env python3
"""credential-process against its floor at 10, 1,000 and 10,000 profiles, without an emulator.

Writes a config shaped like the scale sandbox's (sandbox.py: [services] with endpoint overrides, 20
[sso-session]s, profiles carrying sso_session plus the session's start URL and region) and one fresh
cache file for the profile in the middle, then times `multisso credential-process --profile P` (the
static build) and `read-one CONFIG CACHE-FILE` alternately, medians of --repeats runs each.

    python3 Benchmarks/harness/credential_process_scale.py --multisso .build-static/release/multisso \
        --read-one .build-bench/read-one [--sizes 10,1000,10000] [--repeats 21]
"""
import argparse
import hashlib
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def write_sandbox(root, profiles, portals=20):
    aws = root / ".aws"
    (aws / "cli" / "cache").mkdir(parents=True, mode=0o700)
    lines = ["[services emulator]", "sso =", "  endpoint_url = http://127.0.0.1:9", "sso_oidc =",
             "  endpoint_url = http://127.0.0.1:9", ""]
    names = []
    for portal in range(portals):
        session, url = f"portal{portal:02d}", f"https://d-90000000{portal:02d}.awsapps.com/start"
        lines += [f"[sso-session {session}]", f"sso_start_url = {url}", "sso_region = us-east-1",
                  "sso_registration_scopes = sso:account:access", ""]
        for index in range(portal, profiles, portals):
            account, role = f"{100000000000 + index}", f"Role{index % 3}"
            names.append((index, f"{session}-account{index:05d}-{role}", account, role, session))
            lines += [f"[profile {names[-1][1]}]", f"sso_session = {session}", f"sso_start_url = {url}",
                      "sso_region = us-east-1", f"sso_account_id = {account}", f"sso_role_name = {role}",
                      "region = eu-west-1", "services = emulator", ""]
    (aws / "config").write_text("\n".join(lines))
    names.sort()
    _, profile, account, role, session = names[len(names) // 2]
    key = json.dumps({"accountId": account, "roleName": role, "sessionName": session}, sort_keys=True, separators=(",", ":"))
    cache = aws / "cli" / "cache" / (hashlib.sha1(key.encode()).hexdigest() + ".json")
    cache.write_text(json.dumps({"ProviderType": "sso", "Credentials": {
        "AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "secret", "SessionToken": "token",
        "Expiration": "2099-01-01T00:00:00Z", "AccountId": account}}))
    os.chmod(cache, 0o600)
    return aws / "config", cache, profile


def timed(argv, env):
    start = time.perf_counter()
    run = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if run.returncode != 0 or b"AccessKeyId" not in run.stdout:
        raise SystemExit(f"{argv} failed ({run.returncode}): {run.stderr.decode(errors='replace')}")
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--multisso", required=True)
    parser.add_argument("--read-one", required=True)
    parser.add_argument("--sizes", default="10,1000,10000")
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()
    print("| profiles | config | multisso credential-process (static) | read-one (floor) | ratio |")
    print("|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            config, cache, profile = write_sandbox(root, size)
            env = {"PATH": os.environ.get("PATH", "/usr/bin"), "HOME": str(root), "NO_COLOR": "1"}
            ours, floor = [], []
            for _ in range(args.repeats):
                ours.append(timed([args.multisso, "credential-process", "--profile", profile], env))
                floor.append(timed([args.read_one, str(config), str(cache)], env))
            a, b = statistics.median(ours), statistics.median(floor)
            print(f"| {size:,} | {config.stat().st_size / 1024:,.0f} KiB | {a * 1000:.1f} ms | {b * 1000:.1f} ms | {a / b:.2f}× |")


if __name__ == "__main__":
    main()
