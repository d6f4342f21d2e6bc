"""The results of `Benchmarks/run --scale`: scale.json, scale.md (tables, ratios against the reference
clients and baselines, issue 16's goals) and scale.png (seconds against profiles, 100 to 10,000)."""

import json
from pathlib import Path

MIB = 1024.0

# (row key, the row it is divided by, goal) for each size: issue 16's goals.
GOALS = [
    ("empty", "reference", "<= 1.15", "login --all, empty cache / reference client (no writes)"),
    ("due", "reference", "<= 1.15", "login --all, every file due / reference client (no writes)"),
    ("empty", "naiveEmpty", "<= 1.3", "login --all, empty cache / naive writer"),
    ("due", "naiveDue", "<= 1.3", "login --all, every file due / naive writer"),
    ("fresh", "readCaches", "<= 2", "login --all, all fresh / read-caches"),
    ("status", "readCaches", "<= 2", "status / read-caches"),
    ("statusJson", "readCaches", "<= 2", "status --output json / read-caches"),
    ("credentialProcess", "readOne", "<= 1.5", "credential-process / read-one"),
    ("exec", "xargs", "<= 1.1", "exec --all -- true / xargs -P"),
]


def _median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else 0.0


def _row(m):
    return {"tool": m.tool, "seconds": m.seconds, "samples": [s.seconds for s in m.samples],
            "userSeconds": _median(s.user_seconds for s in m.samples),
            "systemSeconds": _median(s.system_seconds for s in m.samples),
            "peakRssMiB": m.max_rss_kib / MIB, "failed": m.failed, "extra": [s.extra for s in m.samples]}


def _met(value, goal):
    operator, number = goal.split()
    return value <= float(number) if operator == "<=" else value >= float(number)


def write(results, out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    sizes = []
    goals = []
    for size in results["sizes"]:
        rows = {key: _row(m) for key, m in size["rows"].items()}
        sizes.append({**{k: v for k, v in size.items() if k != "rows"}, "rows": rows})
        for key, base, goal, label in GOALS:
            if key in rows and base in rows:
                value = rows[key]["seconds"] / rows[base]["seconds"]
                goals.append({"profiles": size["profiles"], "target": label, "value": value, "goal": goal,
                              "met": _met(value, goal)})
        for key in ("empty", "due"):
            r = rows[key]
            value = r["systemSeconds"] / r["userSeconds"] if r["userSeconds"] else 0.0
            goals.append({"profiles": size["profiles"], "target": f"kernel / user time, {r['tool']}", "value": value,
                          "goal": "<= 0.25", "met": _met(value, "<= 0.25")})
        peak = max(rows[k]["peakRssMiB"] for k in ("empty", "due", "fresh"))
        goals.append({"profiles": size["profiles"], "target": "peak RSS of login --all (MiB)", "value": peak,
                      "goal": "<= 64", "met": _met(peak, "<= 64")})
    document = {k: v for k, v in results.items() if k not in ("sizes", "cold")}
    document["sizes"] = sizes
    document["goals"] = goals
    if results.get("cold"):
        c = results["cold"]
        document["cold"] = {**{k: v for k, v in c.items() if k != "measurement"}, **_row(c["measurement"]),
                            "ratio": c["measurement"].seconds / c["floor"]}
    (out / "scale.json").write_text(json.dumps(document, indent=2, default=str) + "\n")
    markdown = render(document)
    (out / "scale.md").write_text(markdown)
    print("\n" + markdown)
    try:
        chart(document, out / "scale.png")
    except ImportError as error:
        print(f"no chart: {error}")


def render(d):
    m = d["machine"]
    lines = [f"Run {d['started']} to {d['finished']} (`Benchmarks/run --scale`): one sso-emulator, "
             f"{d['latencyMs']:g} ms per request, medians of {d['repeats']} runs (credential-process: 11). "
             f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, {m['os']}. Compare the ratios, taken side by side. "
             + ("Every multisso row is the installed build (`--static-swift-stdlib`, as `scripts/install` builds it)."
                if d.get("multissoBuild") == "static" else "multisso rows: the default release build."),
             "", "| N | K | what | seconds | user s | kernel s | peak RSS MiB |", "| ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
    for size in d["sizes"]:
        for row in size["rows"].values():
            failed = f" ({row['failed']} failed)" if row["failed"] else ""
            lines.append(f"| {size['profiles']} | {size['portals']} | {row['tool']}{failed} | "
                         f"{row['seconds']:.3f} | {row['userSeconds']:.2f} | {row['systemSeconds']:.2f} | {row['peakRssMiB']:.1f} |")
        lines.append(f"| {size['profiles']} | {size['portals']} | floor: ceil(N/{d['concurrency']}) x latency | "
                     f"{size['floor']:.3f} | | | |")
        execs = size["rows"].get("exec")
        if execs:
            lines.append(f"| {size['profiles']} | | exec peaks: {max(e['peakFds'] for e in execs['extra'])} fds, "
                         f"{max(e['peakThreads'] for e in execs['extra'])} threads | | | | |")
    if d.get("cold"):
        c = d["cold"]
        lines += ["", f"Cold start, {c['profiles']} profiles over {c['portals']} portals, each approval after "
                  f"{c['approveAfter']:g} s: {c['seconds']:.2f} s against a floor of {c['floor']:.2f} s "
                  f"(the approvals one after another and the last portal's fan-out): {c['ratio']:.2f}x; "
                  f"{c['floorWithLogins']:.2f} s counting also one measured login's own time "
                  f"({d['loginSeconds'] * 1000:.0f} ms) for each portal."]
    lines += ["", "| N | target | value | goal | met |", "| ---: | --- | ---: | --- | --- |"]
    for g in d["goals"]:
        lines.append(f"| {g['profiles']} | {g['target']} | {g['value']:.2f} | {g['goal']} | {'yes' if g['met'] else '**no**'} |")
    return "\n".join(lines) + "\n"


def chart(d, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (network, local) = plt.subplots(1, 2, figsize=(13, 5))
    series = {}
    for size in d["sizes"]:
        for key, row in size["rows"].items():
            series.setdefault((key, row["tool"]), []).append((size["profiles"], row["seconds"]))
        series.setdefault(("floor", "floor: ceil(N/c) x latency"), []).append((size["profiles"], size["floor"]))
    networked = {"empty", "due", "reference", "naiveEmpty", "naiveDue", "floor", "exec", "xargs"}
    for (key, tool), points in series.items():
        axis = network if key in networked else local
        style = dict(linestyle=":", color="grey") if key == "floor" else {}
        axis.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=tool, **style)
    for axis, title in ((network, "fetching (GetRoleCredentials at 50 ms)"), (local, "nothing to fetch (local only)")):
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("profiles (N)")
        axis.set_ylabel("seconds (log)")
        axis.set_title(title)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=120)


if __name__ == "__main__":
    import sys
    chart(json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[1]).with_name("scale.png"))
