#!/usr/bin/env bash
# CPU seconds of one `dwimotion run`, by JVM thread group: Spark's task threads, the driver's main thread, the JIT
# compilers, the collector, the output's gzip threads, … (docs/benchmarks.md, "What the register stage's two-thread
# slowdown is"). Reads /proc/<pid>/task/*/stat every 0.5 s and keeps each thread's last value, so threads that end
# before the run does are counted too.
#
#   scripts/dev/thread-cpu.sh CORES DWI OUT [RUN OPTIONS…]
#
# CORES 1 runs local[1] pinned to one core (`taskset -c 0`, as `scripts/bench.sh scaling` with BENCH_SCALING_PIN=1),
# 2 runs local[2] unpinned. Default run options: --model dti --fit wls --iterations 1. JVM options as for
# scripts/dwimotion (DWIMOTION_JAVA_OPTS …). Prints one line: the process's CPU, the job's total, then each group.
# Linux only.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cores=$1 dwi=$2 out=$3
shift 3
opts=("$@")
[[ ${#opts[@]} -eq 0 ]] && opts=(--model dti --fit wls --iterations 1)
pin=()
[[ $cores == 1 ]] && pin=(taskset -c 0)
rm -rf "$out"
samples=$(mktemp)
trap 'rm -f "$samples"' EXIT
"${pin[@]}" "$root/scripts/dwimotion" run --dwi "$dwi" --output "$out" --master "local[$cores]" "${opts[@]}" \
  > "$out.log" 2>&1 &
pid=$!
# the launcher execs java, so $! is the JVM itself
while kill -0 "$pid" 2>/dev/null; do
  cat /proc/"$pid"/task/*/stat >> "$samples" 2>/dev/null || true
  sleep 0.5
done
wait "$pid"
python3 - "$samples" "$out" <<'PY'
import json, re, sys
last = {}
for line in open(sys.argv[1]):
    m = re.match(r'(\d+) \((.*)\) (.*)', line)
    if m:
        f = m.group(3).split()
        last[m.group(1)] = (int(f[11]) + int(f[12]), m.group(2))  # utime + stime, clock ticks
groups = {}
for ticks, name in last.values():
    g = re.sub(r'[ #\-]*\d+$', '', name)
    g = 'tasks' if g.startswith('Executor task') else 'main' if g == 'java' else g.strip()
    groups[g] = groups.get(g, 0) + ticks / 100
total = json.load(open(sys.argv[2] + '/run_summary.json'))['stage_seconds']['total']
print(f"cpu {sum(groups.values()):.1f} s, job total {total:.1f} s: "
      + "  ".join(f"{g}={s:.1f}" for g, s in sorted(groups.items(), key=lambda x: -x[1]) if s >= 0.2))
PY
