"""What a person waits for at the terminal, with a large config (--interactive-profiles, 10,000):

- Picker: `multisso pick` on a pseudo-terminal (80x24, TERM=xterm-256color), driven as a person would.
  First frame: from just before the process starts to the last byte of its first screen; each
  keystroke: from the byte written to the last byte of the redraw. A frame has ended when the terminal
  stays quiet for --settle-ms; the figure is the time of its last byte, so the quiet wait is not counted.
- Completion: a whole `multisso ---completion … -- --profile …` process (what the shells' completion
  scripts run on every Tab), against `baselines/config_names.c` (compiled here with cc), which reads the
  same file and prints the matching `[profile NAME]` names with no parsing at all.

Neither needs the emulator: the config names sessions and accounts, and no cache exists.
"""

import fcntl
import os
import pty
import select
import statistics
import struct
import termios
import time
from pathlib import Path

import proc
from tools import BenchmarkError

BASELINES = Path(__file__).resolve().parent.parent / "baselines"
KEYS = [("a", "a"), ("c", "c"), ("c", "c"), ("t", "t"), ("0", "0"), ("Backspace", "\x7f"), ("Backspace", "\x7f"),
        ("Down", "\x1b[B"), ("Down", "\x1b[B"), ("Up", "\x1b[A"), ("Backspace", "\x7f"), ("Backspace", "\x7f")]


def add_arguments(parser):
    parser.add_argument("--interactive-profiles", type=int, help="profiles in the picker's config (default 10000)")
    parser.add_argument("--interactive-repeats", type=int, help="picker sessions and completion runs (default 11, quick 3)")
    parser.add_argument("--settle-ms", type=float, default=150.0, help="quiet time that ends a picker frame")


def finish(args):
    args.interactive_profiles = args.interactive_profiles or (2000 if args.quick else 10000)
    args.interactive_repeats = args.interactive_repeats or (3 if args.quick else 11)


def write_config(home, profiles, sessions=10):
    """`profiles` SSO profiles over `sessions` [sso-session]s, as `configure generate` names them."""
    aws = home / ".aws"
    aws.mkdir(parents=True, exist_ok=True, mode=0o700)
    lines = []
    for s in range(sessions):
        lines += [f"[sso-session portal{s}]", f"sso_start_url = https://d-90000000{s:02d}.awsapps.com/start",
                  "sso_region = eu-west-1", "sso_registration_scopes = sso:account:access", ""]
    roles = ["AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess", "Billing"]
    for i in range(profiles):
        session, account, role = i % sessions, 100000000000 + i // len(roles), roles[i % len(roles)]
        lines += [f"[profile portal{session}-account{i // len(roles):05d}-{role}]", f"sso_session = portal{session}",
                  f"sso_account_id = {account}", f"sso_role_name = {role}", "region = eu-west-1", ""]
    (aws / "config").write_text("\n".join(lines))
    return aws / "config"


def env_for(home):
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    env.update(HOME=str(home), TERM="xterm-256color", LANG="C.UTF-8")
    env.pop("NO_COLOR", None)
    return env


class Terminal:
    """A child on a pseudo-terminal of `columns` x `rows`, with timestamps of what it writes."""

    def __init__(self, argv, env, columns=80, rows=24):
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: its own session, the pty as controlling terminal
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
            os.execve(str(argv[0]), [str(a) for a in argv], env)
        self.output = bytearray()

    def frame(self, since, settle_s, limit_s=10.0):
        """Reads until quiet for `settle_s`; the seconds from `since` to the last byte (None: nothing)."""
        last = None
        deadline = time.perf_counter() + limit_s
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.fd], [], [], settle_s)
            if not ready:
                if last is not None:
                    break
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            last = time.perf_counter()
            self.output += chunk
        return None if last is None else last - since

    def key(self, data, settle_s):
        sent = time.perf_counter()
        os.write(self.fd, data.encode())
        return self.frame(sent, settle_s)

    def close(self):
        try:
            os.write(self.fd, b"\x1b")
            deadline = time.time() + 5
            while time.time() < deadline:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    return os.waitstatus_to_exitcode(status)
                try:
                    select.select([self.fd], [], [], 0.1) and os.read(self.fd, 65536)
                except OSError:
                    pass
            os.kill(self.pid, 9)
            return os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        finally:
            os.close(self.fd)


def run_picker(args, tools, home, log):
    settle = args.settle_ms / 1000
    firsts, keys, statuses = [], {name: [] for name, _ in KEYS}, []
    for _ in range(args.interactive_repeats):
        terminal = Terminal([tools.multisso, "pick"], env_for(home))
        first = terminal.frame(terminal.started, settle)
        if first is None:
            terminal.close()
            raise BenchmarkError("multisso pick drew nothing")
        firsts.append(first)
        for name, data in KEYS:
            redraw = terminal.key(data, settle)
            keys[name].append(redraw if redraw is not None else float("nan"))
        statuses.append(terminal.close())
    every = [value for values in keys.values() for value in values]
    log(f"  picker: first frame median {statistics.median(firsts) * 1000:.1f} ms (max {max(firsts) * 1000:.1f}); "
        f"keystroke redraw median {statistics.median(every) * 1000:.1f} ms (max {max(every) * 1000:.1f}); "
        f"exit statuses {sorted(set(statuses))}")
    return {"firstFrameMs": [f * 1000 for f in firsts], "keys": {k: [v * 1000 for v in vs] for k, vs in keys.items()},
            "exitStatuses": statuses, "settleMs": args.settle_ms}


def run_completion(args, tools, home, config, log, work):
    prefix = "portal3-account0"
    argv = [tools.multisso, "---completion", "login", "--", "--profile", "3", str(len(prefix)),
            "multisso", "login", "--profile", prefix]
    binary = work / "config_names"
    built = proc.run(["cc", "-O2", "-o", binary, BASELINES / "config_names.c"], dict(os.environ))
    if not built.ok:
        raise BenchmarkError(built.describe(["cc", "config_names.c"]))
    ours, floor, answers = [], [], None
    env = env_for(home)
    for _ in range(max(args.interactive_repeats, 21 if not args.quick else 5)):
        run = proc.run(argv, env)
        if not run.ok:
            raise BenchmarkError(run.describe(argv))
        answers = [line for line in run.stdout.decode().splitlines() if line.strip()]
        ours.append(run.seconds)
        base = proc.run([binary, config, prefix], env)
        floor.append(base.seconds)
        expected = [line for line in base.stdout.decode().splitlines() if line.strip()]
    if sorted(answers) != sorted(expected):
        raise BenchmarkError(f"completion answered {len(answers)} names, the floor program {len(expected)}")
    log(f"  completion of --profile {prefix}… ({len(answers)} names): multisso median {statistics.median(ours) * 1000:.1f} ms, "
        f"floor program {statistics.median(floor) * 1000:.1f} ms")
    return {"prefix": prefix, "candidates": len(answers), "multissoMs": [s * 1000 for s in ours],
            "floorMs": [s * 1000 for s in floor]}


def run(args, tools, emulator, work, log):
    profiles = args.interactive_profiles
    log(f"\n== picker and completion: {profiles} profiles, pseudo-terminal 80x24")
    home = work / f"interactive-n{profiles}"
    config = write_config(home, profiles)
    result = {"profiles": profiles, "configBytes": config.stat().st_size}
    result["picker"] = run_picker(args, tools, home, log)
    result["completion"] = run_completion(args, tools, home, config, log, work)
    return result


def markdown(result):
    p, c = result["picker"], result["completion"]
    every = [v for values in p["keys"].values() for v in values]
    med, first = statistics.median, p["firstFrameMs"]
    lines = [f"### Picker and completion: {result['profiles']:,} profiles ({result['configBytes'] / 1e6:.1f} MB config)", "",
             f"`multisso pick` on an 80x24 pseudo-terminal, {len(first)} sessions of {len(KEYS)} keystrokes; a frame "
             f"ends after {p['settleMs']:g} ms of quiet, timed to its last byte:", "",
             "| what | median ms | min ms | max ms | target |", "| --- | ---: | ---: | ---: | --- |",
             f"| first frame (from process start) | {med(first):.1f} | {min(first):.1f} | {max(first):.1f} | <= 50 |"]
    for name in dict.fromkeys(p["keys"]):
        values = p["keys"][name]
        lines.append(f"| redraw after {name} | {med(values):.1f} | {min(values):.1f} | {max(values):.1f} | <= 10 |")
    lines += [f"| every keystroke | {med(every):.1f} | {min(every):.1f} | {max(every):.1f} | <= 10 |", "",
              f"Completion: `multisso ---completion login -- --profile …` for the prefix `{c['prefix']}` "
              f"({c['candidates']} names), whole process, {len(c['multissoMs'])} runs:", "",
              "| program | median ms | min ms | max ms |", "| --- | ---: | ---: | ---: |",
              f"| multisso ---completion | {med(c['multissoMs']):.1f} | {min(c['multissoMs']):.1f} | {max(c['multissoMs']):.1f} |",
              f"| floor: baselines/config_names.c (read the file, print matching names) | {med(c['floorMs']):.1f} | "
              f"{min(c['floorMs']):.1f} | {max(c['floorMs']):.1f} |", "",
              f"Targets: first frame <= 50 ms ({med(first):.1f}: {'met' if med(first) <= 50 else 'missed'}); redraw <= 10 ms "
              f"({med(every):.1f} median: {'met' if med(every) <= 10 else 'missed'}); completion <= 20 ms "
              f"({med(c['multissoMs']):.1f}: {'met' if med(c['multissoMs']) <= 20 else 'missed'}).", ""]
    return "\n".join(lines)
