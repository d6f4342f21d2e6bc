"""The results of a run: the machine, the table (printed, JSON, Markdown), the targets, the chart."""

import json
import os
import platform
import subprocess
from pathlib import Path

from tools import Measurement

MIB = 1024.0


def machine(venv):
    def first(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "unknown"

    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = "unknown"
    try:
        kib = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")))
        memory = f"{kib / MIB / MIB:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    packages = first([str(Path(venv) / "bin" / "python"), "-c",
                      "import importlib.metadata as m; print(', '.join(p + ' ' + m.version(p) for p in "
                      "['botocore', 'boto3', 'aws-sso-util', 'matplotlib']))"])
    return {"os": f"{platform.system()} {platform.release()}", "cpu": cpu, "cores": os.cpu_count(),
            "memory": memory, "swift": first(["swift", "--version"]), "python": platform.python_version(),
            "packages": packages}


def rows(results):
    """Every row of the main table, with the ratios computed."""
    table = []
    for scenario in results["scenarios"]:
        by_tool = {m.tool: m for m in scenario["rows"]}
        warm = by_tool["multisso login --all (warm token)"].seconds
        for m in scenario["rows"]:
            cold = "cold" in m.tool
            floor = scenario["floorCold"] if cold else scenario["floorWarm"]
            table.append({"scenario": scenario["name"], "profiles": scenario["profiles"], "portals": scenario["portals"],
                          "tool": m.tool, "seconds": m.seconds, "profilesPerSecond": scenario["profiles"] / m.seconds,
                          "ratioToMultisso": m.seconds / warm, "ratioToFloor": m.seconds / floor,
                          "peakRssMiB": m.max_rss_kib / MIB if m.max_rss_kib else None, "failed": m.failed,
                          "repeats": len(m.samples), "extrapolated": m.extrapolated, "note": m.note})
        for label, floor in (("floor: K logins + ceil(N/c) x latency", scenario["floorCold"]),
                             ("floor: ceil(N/c) x latency", scenario["floorWarm"])):
            table.append({"scenario": scenario["name"], "profiles": scenario["profiles"], "portals": scenario["portals"],
                          "tool": label, "seconds": floor, "profilesPerSecond": scenario["profiles"] / floor,
                          "ratioToMultisso": floor / warm, "ratioToFloor": 1.0, "peakRssMiB": None, "failed": 0,
                          "repeats": 0, "extrapolated": False, "note": ""})
    return table


def targets(results):
    """Each target of issue 6 (and issue 5's exec and credential-process ones): figure, goal, met."""
    found = []
    big = next((s for s in results["scenarios"] if s["profiles"] == 1000 and s["portals"] == 5), None)
    if big:
        m = {row.tool: row for row in big["rows"]}
        cold, warm = m["multisso login --all (cold)"], m["multisso login --all (warm token)"]
        threaded, each = m["botocore, 16 threads"], m["aws-sso-util credential-process, 1 process per profile"]
        found += [
            ("1,000 profiles / 5 portals, cold login: time / floor", cold.seconds / big["floorCold"], "<= 1.3"),
            ("1,000 profiles / 5 portals, warm token: time / floor", warm.seconds / big["floorWarm"], "<= 1.3 (also)"),
            ("botocore 16 threads / multisso (warm token)", threaded.seconds / warm.seconds, ">= 5"),
            ("1 process per profile (aws-sso-util) / multisso (warm token)", each.seconds / warm.seconds, ">= 100"),
        ]
    peaks = [m.max_rss_kib / MIB for s in results["scenarios"] if s["profiles"] == 1000
             for m in s["rows"] if m.tool.startswith("multisso")]
    if peaks:
        found.append(("peak RSS of multisso login --all at 1,000 profiles (MiB)", max(peaks), "<= 64"))
    throttled = results.get("throttled")
    if throttled:
        t = throttled["measurement"]
        sustained = max(0, throttled["profiles"] - throttled["burst"]) / t.seconds
        found.append(("throttled: sustained requests/s as a share of the limit", sustained / throttled["rateLimit"],
                      ">= 0.9"))
        found.append(("throttled: failed profiles", t.failed, "== 0"))
    cps = [s["credentialProcess"] for s in results["scenarios"]]
    for key, label in (("multisso", "dynamic stdlib build"), ("multissoStatic", "installed build (--static-swift-stdlib)")):
        measured = [c for c in cps if c.get(key)]
        if not measured:
            continue
        worst = max(measured, key=lambda c: c[key].seconds)
        found.append((f"credential-process warm, median ms, {label} (worst config, {worst['scenario']})",
                      worst[key].seconds * 1000, "<= 15"))
        least = min(measured, key=lambda c: c["awsSsoUtil"].seconds / c[key].seconds)
        found.append((f"aws-sso-util / multisso credential-process, {label} (least, {least['scenario']})",
                      least["awsSsoUtil"].seconds / least[key].seconds, ">= 20"))
    ex = results.get("exec")
    if ex:
        found.append((f"exec of true over {ex['profiles']} profiles / xargs -P", ex["multisso"].seconds / ex["xargs"].seconds,
                      "<= 1.5"))
    return [{"target": name, "value": value, "goal": goal, "met": _met(value, goal)} for name, value, goal in found]


def _met(value, goal):
    operator, number = goal.split()[0], float(goal.split()[1].replace(",", ""))
    return {"<=": value <= number, ">=": value >= number, "==": value == number}[operator]


def write(results, out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    table = rows(results)
    goals = targets(results)
    document = {key: value for key, value in results.items() if key not in ("scenarios", "throttled", "exec")}
    document["table"] = table
    document["loadAverages"] = {s["name"]: s["loadAverage"] for s in results["scenarios"]}
    document["targets"] = goals
    document["credentialProcess"] = [_cp(s["credentialProcess"]) for s in results["scenarios"]]
    if results.get("throttled"):
        t = results["throttled"]
        m = t["measurement"]
        document["throttled"] = {**{k: v for k, v in t.items() if k != "measurement"}, **_measurement(m),
                                 "requestsPerSecond": t["profiles"] / m.seconds,
                                 "sustainedShareOfLimit": max(0, t["profiles"] - t["burst"]) / m.seconds / t["rateLimit"]}
    if results.get("exec"):
        e = results["exec"]
        document["exec"] = {"name": e["name"], "profiles": e["profiles"], "parallel": e["parallel"],
                            "multisso": _measurement(e["multisso"]), "xargs": _measurement(e["xargs"]),
                            "ratio": e["multisso"].seconds / e["xargs"].seconds}
    (out / "results.json").write_text(json.dumps(document, indent=2, default=str) + "\n")
    markdown = render_markdown(document)
    (out / "results.md").write_text(markdown)
    print("\n" + markdown)
    try:
        chart(table, out / "chart.png", results["latencyMs"])
    except ImportError as error:
        print(f"no chart: {error}")


def _measurement(m: Measurement):
    return {"tool": m.tool, "seconds": m.seconds, "samples": [s.seconds for s in m.samples],
            "peakRssMiB": m.max_rss_kib / MIB, "failed": m.failed, "extra": [s.extra for s in m.samples]}


def _cp(c):
    static = c.get("multissoStatic")
    return {"scenario": c["scenario"], "profile": c["profile"], "repeats": c["repeats"],
            "multissoMs": c["multisso"].seconds * 1000, "awsSsoUtilMs": c["awsSsoUtil"].seconds * 1000,
            "multissoStaticMs": static.seconds * 1000 if static else None,
            "ratioStatic": c["awsSsoUtil"].seconds / static.seconds if static else None,
            "ratio": c["awsSsoUtil"].seconds / c["multisso"].seconds,
            "multissoPeakRssMiB": c["multisso"].max_rss_kib / MIB, "awsSsoUtilPeakRssMiB": c["awsSsoUtil"].max_rss_kib / MIB,
            "failed": c["multisso"].failed + c["awsSsoUtil"].failed}


def render_markdown(d):
    m = d["machine"]
    lines = [f"Run {d['started']} to {d['finished']}{' (quick)' if d['quick'] else ''}: sso-emulator at "
             f"{d['latencyMs']:g} ms latency per request; every figure below was taken in this one run against the "
             f"same emulator. Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, {m['os']}; {m['swift']}; "
             f"Python {m['python']} ({m['packages']}). The machine was shared with other builds, so compare the "
             f"ratios (taken side by side) rather than absolute seconds.", "",
             f"Seconds are medians of the repeats shown. The floor counts the logins one after another "
             f"(one cold login measured here: {d['loginSeconds'] * 1000:.0f} ms) plus ceil(N / c) x latency "
             f"with c = {d['concurrency']}, the most GetRoleCredentials multisso keeps in flight. "
             f"\"x multisso\" divides by multisso's warm-token time (the baselines also start from a cached "
             f"token). botocore's time excludes interpreter start and imports.", "",
             "| scenario | tool | seconds | profiles/s | x multisso | x floor | peak RSS | runs |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in d["table"]:
        rss = f"{r['peakRssMiB']:.1f} MiB" if r["peakRssMiB"] else ""
        tool = r["tool"] + (" (extrapolated*)" if r["extrapolated"] else "") + (f" ({r['failed']} failed)" if r["failed"] else "")
        lines.append(f"| {r['scenario']} | {tool} | {r['seconds']:.3f} | {r['profilesPerSecond']:.0f} | "
                     f"{r['ratioToMultisso']:.2f} | {r['ratioToFloor']:.2f} | {rss} | {r['repeats'] or ''} |")
    notes = sorted({r["note"] for r in d["table"] if r["note"]})
    if notes:
        lines += [""] + [f"\\* {note}." for note in notes]
    lines += ["", "credential-process from a warm cache (whole process, median; the config holds the scenario's "
              "N profiles; \"static\" is the same multisso built with `--static-swift-stdlib`, the build the README installs; "
              "\"dynamic\" is `swift build`'s default, which loads the Swift runtime and Foundation as shared libraries):", "",
              "| config | multisso dynamic | multisso static | aws-sso-util | ratio dynamic | ratio static | runs |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for c in d["credentialProcess"]:
        static = f"{c['multissoStaticMs']:.1f} ms" if c.get("multissoStaticMs") else "-"
        ratio_static = f"{c['ratioStatic']:.0f}x" if c.get("ratioStatic") else "-"
        lines.append(f"| {c['scenario']} | {c['multissoMs']:.1f} ms | {static} | {c['awsSsoUtilMs']:.0f} ms | "
                     f"{c['ratio']:.0f}x | {ratio_static} | {c['repeats']} |")
    if d.get("throttled"):
        t = d["throttled"]
        extra = t["extra"][len(t["extra"]) // 2] if t["extra"] else {}
        lines += ["", f"Throttled ({t['name']}, GetRoleCredentials limited to {t['rateLimit']:g}/s with a burst of "
                  f"{t['burst']}): {t['seconds']:.2f} s (floor (N - burst) / rate = {t['floor']:.2f} s), "
                  f"{t['requestsPerSecond']:.1f} requests/s overall, {t['sustainedShareOfLimit'] * 100:.0f}% of the limit "
                  f"after the burst, {t['failed']} failed profiles, {extra.get('throttled429', '?')} requests answered "
                  f"429 (median run of {len(t['samples'])})."]
    if d.get("exec"):
        e = d["exec"]
        lines += ["", f"exec ({e['name']}, warm credentials, {e['parallel']} at a time): multisso "
                  f"{e['multisso']['seconds']:.3f} s, xargs -P {e['xargs']['seconds']:.3f} s, ratio {e['ratio']:.2f}."]
    loads = d.get("loadAverages") or {}
    if loads:
        lines += ["", "Load average (1 min) at the start and end of each scenario, on "
                  f"{m['cores']} cores: " + "; ".join(f"{k} {v[0]:.1f} / {v[1]:.1f}" for k, v in loads.items()) + "."]
    lines += ["", "| target | value | goal | met |", "| --- | ---: | --- | --- |"]
    for t in d["targets"]:
        lines.append(f"| {t['target']} | {t['value']:.2f} | {t['goal']} | {'yes' if t['met'] else '**no**'} |")
    return "\n".join(lines) + "\n"


def chart(table, path, latency_ms):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    portals = sorted({r["portals"] for r in table})
    figure, axes = plt.subplots(1, len(portals), figsize=(6 * len(portals), 4.8), sharey=True, squeeze=False)
    styles = {"floor": dict(linestyle=":", color="grey")}
    for axis, k in zip(axes[0], portals):
        tools = []
        for r in table:
            if r["portals"] == k and r["tool"] not in tools:
                tools.append(r["tool"])
        for tool in tools:
            points = sorted((r["profiles"], r["seconds"], r["extrapolated"]) for r in table
                            if r["portals"] == k and r["tool"] == tool)
            style = dict(styles["floor"]) if tool.startswith("floor") else {}
            if "ceil(N/c) x latency" in tool and tool.startswith("floor: ceil"):
                style["linestyle"] = "--"
            axis.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=tool, **style)
            for n, seconds, extrapolated in points:
                if extrapolated:
                    axis.annotate("extrapolated", (n, seconds), textcoords="offset points", xytext=(-70, 4), fontsize=7)
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("profiles (N)")
        axis.set_title(f"K = {k} portal{'s' if k > 1 else ''}, {latency_ms:g} ms latency")
        axis.grid(True, which="both", alpha=0.3)
    axes[0][0].set_ylabel("seconds (log)")
    handles, labels = axes[0][0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=3, fontsize=8, frameon=False)
    figure.tight_layout(rect=(0, 0.12, 1, 1))
    figure.savefig(path, dpi=120)


if __name__ == "__main__":
    # Redraws the chart from a results.json: python3 Benchmarks/harness/report.py results/results.json
    import sys

    document = json.loads(Path(sys.argv[1]).read_text())
    chart(document["table"], Path(sys.argv[1]).with_name("chart.png"), document["latencyMs"])
