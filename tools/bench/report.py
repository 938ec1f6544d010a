# SPDX-License-Identifier: BSD-2-Clause
# report.py: turn one `make bench` run's consoles and dom0 readings into the table, JSON and chart.
"""Figures per guest run, then per metric the median and spread (min, max) over the
repetitions, ours next to Linux. Every figure in results.json says how it was measured."""
import datetime
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess

import tcp

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
GIB = 1 << 30

HOW = {
    "boot.toolstack_s": "dom0: xl create started -> domain built and unpaused (xl's "
                        "'Waiting for domain' line, polled every 0.1 s)",
    "boot.first_line_s": "dom0: xl create -> first byte in xenconsoled's log of the guest",
    "boot.app_line_s": "dom0: xl create -> the application's 'bench: app' line in that log",
    "boot.poweroff_s": "dom0: xl create -> Xen shows the domain shut down or gone (app "
                       "powers off at once)",
    "boot.cpu_s": "the domain's CPU seconds over its whole life, for a guest that powers off "
                  "once its application started (xenrun-domcpu at the end)",
    "boot.kernel_to_app_ms": "the guest's own clock: start_kernel -> application start "
                             "(ours: NOW() after shared_info is mapped -> app thread; Linux: "
                             "printk clock 0 -> 'Run /init')",
    "mem.free_after_boot_mib": "the guest's free memory right after boot (ours: page "
                               "allocator's free pages; Linux: MemFree)",
    "disk.*.MBps": "bytes / elapsed in the guest, MB = 10^6 B; 1 MiB requests (ours: "
                   "blkfront_submit, split at max_request_bytes; Linux: O_DIRECT + io_submit)",
    "disk.*.IOPS": "4 KiB requests completed / elapsed",
    "disk.*.cpu_s_per_GiB": "domain CPU seconds (Xen's cpu_time, as `xl list` Time(s) but to "
                            "1 us: xenrun-domcpu, read by dom0 at marks before and after the "
                            "workload) / GiB moved",
    "net.*.fps": "frames / elapsed; tx: completed by netback (ours) or tx_packets (Linux, "
                 "AF_PACKET); rx: frames of that size received while dom0 broadcast UDP "
                 "(socat) on xenbr0, from the first one on",
    "net.*.MBps": "frame bytes (Ethernet header included) / elapsed, MB = 10^6 B",
    "net.ping_rtt_ms": "median RTT of 5 arpings (1 per second) from dom0 (ours answers "
                       "ARP raw)",
    "idle.cpu_pct": "domain CPU seconds (xenrun-domcpu) over an idle stretch (30 s full, 1 s "
                    "smoke) with disk and vif connected / its length",
    "image.elf_bytes": "kernel file booted (ours: build/mini-os; Linux: the uncompressed "
                       "vmlinux, without its initramfs)",
    "image.gz_bytes": "gzip -9 of that file",
    **tcp.HOW,
    "demo.min_memory_mib": "smallest memory = (of 4, 6, 8, 16, 32 MiB) with which the demo "
                           "(build/mini-os) brought up its disk and vif (ours only)",
}


def loadavg():
    with open("/proc/loadavg", encoding="ascii") as f:
        return [float(x) for x in f.read().split()[:3]]


def machine_before():
    model = ""
    with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"date": datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"),
            "cores": os.cpu_count(), "cpu": model, "loadavg_before": loadavg(),
            "emulation": "QEMU TCG (no KVM): Xen 4.17 + Linux dom0, 2 vCPUs"}


def machine_after(wall):
    return {"loadavg_after": loadavg(), "run_wall_s": round(wall, 1)}


def console_figures(path):
    """{key: {field: int}} of the 'bench: KEY a=1 b=2' lines of a console."""
    out = {}
    try:
        with open(path, errors="replace") as f:
            text = f.read()
    except OSError:
        return out
    for m in re.finditer(r"^bench: (\S+)((?: \w+=\d+)+)\s*$", text, flags=re.M):
        out[m.group(1)] = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.group(2))}
    return out


def run_figures(name, con, d0):
    """The metrics of one guest run from its console figures and dom0 readings."""
    f = {}
    t = {k: float(v) for k, v in d0.items() if k.startswith("t_")}
    # boot guests boot and power off; the smoke run has none, and times its bench guests
    booting = "-boot-" in name or (d0.get("_mode") == "smoke" and "-bench-" in name)
    if "t_create" in t and booting:
        for key, src in (("toolstack_s", "t_running"), ("first_line_s", "t_first"),
                         ("app_line_s", "t_app"), ("poweroff_s", "t_off")):
            if src in t:
                f[f"boot.{key}"] = round(t[src] - t["t_create"], 3)
    if "cpu.total" in d0 and "-boot-" in name and d0["cpu.total"]:
        f["boot.cpu_s"] = round(float(d0["cpu.total"]), 4)
    if "boot" in con and booting:
        f["boot.kernel_to_app_ms"] = con["boot"]["app_ns"] / 1e6
    if "mem" in con and booting:
        f["mem.free_after_boot_mib"] = round(con["mem"]["free_kib"] / 1024, 1)
    for key, v in con.items():
        if not key.startswith(("disk.", "net.")) or "ns" not in v or not v["ns"]:
            continue
        secs = v["ns"] / 1e9
        cpu = None
        if f"cpu.start.{key}" in d0 and f"cpu.end.{key}" in d0:
            cpu = float(d0[f"cpu.end.{key}"]) - float(d0[f"cpu.start.{key}"])
        if key.startswith("disk.") and ".seq" in key:
            f[f"{key}.MBps"] = round(v["bytes"] / secs / 1e6, 2)
        elif key.startswith("disk."):
            f[f"{key}.IOPS"] = round(v["ios"] / secs, 1)
        else:
            f[f"{key}.fps"] = round(v["ios"] / secs, 1)
            f[f"{key}.MBps"] = round(v["bytes"] / secs / 1e6, 3)
        if key.startswith("disk.") and cpu is not None and v["bytes"]:
            f[f"{key}.cpu_s_per_GiB"] = round(cpu / (v["bytes"] / GIB), 3)
    f.update(tcp.figures(d0))
    rtts = sorted(float(x) for x in d0.get("rtt.ms", []))
    if rtts:
        f["net.ping_rtt_ms"] = statistics.median(rtts)
    if "cpu.start.idle" in d0 and "cpu.end.idle" in d0:
        idle = 1.0 if "smoke" in d0.get("_mode", "") else 30.0
        f["idle.cpu_pct"] = round(100 * (float(d0["cpu.end.idle"]) -
                                         float(d0["cpu.start.idle"])) / idle, 2)
    return f


def image_sizes(build):
    """ELF and gzip sizes of our demo kernel (in build) and of the Linux guest's kernel."""
    cache = os.environ.get("XENRUN_CACHE") or os.path.join(ROOT, "build", "dom0")
    sizes = {}
    for side, path in (("ours", os.path.join(build, "mini-os")),
                       ("linux", os.path.join(cache, "vmlinuz"))):
        if os.path.exists(path):
            with open(path, "rb") as f:
                data = f.read()
            sizes[side] = {"image.elf_bytes": len(data),
                           "image.gz_bytes": len(gzip.compress(data, 9))}
    return sizes


def dom0_by_guest(dom0, mode):
    by = {}
    for name, key, value in dom0:
        d = by.setdefault(name, {"_mode": mode})
        if key == "rtt.ms":
            d.setdefault(key, []).append(value)
        else:
            d[key] = value
    return by


def collect(out, cfgs, dom0, mode, reps, machine, status, build):
    by = dom0_by_guest(dom0, mode)
    runs = {}
    for cfg in cfgs:
        name = os.path.basename(cfg)[:-4]
        con = console_figures(os.path.join(out, "consoles", name + ".console"))
        runs[name] = {"console": con, "dom0": by.get(name, {}),
                      "figures": run_figures(name, con, by.get(name, {}))}
    metrics = {}
    for name, r in runs.items():
        side = name.split("-")[0]
        for k, v in r["figures"].items():
            metrics.setdefault(k, {}).setdefault(side, []).append(v)
    for side, sizes in image_sizes(build).items():
        for k, v in sizes.items():
            metrics.setdefault(k, {})[side] = [v]
    ok = [int(n.split("-")[-1]) for n, r in runs.items()
          if n.startswith("demo-mem-") and r["dom0"].get("demo") == "ok"]
    if ok:
        metrics["demo.min_memory_mib"] = {"ours": [min(ok)]}
    statuses = {}
    try:
        with open(os.path.join(out, "consoles", "results"), encoding="utf-8") as f:
            statuses = dict(line.split() for line in f if line.strip())
    except OSError:
        pass
    # an interrupted run (--report-only) may have fewer: those whose bench guests, ours and
    # Linux, got to their last workload (idle)
    done = [n.rsplit("-", 1)[1] for n, r in runs.items()
            if "-bench-" in n and "idle.cpu_pct" in r["figures"]]
    done = {rep for rep in done if done.count(rep) == 2}
    return {"machine": machine, "mode": mode, "repetitions": reps,
            "repetitions_done": len(done), "xenrun_status": status,
            "guest_status": statuses,
            "how": HOW, "metrics": {k: summary(v) for k, v in sorted(metrics.items())},
            "runs": runs}


def summary(sides):
    out = {}
    for side, vals in sides.items():
        out[side] = {"median": statistics.median(vals), "min": min(vals), "max": max(vals),
                     "values": vals}
    if "ours" in out and "linux" in out and out["linux"]["median"]:
        out["ratio"] = round(out["ours"]["median"] / out["linux"]["median"], 3)
    return out


def fmt(s):
    if not s:
        return "-"
    v = s["median"]
    text = f"{v:.4g}"
    if s["min"] != s["max"]:
        text += f" ({s['min']:.3g}-{s['max']:.3g})"
    return text


def table(results):
    m = results["machine"]
    lines = [f"make bench, {m['date']}: {m['cores']} cores ({m['cpu']}), {m['emulation']}; "
             f"load average before {m['loadavg_before']}, after {m.get('loadavg_after')}; "
             f"{results.get('repetitions_done', '?')} of {results['repetitions']} repetitions "
             "done, median (min-max)",
             f"{'metric':<40} {'ours':>24} {'Linux':>24} {'ratio':>7}"]
    for k, s in results["metrics"].items():
        ratio = f"{s['ratio']:.3g}" if "ratio" in s else "-"
        lines.append(f"{k:<40} {fmt(s.get('ours')):>24} {fmt(s.get('linux')):>24} {ratio:>7}")
    return "\n".join(lines)


def chart(out, results):
    """bench.png: ours/Linux per metric (log scale; 1 = the same as Linux)."""
    if not shutil.which("gnuplot"):
        return False
    rows = [(k, s["ratio"]) for k, s in results["metrics"].items() if s.get("ratio")]
    data = os.path.join(out, "ratios.dat")
    with open(data, "w", encoding="utf-8") as f:
        for i, (k, r) in enumerate(rows):
            f.write(f'{i} "{k}" {r}\n')
    m = results["machine"]
    script = f"""set terminal png noenhanced size 1200,{300 + 18 * len(rows)}
set output '{out}/bench.png'
set title "ours / Linux PV guest, same runner boot ({m['date']}, load {m['loadavg_before'][0]})"
set xlabel "ours / Linux (log scale): >1 = ours larger, better for MB/s, IOPS, fps; worse for times, CPU, sizes"
set style fill solid 0.6
set logscale x 10
set ytics nomirror
set yrange [-1:{len(rows)}]
set grid xtics
set arrow from 1, graph 0 to 1, graph 1 nohead lw 2
unset key
plot '{data}' using (1):1:(1):($3):($1-0.4):($1+0.4):ytic(2) with boxxyerror
"""
    r = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True, check=False)
    return r.returncode == 0


def write(out, results, png=True):
    print(table(results))
    if png:
        results["chart"] = "bench.png" if chart(out, results) else "gnuplot failed or missing"
    with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1, sort_keys=True)


def qdisk_unavailable(results):
    """Whether xl could not create a qdisk guest (dom0's QEMU missed libxl's 10 s QMP
    timeout: seen only on an overloaded host); their figures are then left out."""
    return any(n.split("-")[1:2] == ["qdisk"] and st == "3"
               for n, st in results.get("guest_status", {}).items())


def expected(results, net_only=False):
    """Every metric a complete run has (qdisk left out when dom0's QEMU could not start;
    net_only: a --net run, the TCP rows alone)."""
    if net_only:
        return list(tcp.EXPECTED)
    keys = list(tcp.EXPECTED) + ["boot.toolstack_s", "boot.first_line_s", "boot.app_line_s", "boot.poweroff_s",
            "boot.kernel_to_app_ms", "mem.free_after_boot_mib", "net.ping_rtt_ms",
            "idle.cpu_pct", "demo.min_memory_mib", "image.elf_bytes", "image.gz_bytes"]
    for backend in ("phy", "qdisk"):
        for w in ("seqread", "seqwrite"):
            for qd in (1, 8, 32):
                keys += [f"disk.{backend}.{w}.qd{qd}.{u}" for u in ("MBps", "cpu_s_per_GiB")]
        for w in ("randread", "randwrite"):
            for qd in (1, 32):
                keys += [f"disk.{backend}.{w}.qd{qd}.{u}" for u in ("IOPS", "cpu_s_per_GiB")]
    for d in ("tx", "rx"):
        for size in (64, 512, 1514):
            keys += [f"net.{d}.{size}.{u}" for u in ("fps", "MBps")]
    if qdisk_unavailable(results):
        keys = [k for k in keys if ".qdisk." not in k]
    return keys


def metric_problems(results, key):
    """What is wrong with one metric: a side missing, or a figure not > 0."""
    s = results["metrics"].get(key)
    if s is None:
        return [f"{key} (absent)"]
    bad = []
    sides = ("ours",) if key.startswith("demo.") else ("ours", "linux")
    # 0.1 s CPU readings may well be 0 for short runs: they must be there, not > 0
    zero_ok = "cpu" in key
    for side in sides:
        if side not in s:
            bad.append(f"{key} ({side})")
        elif not zero_ok and not s[side]["median"] > 0:
            bad.append(f"{key} ({side}) = {s[side]['median']}")
    return bad


def status_problems(results):
    skip_qdisk = qdisk_unavailable(results)
    others = [st for n, st in results.get("guest_status", {}).items()
              if not (skip_qdisk and "-qdisk-" in n)]
    if any(st != "0" for st in others) or results["xenrun_status"] == 3:
        return [f"guest status {results.get('guest_status')}"]
    return []


def problems(results, net_only=False):
    """Metrics missing or zero for a side that should have them (net_only: a --net run)."""
    bad = status_problems(results)
    keys = sorted(set(results["metrics"]) | set(expected(results, net_only)))
    for k in keys:
        bad += metric_problems(results, k)
    return bad


def smoke_group(key):
    """The smoke test a metric belongs to: its workload (disk.phy.seqread.qd1) or itself."""
    if key.startswith(("disk.", "net.tx.", "net.rx.")):
        return key.rsplit(".", 1)[0]
    return key


def checks(results):
    """[(name, PASS|FAIL|SKIP, detail)]: the guests' exit statuses, then one check per
    workload (each of its figures there and non-zero, ours and Linux), for make test."""
    bad = status_problems(results)
    out = [("guests", "FAIL" if bad else "PASS", "; ".join(bad))]
    groups = {}
    for k in expected(results) + sorted(results["metrics"]):
        groups.setdefault(smoke_group(k), [])
        if k not in groups[smoke_group(k)]:
            groups[smoke_group(k)].append(k)
    for name, keys in groups.items():
        bad = [p for k in keys for p in metric_problems(results, k)]
        out.append((name, "FAIL" if bad else "PASS", "; ".join(bad[:4])))
    if qdisk_unavailable(results):
        out.append(("disk.qdisk", "SKIP", "dom0's QEMU (qdisk) did not start within libxl's "
                    "10 s QMP timeout (host overloaded?)"))
    return out
