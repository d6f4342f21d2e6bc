"""The long-running side of multisso: `multisso serve` under load, `exec --server` against static `exec`,
and the agent's cost when idle.

- Server: `wrk` (Debian's HTTP load generator; a Lua script reads the token file and sets the
  Authorization header) for --server-seconds against one profile's cached credentials, with 1, 64 and
  512 open connections, side by side with `baselines/static_server.c` (compiled here with cc: epoll, one
  loop per core as the credential server has, a fixed answer as long as the credential server's). Each
  run also reports the server's CPU time per request served (user + system of /proc/PID/stat over the
  run): on a shared machine, the figure that moves least with the load.
- exec: `multisso exec --all [--server] --parallel P -- true` over --exec-profiles profiles, warm.
- Agent: `multisso agent --all` over --agent-profiles warm profiles; once its start-up work is done, the
  CPU seconds (utime + stime of /proc/PID/stat), resident memory and wake-ups (voluntary context
  switches summed over /proc/PID/task/*/status: each is a thread that ran and went back to sleep) over
  --agent-idle-seconds, and the requests it made to the emulator meanwhile.
"""

import os
import re
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

import proc
from sandbox import Sandbox
from tools import BenchmarkError, Measurement, Sample

HARNESS = Path(__file__).resolve().parent
BASELINES = HARNESS.parent / "baselines"
TICKS = os.sysconf("SC_CLK_TCK")
WRK_SCRIPT = """local file = assert(io.open(os.getenv("WRK_TOKEN_FILE"), "r"))
wrk.headers["Authorization"] = file:read("*l")
file:close()
"""


def add_arguments(parser):
    parser.add_argument("--server-clients", help="connections of the credential-server runs (default 1,64,512)")
    parser.add_argument("--server-seconds", type=float, help="seconds of each wrk run (default 10, quick 3)")
    parser.add_argument("--agent-profiles", type=int, help="profiles the idle agent keeps fresh (default 1000, quick 40)")
    parser.add_argument("--agent-idle-seconds", type=float,
                        help="how long the idle agent is measured (default 600, quick 20)")


def finish(args):
    args.server_clients = [int(c) for c in (args.server_clients or "1,64,512").split(",")]
    args.server_seconds = args.server_seconds or (3 if args.quick else 10)
    args.agent_profiles = args.agent_profiles or (40 if args.quick else 1000)
    args.agent_idle_seconds = args.agent_idle_seconds or (20 if args.quick else 600)


def profiles_needed(args):
    return max(args.agent_profiles, args.exec_profiles or (20 if args.quick else 200))


def run(args, tools, emulator, work, log):
    result = {"name": "credential server, exec --server, agent idle"}
    result["server"] = run_server(args, tools, emulator, work, log)
    result["exec"] = run_exec(args, tools, emulator, work, log)
    result["agent"] = run_agent(args, tools, emulator, work, log)
    return result


# the credential server -------------------------------------------------------------------------------

class Listener:
    """A server process whose first stdout line is `listening on http://127.0.0.1:PORT`."""

    def __init__(self, argv, env, log_path):
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen([str(a) for a in argv], env=env, stdout=subprocess.PIPE, stderr=self.log,
                                        text=True)
        first = self.process.stdout.readline()
        if not first.startswith("listening on "):
            self.stop()
            raise BenchmarkError(f"{argv[0]} did not start (see {log_path}): {first!r}")
        self.base = first.split()[-1].strip()

    def stop(self):
        proc.stop(self.process)
        self.log.close()


def wrk(url, clients, seconds, token_file, script, pid=None):
    """One wrk run; with `pid`, also the server's CPU time (user + system, /proc/PID/stat) per request
    served, which a shared machine disturbs far less than requests/s and latency."""
    threads = min(clients, 2)
    argv = ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{seconds:g}s", "--latency", "-s", str(script), url]
    env = dict(os.environ, WRK_TOKEN_FILE=str(token_file))
    cpu_before = _cpu_seconds(pid) if pid else 0.0
    run = proc.run(argv, env)
    cpu = _cpu_seconds(pid) - cpu_before if pid else 0.0
    text = run.stdout.decode(errors="replace")
    if not run.ok:
        raise BenchmarkError(run.describe(argv))
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    served = re.search(r"(\d+) requests in", text)
    percentiles = {p: _duration(v) for p, v in re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.M)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket_errors = re.search(r"Socket errors: (.*)", text)
    if not rate or "50" not in percentiles or "99" not in percentiles:
        raise BenchmarkError(f"wrk printed no figures: {text}")
    return {"clients": clients, "requestsPerSecond": float(rate.group(1)), "p50Ms": percentiles["50"],
            "p99Ms": percentiles["99"], "non2xx": int(errors.group(1)) if errors else 0,
            "socketErrors": socket_errors.group(1) if socket_errors else "",
            "cpuMicrosecondsPerRequest": cpu * 1e6 / int(served.group(1)) if served and int(served.group(1)) else 0.0}


def _duration(text):
    """wrk's `1.23ms`, `456.00us`, `1.20s` in milliseconds."""
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_server(args, tools, emulator, work, log):
    log(f"\n== credential server: wrk, {args.server_seconds:g} s per run, {args.server_clients} connections")
    sandbox = Sandbox(work, emulator, 1, 1, "serve")
    tools.login_all(sandbox)
    profile = sandbox.profiles[0]
    token_file = sandbox.home / "serve-token"
    script = sandbox.home / "authorization.lua"
    script.write_text(WRK_SCRIPT)
    server = Listener([tools.multisso, "serve", "--profile", profile, "--port", "0", "--token-file", token_file],
                      sandbox.env(), sandbox.home / "serve.log")
    url = f"{server.base}/profiles/{profile}"
    try:
        request = urllib.request.Request(url, headers={"Authorization": token_file.read_text().strip()})
        with urllib.request.urlopen(request, timeout=30) as response:
            body_bytes = len(response.read())
        emulator.reset_stats()
        ours = []
        for clients in args.server_clients:
            ours.append(wrk(url, clients, args.server_seconds, token_file, script, server.process.pid))
            log(f"  multisso serve, {clients:3d} connections: {ours[-1]['requestsPerSecond']:9.0f} requests/s, "
                f"p50 {ours[-1]['p50Ms']:.2f} ms, p99 {ours[-1]['p99Ms']:.2f} ms, {ours[-1]['non2xx']} non-2xx, "
                f"{ours[-1]['cpuMicrosecondsPerRequest']:.1f} CPU us/request")
        fetched = emulator.stats()["calls"].get("GetRoleCredentials", 0)
    finally:
        server.stop()
    binary = work / "static_server"
    compile_run = proc.run(["cc", "-O2", "-pthread", "-o", binary, BASELINES / "static_server.c"], dict(os.environ))
    if not compile_run.ok:
        raise BenchmarkError(compile_run.describe(["cc", "static_server.c"]))
    baseline = Listener([binary, "--body-bytes", str(body_bytes)], dict(os.environ), work / "static_server.log")
    try:
        theirs = []
        for clients in args.server_clients:
            theirs.append(wrk(f"{baseline.base}/profiles/{profile}", clients, args.server_seconds, token_file, script,
                              baseline.process.pid))
            log(f"  static C server, {clients:3d} connections: {theirs[-1]['requestsPerSecond']:9.0f} requests/s, "
                f"p50 {theirs[-1]['p50Ms']:.2f} ms, p99 {theirs[-1]['p99Ms']:.2f} ms, "
                f"{theirs[-1]['cpuMicrosecondsPerRequest']:.1f} CPU us/request")
    finally:
        baseline.stop()
    return {"profile": profile, "bodyBytes": body_bytes, "seconds": args.server_seconds, "multisso": ours,
            "baseline": theirs, "getRoleCredentialsDuringLoad": fetched}


# exec --server ---------------------------------------------------------------------------------------

def run_exec(args, tools, emulator, work, log):
    profiles = args.exec_profiles or (20 if args.quick else 200)
    parallel = max(4, min(32, 2 * (os.cpu_count() or 2)))
    log(f"\n== exec --server: `true` over {profiles} profiles, {parallel} at a time, warm credentials")
    sandbox = Sandbox(work, emulator, profiles, 1, f"exec-server-n{profiles}")
    tools.login_all(sandbox)

    def exec_all(server):
        argv = [tools.multisso, "exec", "--all", "--parallel", str(parallel), *(["--server"] if server else []), "--", "true"]
        run = proc.run(argv, sandbox.env())
        if not run.ok:
            raise BenchmarkError(run.describe(argv))
        return Sample(run.seconds, run.max_rss_kib, profiles, 0)

    static, served = [], []
    for _ in range(args.repeats):  # interleaved, so that a change of load hits both alike
        static.append(exec_all(False))
        served.append(exec_all(True))
    static = Measurement(f"multisso exec --all --parallel {parallel} -- true", static)
    served = Measurement(f"multisso exec --all --server --parallel {parallel} -- true", served)
    log(f"  static keys: {static.seconds:.3f} s, --server: {served.seconds:.3f} s "
        f"({served.seconds / static.seconds:.2f}x)")
    return {"profiles": profiles, "parallel": parallel, "static": static, "server": served,
            "ratio": served.seconds / static.seconds}


# the agent, idle --------------------------------------------------------------------------------------

def _cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _memory_kib(pid, key):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def _thread_switches(pid):
    """Each thread's name and voluntary and involuntary context switches (/proc/PID/task/TID/{comm,status}).
    A voluntary switch is a thread going to sleep: over an idle window, how often it woke up."""
    threads = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            name = (task / "comm").read_text().strip()
            counts = dict(line.split(":", 1) for line in (task / "status").read_text().splitlines() if ":" in line)
        except OSError:
            continue  # a thread that ended meanwhile
        threads[task.name] = (name, int(counts["voluntary_ctxt_switches"]), int(counts["nonvoluntary_ctxt_switches"]))
    return threads


def _idle_switches(before, after):
    """Wake-ups over the window: per thread alive at its end, the switches since the start (all of them for
    a thread started meanwhile), summed, and the busiest threads by name."""
    voluntary = involuntary = 0
    by_name = {}
    for tid, (name, v, i) in after.items():
        _, v0, i0 = before.get(tid, (name, 0, 0))
        voluntary += v - v0
        involuntary += i - i0
        by_name[name] = by_name.get(name, 0) + v - v0
    busiest = sorted(by_name.items(), key=lambda item: -item[1])[:4]
    return voluntary, involuntary, busiest


def run_agent(args, tools, emulator, work, log):
    profiles, seconds = args.agent_profiles, args.agent_idle_seconds
    log(f"\n== agent idle: {profiles} profiles, measured for {seconds:g} s after its start-up work")
    sandbox = Sandbox(work, emulator, profiles, 1, f"agent-n{profiles}")
    tools.login_all(sandbox)
    stderr = open(sandbox.home / "agent.log", "wb")
    started = time.monotonic()
    agent = subprocess.Popen([str(tools.multisso), "agent", "--all"], env=sandbox.env(), stdout=subprocess.DEVNULL,
                             stderr=stderr)
    try:
        # Start-up: the config read, every cache entry checked. Settled once 3 s pass without 10 ms of CPU.
        previous, quiet_since = _cpu_seconds(agent.pid), time.monotonic()
        while time.monotonic() - quiet_since < 3:
            if agent.poll() is not None or time.monotonic() - started > 120:
                raise BenchmarkError(f"the agent exited or never settled (see {sandbox.home / 'agent.log'})")
            time.sleep(0.5)
            now = _cpu_seconds(agent.pid)
            if now - previous >= 0.01:
                quiet_since = time.monotonic()
            previous = now
        startup_cpu, startup_seconds = previous, time.monotonic() - started
        emulator.reset_stats()
        before = _cpu_seconds(agent.pid)
        switches_before = _thread_switches(agent.pid)
        rss = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(min(10, max(0.0, deadline - time.monotonic())))
            if agent.poll() is not None:
                raise BenchmarkError(f"the agent exited (see {sandbox.home / 'agent.log'})")
            rss.append(_memory_kib(agent.pid, "VmRSS"))
        idle_cpu = _cpu_seconds(agent.pid) - before
        switches_after = _thread_switches(agent.pid)
        voluntary, involuntary, busiest = _idle_switches(switches_before, switches_after)
        threads = f"{len(switches_before)} → {len(switches_after)}"
        peak = _memory_kib(agent.pid, "VmHWM")
        calls = sum(emulator.stats()["calls"].values())
    finally:
        proc.stop(agent, timeout=15)
        stderr.close()
    log(f"  start-up {startup_seconds:.1f} s ({startup_cpu:.2f} CPU s); idle {seconds:g} s: {idle_cpu:.3f} CPU s, "
        f"RSS {statistics.median(rss) / 1024:.1f} MiB (peak {peak / 1024:.1f} MiB), {calls} requests to the emulator; "
        f"wake-ups (voluntary context switches; threads {threads}) {voluntary}, involuntary {involuntary}; by thread: "
        + ", ".join(f"{name} {count}" for name, count in busiest))
    return {"profiles": profiles, "idleSeconds": seconds, "startupSeconds": startup_seconds, "startupCpuSeconds": startup_cpu,
            "idleCpuSeconds": idle_cpu, "rssMiB": statistics.median(rss) / 1024, "maxRssMiB": max(rss) / 1024,
            "peakRssMiB": peak / 1024, "emulatorCalls": calls, "voluntarySwitches": voluntary,
            "involuntarySwitches": involuntary, "threads": threads, "wakeUpsByThread": dict(busiest),
            "exitStatus": agent.returncode}


# the report -------------------------------------------------------------------------------------------

def markdown(result):
    s, e, a = result["server"], result["exec"], result["agent"]
    lines = [f"### Credential server: `multisso serve`, one profile's cached credentials, wrk {s['seconds']:g} s per run", "",
             "| connections | multisso requests/s | p50 ms | p99 ms | CPU µs/request | static C server requests/s | p50 ms | p99 ms "
             "| CPU µs/request | multisso / static |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for ours, theirs in zip(s["multisso"], s["baseline"]):
        lines.append(f"| {ours['clients']} | {ours['requestsPerSecond']:.0f} | {ours['p50Ms']:.2f} | {ours['p99Ms']:.2f} | "
                     f"{ours.get('cpuMicrosecondsPerRequest', 0):.1f} | "
                     f"{theirs['requestsPerSecond']:.0f} | {theirs['p50Ms']:.2f} | {theirs['p99Ms']:.2f} | "
                     f"{theirs.get('cpuMicrosecondsPerRequest', 0):.1f} | "
                     f"{ours['requestsPerSecond'] / theirs['requestsPerSecond']:.0%} |")
    at64 = next(((o, t) for o, t in zip(s["multisso"], s["baseline"]) if o["clients"] == 64), None)
    lines.append("")
    if at64:
        share = at64[0]["requestsPerSecond"] / at64[1]["requestsPerSecond"]
        lines.append(f"Targets at 64 connections: >= 50% of the baseline's throughput ({share:.0%}: "
                     f"{'met' if share >= 0.5 else 'missed'}); p99 <= 5 ms ({at64[0]['p99Ms']:.2f} ms: "
                     f"{'met' if at64[0]['p99Ms'] <= 5 else 'missed'}).")
    lines += [f"Answers of {s['bodyBytes']} bytes; non-2xx answers: {sum(o['non2xx'] for o in s['multisso'])}; "
              f"GetRoleCredentials during the load: {s['getRoleCredentialsDuringLoad']}.", "",
              f"### `exec --server` against static `exec`: `true` over {e['profiles']} profiles, {e['parallel']} at a time", "",
              "| command | seconds (median) | runs |", "| --- | ---: | ---: |",
              f"| {e['static'].tool} | {e['static'].seconds:.3f} | {len(e['static'].samples)} |",
              f"| {e['server'].tool} | {e['server'].seconds:.3f} | {len(e['server'].samples)} |", "",
              f"Target: --server <= 1.2x static ({e['ratio']:.2f}: {'met' if e['ratio'] <= 1.2 else 'missed'}).", "",
              f"### Agent idle: `multisso agent --all`, {a['profiles']:,} warm profiles, {a['idleSeconds']:g} s", "",
              "| start-up (s) | start-up CPU (s) | idle CPU (s) | RSS MiB (median) | RSS MiB (max) | peak RSS MiB | requests "
              "| wake-ups (voluntary switches, all threads) | involuntary switches | threads |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
              f"| {a['startupSeconds']:.1f} | {a['startupCpuSeconds']:.2f} | {a['idleCpuSeconds']:.3f} | {a['rssMiB']:.1f} | "
              f"{a['maxRssMiB']:.1f} | {a['peakRssMiB']:.1f} | {a['emulatorCalls']} | {a['voluntarySwitches']} | "
              f"{a['involuntarySwitches']} | {a['threads']} |", "",
              "Wake-ups by thread (the busiest): "
              + (", ".join(f"{name} {count}" for name, count in a["wakeUpsByThread"].items()) or "none") + ".", "",
              f"Targets{' (over 10 minutes)' if a['idleSeconds'] >= 600 else ' (scaled: the run was shorter than 10 minutes)'}: "
              f"idle CPU < 0.5 s ({a['idleCpuSeconds']:.3f}: {'met' if a['idleCpuSeconds'] < 0.5 * a['idleSeconds'] / 600 else 'missed'}); "
              f"RSS <= 40 MiB ({a['maxRssMiB']:.1f}: {'met' if a['maxRssMiB'] <= 40 else 'missed'}).", ""]
    return "\n".join(lines)
