#!/usr/bin/env python3
"""How long does sso-emulator take to answer N requests sent at the same moment?

Starts the built `sso-emulator` with the given latency, logs in (device code, auto-approve), opens N
keep-alive connections, then sends one GetRoleCredentials on every connection at once and times the
wave until the last response. Repeats the wave a few times and prints the median. Standard library only.

    python3 Benchmarks/emulator/concurrency.py --requests 1000 --latency-ms 50
"""

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def binary():
    bin_dir = os.environ.get("MULTISSO_BIN_DIR") or subprocess.run(
        ["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    return Path(bin_dir) / "sso-emulator"


def post(base, path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def login(base, start_url):
    client = post(base, "/client/register", {"clientName": "bench", "clientType": "public"})
    creds = {"clientId": client["clientId"], "clientSecret": client["clientSecret"]}
    device = post(base, "/device_authorization", {**creds, "startUrl": start_url})
    token = post(base, "/token", {**creds, "grantType": "urn:ietf:params:oauth:grant-type:device_code",
                                  "deviceCode": device["deviceCode"]})
    return token["accessToken"]


async def read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    await reader.readexactly(length)
    return status


async def wave(connections, request):
    async def one(reader, writer):
        writer.write(request)
        return await read_response(reader)

    started = time.perf_counter()
    statuses = await asyncio.gather(*(one(r, w) for r, w in connections))
    return time.perf_counter() - started, statuses


async def run(port, token, account, role, requests, waves):
    connections = await asyncio.gather(*(asyncio.open_connection("127.0.0.1", port) for _ in range(requests)))
    request = (f"GET /federation/credentials?role_name={role}&account_id={account} HTTP/1.1\r\n"
               f"Host: 127.0.0.1:{port}\r\nx-amz-sso_bearer_token: {token}\r\n\r\n").encode()
    timings = []
    for _ in range(waves):
        elapsed, statuses = await wave(connections, request)
        assert all(status == 200 for status in statuses), set(statuses)
        timings.append(elapsed)
    for _, writer in connections:
        writer.close()
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--waves", type=int, default=5)
    args = parser.parse_args()
    process = subprocess.Popen([str(binary()), "--auto-approve", "--latency-ms", str(args.latency_ms)],
                               stdout=subprocess.PIPE, text=True)
    try:
        base = process.stdout.readline().split()[-1]
        start_url = process.stdout.readline().split("start_url=")[1].split()[0]
        with urllib.request.urlopen(base + "/_admin/directory") as response:
            account = json.loads(response.read())["portals"][0]["accounts"][0]
        token = login(base, start_url)
        timings = asyncio.run(run(int(base.rsplit(":", 1)[1]), token, account["accountId"], account["roles"][0],
                                  args.requests, args.waves))
        with urllib.request.urlopen(base + "/_admin/stats") as response:
            stats = json.loads(response.read())
        median = statistics.median(timings)
        print(f"{args.requests} concurrent GetRoleCredentials, latency {args.latency_ms:g} ms, {os.cpu_count()} cores: "
              f"median {median * 1000:.0f} ms over {args.waves} waves "
              f"(min {min(timings) * 1000:.0f}, max {max(timings) * 1000:.0f}); "
              f"overhead {(median * 1000 - args.latency_ms):.0f} ms; emulator maxInFlight {stats['maxInFlight']}")
    finally:
        process.terminate()
        process.wait()


if __name__ == "__main__":
    sys.exit(main())
