#!/usr/bin/env python3
"""Collects the figures of scripts/bench.sh into JSON files and prints their tables (standard library only).

Units: seconds (wall clock unless named cpu), bytes, MiB (2**20 bytes) in tables; a voxel-volume is one voxel of
one volume of the full grid (X*Y*Z*N), the unit of linear growth.

    bench_collect.py kernels  OUT.json LOG            RESULT lines of scripts/bench-kernels.sh
    bench_collect.py scaling  OUT.json RUNS.tsv       one row per run: master nx ny nz volumes wall_s summary
    bench_collect.py memory   OUT.json META.json TIME_V GC_LOG SUMMARY
    bench_collect.py startup  OUT.json RUNS.tsv       one row per run: t0_ms t_end_ms event_log_dir summary
"""
import json
import statistics
import os
import platform
import re
import subprocess
import sys


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    except (OSError, IndexError):
        java = "?"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip()
    except OSError:
        commit = "?"
    return {"cpu": cpu, "cores": os.cpu_count(), "load_average_1_5_15": list(os.getloadavg()),
            "os": platform.platform(), "java": java, "commit": commit}


def write(path, section, data):
    data = {"section": section, "machine": machine(), **data}
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")
    print(f"(written {path})")


def number(text):
    try:
        return float(text)
    except ValueError:
        return text


def kernels(out, log):
    results = {}
    with open(log) as f:
        for line in f:
            if not line.startswith("RESULT "):
                continue
            fields = line.split()
            entry = results.setdefault(fields[1], {})
            for token in re.findall(r"(\w+)=(\[[^\]]*\]|\S+)", line):
                entry[token[0]] = number(token[1])
    for c, e in results.items():
        if "java_cpu_s" in e and "dipy_90_s" in e:
            e["ratio_dipy_over_dwimotion"] = e["dipy_90_s"] / e["java_cpu_s"]
    print(f"{'config':<9} {'dwimotion cpu s':>15} {'DIPY s (90 vols)':>17} {'ratio':>8}")
    for c in sorted(results):
        e = results[c]
        dipy = f"{e['dipy_90_s']:17.2f}" if "dipy_90_s" in e else f"{'-':>17}"
        ratio = f"{e['ratio_dipy_over_dwimotion']:7.1f}x" if "ratio_dipy_over_dwimotion" in e else f"{'-':>8}"
        print(f"{c:<9} {e.get('java_cpu_s', float('nan')):15.3f} {dipy} {ratio}")
    write(out, "kernels", {"unit": "seconds of CPU time for the LOVO predictions of 90 held-out volumes",
                           "configs": results})


# stage names of run_summary.json's stage_seconds, grouped as the issue asks
def stage_groups(seconds):
    def pick(pattern):
        return sum(v for k, v in seconds.items() if re.search(pattern, k))
    return {
        "setup": pick(r"^setup$"),
        "ingest": pick(r"ingest$"),
        "fit_predict": pick(r"fit/predict$"),
        "register": pick(r"register$"),
        "reference_and_report_predictions": pick(r"^reference|^report predictions$"),
        "write": pick(r"^write outputs$"),
        "total": seconds.get("total", 0.0),
    }


def scaling(out, runs_tsv):
    runs = []
    with open(runs_tsv) as f:
        for line in f:
            master, nx, ny, nz, nv, wall, summary = line.split("\t")
            with open(summary.strip()) as s:
                j = json.load(s)
            voxels = int(nx) * int(ny) * int(nz)
            stages = stage_groups(j["stage_seconds"])
            runs.append({"master": master, "shape": [int(nx), int(ny), int(nz)], "volumes": int(nv),
                         "voxels": voxels, "voxel_volumes": voxels * int(nv), "mask_voxels": j["mask_voxels"],
                         "model": j["model"], "fit": j["fit"], "iterations": j["iterations"],
                         "process_wall_s": float(wall), "stage_seconds": stages,
                         "total_ns_per_voxel_volume": stages["total"] / (voxels * int(nv)) * 1e9})
    head = (f"{'master':<9} {'shape':>9} {'vols':>4} {'ingest':>7} {'fit':>7} {'register':>8} {'ref+rep':>7} "
            f"{'write':>6} {'total':>7} {'ns/vox-vol':>10} {'process':>8}")
    print(head)
    for r in runs:
        s = r["stage_seconds"]
        print(f"{r['master']:<9} {'x'.join(map(str, r['shape'])):>9} {r['volumes']:>4} {s['ingest']:7.2f} "
              f"{s['fit_predict']:7.2f} {s['register']:8.2f} {s['reference_and_report_predictions']:7.2f} "
              f"{s['write']:6.2f} {s['total']:7.2f} {r['total_ns_per_voxel_volume']:10.1f} "
              f"{r['process_wall_s']:8.1f}")
    largest = max(r["voxel_volumes"] for r in runs)
    # the largest case may have been run as several local[1], local[2] pairs (BENCH_SCALING_REPEATS): each pair
    # gives one ratio, and the median over pairs is the figure (single runs on a shared VM move by +-15 %)
    ones = [r["stage_seconds"] for r in runs if r["voxel_volumes"] == largest and r["master"] == "local[1]"]
    twos = [r["stage_seconds"] for r in runs if r["voxel_volumes"] == largest and r["master"] == "local[2]"]
    speedup, pair_totals = None, []
    if ones and twos:
        pairs = list(zip(ones, twos))
        speedup = {k: (statistics.median(one[k] / two[k] for one, two in pairs)
                       if all(two[k] > 0 for _, two in pairs) else None) for k in ones[0]}
        pair_totals = [one["total"] / two["total"] for one, two in pairs]
        of_pairs = f" (median of {len(pairs)} pairs; totals " + ", ".join(f"{v:.2f}" for v in pair_totals) + ")" \
            if len(pairs) > 1 else ""
        print("local[1]/local[2] speed-up on the largest case: " + ", ".join(
            f"{k} {v:.2f}x" for k, v in speedup.items() if v is not None) + of_pairs + " (target total >= 1.7x)")
    # a fixed cost (JIT warm-up, Spark jobs and tasks) dominates small runs, so linear growth shows in the
    # marginal cost: extra seconds per extra voxel-volume from one size to the next, which should stay flat
    growth, marginal = {}, {}
    for master in sorted({r["master"] for r in runs}):
        first_per_size = {}
        for r in runs:
            if r["master"] == master:
                first_per_size.setdefault(r["voxel_volumes"], r)
        rs = sorted(first_per_size.values(), key=lambda r: r["voxel_volumes"])
        if len(rs) > 1:
            growth[master] = rs[-1]["total_ns_per_voxel_volume"] / rs[0]["total_ns_per_voxel_volume"]
            marginal[master] = [(rb["stage_seconds"]["total"] - ra["stage_seconds"]["total"])
                                / (rb["voxel_volumes"] - ra["voxel_volumes"]) * 1e9 for ra, rb in zip(rs, rs[1:])]
            print(f"{master}: ns per voxel-volume, largest / smallest = {growth[master]:.2f}; marginal ns per extra "
                  f"voxel-volume between successive sizes: " + ", ".join(f"{m:.0f}" for m in marginal[master])
                  + " (linear growth: flat)")
    write(out, "scaling", {"runs": runs, "speedup_local1_over_local2_largest": speedup,
                           "speedup_total_per_pair_largest": pair_totals,
                           "ns_per_voxel_volume_largest_over_smallest": growth,
                           "marginal_ns_per_voxel_volume": marginal})


def memory(out, meta_json, time_v, gc_log, summary):
    with open(meta_json) as f:
        meta = json.load(f)
    rss_kb = None
    elapsed = None
    with open(time_v) as f:
        for line in f:
            if "Maximum resident set size" in line:
                rss_kb = int(line.rsplit(":", 1)[1])
            if "Elapsed (wall clock) time" in line:
                t = line.rsplit(")", 1)[1].strip(": \n").split(":")
                elapsed = sum(float(x) * 60 ** i for i, x in enumerate(reversed(t)))
    # -Xlog:gc lines: "GC(7) Pause Young (Allocation Failure) 279M->42M(989M) 12.3ms". Before a pause is the
    # most the heap held; after a full pause is the live set; after a young pause is an upper bound of it (the old
    # generation's garbage stays until a full collection)
    before, after, after_full = [], [], []
    unit = {"K": 2 ** 10, "M": 2 ** 20, "G": 2 ** 30}
    with open(gc_log) as f:
        for line in f:
            m = re.search(r"Pause.*?(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)", line)
            if m:
                before.append(int(m.group(1)) * unit[m.group(2)])
                after.append(int(m.group(3)) * unit[m.group(4)])
                if "Pause Full" in line:
                    after_full.append(after[-1])
    with open(summary) as f:
        j = json.load(f)
    series = meta["series_bytes_float32"]
    result = {**meta,
              "peak_rss_bytes": rss_kb * 1024 if rss_kb else None,
              "peak_heap_used_before_gc_bytes": max(before) if before else None,
              "peak_heap_after_gc_bytes": max(after) if after else None,
              "peak_heap_after_full_gc_bytes": max(after_full) if after_full else None,
              "gc_pauses": len(before), "process_wall_s": elapsed,
              "stage_seconds": stage_groups(j["stage_seconds"]), "mask_voxels": j["mask_voxels"]}
    mib = 2 ** 20
    print(f"series {'x'.join(map(str, meta['shape']))}x{meta['volumes']} float32 = {series / mib:.0f} MiB "
          f"({meta['series_file_bytes'] / mib:.0f} MiB on disk); {meta['master']}, driver {meta['heap']}, "
          f"model {j['model']}, {j['iterations']} iteration")
    if rss_kb:
        print(f"peak RSS {rss_kb * 1024 / mib:.0f} MiB ({rss_kb * 1024 / series:.2f} of the series)")
    if before:
        full = f", {max(after_full) / mib:.0f} MiB after a full GC" if after_full else ", no full GC"
        print(f"peak heap used {max(before) / mib:.0f} MiB (before a GC), at most {max(after) / mib:.0f} MiB after "
              f"a GC{full}; {len(before)} GC pauses")
    s = result["stage_seconds"]
    print("stages (s): " + ", ".join(f"{k} {v:.1f}" for k, v in s.items()) + f"; process {elapsed:.1f} s")
    write(out, "memory", result)


def event_lines(folder):
    """The JSON lines of the Spark event log(s) under folder (plain or rolling layout, uncompressed)."""
    files = []
    for d, _, names in os.walk(folder):
        files += [os.path.join(d, n) for n in names
                  if not n.startswith(".") and not n.startswith("appstatus") and not n.endswith(".crc")]
    for path in sorted(files):
        with open(path) as f:
            yield from (line for line in f if line.strip())


def startup(out, runs_tsv):
    runs = []
    with open(runs_tsv) as f:
        for line in f:
            t0, t_end, event_log, summary = line.rstrip("\n").split("\t")
            t0, t_end = int(t0), int(t_end)
            app_start = first_job = first_task = None
            for e in event_lines(event_log):
                d = json.loads(e)
                kind = d.get("Event")
                if kind == "SparkListenerApplicationStart" and app_start is None:
                    app_start = d["Timestamp"]
                elif kind == "SparkListenerJobStart" and first_job is None:
                    first_job = d["Submission Time"]
                elif kind == "SparkListenerTaskStart":
                    launch = d["Task Info"]["Launch Time"]
                    first_task = launch if first_task is None else min(first_task, launch)
            with open(summary) as s:
                total_job = json.load(s)["stage_seconds"]["total"]
            runs.append({"to_spark_context_s": (app_start - t0) / 1e3 if app_start else None,
                         "to_first_job_s": (first_job - t0) / 1e3 if first_job else None,
                         "to_first_task_s": (first_task - t0) / 1e3 if first_task else None,
                         "job_total_s": total_job, "process_total_s": (t_end - t0) / 1e3})
    print(f"{'run':>3} {'SparkContext':>12} {'first job':>9} {'first task':>10} {'job total':>9} {'process':>8}")
    for i, r in enumerate(runs):
        print(f"{i + 1:>3} {r['to_spark_context_s']:12.2f} {r['to_first_job_s']:9.2f} {r['to_first_task_s']:10.2f} "
              f"{r['job_total_s']:9.2f} {r['process_total_s']:8.2f}")
    med = {}
    for k in runs[0]:
        vals = sorted(r[k] for r in runs if r[k] is not None)
        med[k] = vals[len(vals) // 2] if vals else None
    print("median: " + ", ".join(f"{k} {v:.2f}" for k, v in med.items() if v is not None))
    write(out, "startup", {"unit": "seconds from the launcher's start", "runs": runs, "median": med})


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"kernels": kernels, "scaling": scaling, "memory": memory, "startup": startup}[cmd](*args)
