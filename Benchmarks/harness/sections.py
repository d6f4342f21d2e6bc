"""The benchmark's sections beyond the main table: role chains, the credential server (with `exec
--server` and the agent's idle cost) and the interactive paths (picker, completion). Each runs against
the run's one emulator and writes `SECTION.json` and `SECTION.md` beside results.json; `--only` picks
sections (`main` is the table of results.md), so one can be re-measured without the others."""

import dataclasses
import json
import os
from pathlib import Path

import chain_bench
import interactive_bench
import server_bench
from tools import Measurement

SECTIONS = {"chains": chain_bench, "server": server_bench, "interactive": interactive_bench}
ALL = ["main", *SECTIONS]


def add_arguments(parser):
    parser.add_argument("--only", help=f"comma-separated sections to run, of {','.join(ALL)} (default: all)")
    parser.add_argument("--chain-hubs", type=int, help="SSO hub profiles of the role-chain section (default 50, quick 5)")
    parser.add_argument("--chain-profiles", type=int, help="chained profiles (default 1000, quick 60)")
    server_bench.add_arguments(parser)
    interactive_bench.add_arguments(parser)


def finish(args):
    args.only = [s for s in (args.only or ",".join(ALL)).split(",") if s]
    unknown = [s for s in args.only if s not in ALL]
    if unknown:
        raise SystemExit(f"--only: unknown section(s) {', '.join(unknown)}; sections: {', '.join(ALL)}")
    args.chain_hubs = args.chain_hubs or (5 if args.quick else 50)
    args.chain_profiles = args.chain_profiles or (60 if args.quick else 1000)
    server_bench.finish(args)
    interactive_bench.finish(args)


def profiles_needed(args):
    """The most roles of one portal a selected section uses (the emulator is sized for them)."""
    needed = [0]
    if "chains" in args.only:
        needed.append(args.chain_profiles)
    if "server" in args.only:
        needed.append(server_bench.profiles_needed(args))
    return max(needed)


def run(args, tools, emulator, work, out, log):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name, module in SECTIONS.items():
        if name not in args.only:
            continue
        load = os.getloadavg()
        result = module.run(args, tools, emulator, work, log)
        result["loadAverage"] = [load[0], os.getloadavg()[0]]
        result["machine"] = dict(cores=os.cpu_count())
        text = module.markdown(result) + f"\nLoad average (1 min) before and after: {load[0]:.1f}, {os.getloadavg()[0]:.1f}.\n"
        (out / f"{name}.md").write_text(text)
        (out / f"{name}.json").write_text(json.dumps(result, indent=2, default=_plain) + "\n")
        print("\n" + text, flush=True)


def _plain(value):
    if isinstance(value, Measurement):
        return {"tool": value.tool, "seconds": value.seconds, "samples": [dataclasses.asdict(s) for s in value.samples],
                "peakRssKiB": value.max_rss_kib, "failed": value.failed, "note": value.note}
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    return str(value)
