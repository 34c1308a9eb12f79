#!/usr/bin/env bash
# dwimotion benchmarks (issue #9): prints a table per section and writes target/bench/<section>.json.
#
#   scripts/bench.sh [--quick] [kernels] [scaling] [memory] [startup]      default: all four, full size
#
# Needs `mvn -B -ntp -DskipTests package` first, python3 and /usr/bin/time. Sections:
#   kernels  scripts/bench-kernels.sh (LOVO kernels, 1 thread; DIPY side when /usr/bin/python3 has dipy); needs
#            ../shared/data/phantom (or $DWIMOTION_SHARED/data/phantom), else skipped
#   scaling  simulated series of 1x, 8x, 27x a base grid (same field of view), each run on local[1] and local[2]
#            (DTI, WLS, 1 iteration, no shell alignment); per-stage seconds from run_summary.json, time per
#            voxel-volume, speed-up
#   memory   a simulated 128x128x80x300 float32 series (1.57 GB uncompressed) run on local[2] with a 1 GiB heap
#            (--model b0, 1 iteration, no shell alignment): peak heap (GC log) and peak RSS (/usr/bin/time -v);
#            the run gets scripts/dwimotion's memory defaults (DWIMOTION_JVM_MEMORY_OPTS and MALLOC_ARENA_MAX change them)
#   startup  a tiny series (16x18x16x10) run 3 times on local[2] (DTI, 1 iteration, no shell alignment):
#            launcher start to SparkContext, first job, first task (Spark event log) and end
# --quick runs every section at a reduced size (a check of the script in about 2 minutes, not a measurement).
# Sizes can be set through the environment (defaults in brackets, --quick values after the slash):
#   BENCH_KERNEL_CONFIGS [dti-ols,dki-ols,dti-wls,dki-wls / dti-ols,dti-wls]  BENCH_KERNEL_DIPY_HELDOUT [3 / 1]
#   BENCH_SCALING_BASE [16,18,16]  BENCH_SCALING_FACTORS ["1 2 3" / "1 2"]  BENCH_SCALING_VOXEL_MM [10] (of the base)
#   BENCH_SCALING_SHELLS [1000,2000]  BENCH_SCALING_DIRECTIONS [30 / 12]  BENCH_SCALING_B0 [6 / 4]
#   BENCH_MEMORY_SHAPE [128,128,80 / 64,64,40]  BENCH_MEMORY_DIRECTIONS [98 / 30] (3 shells)  BENCH_MEMORY_B0 [6]
#   BENCH_MEMORY_HEAP [1g] (the run's -Xmx; the simulation always has 1g)  BENCH_STARTUP_RUNS [3 / 1]
#   BENCH_SCALING_PIN [0]: 1 runs local[1] under `taskset -c 0` (one core for the whole JVM, a fair 1-vs-2-core ratio)
#   BENCH_SCALING_REPEATS [1]: runs the largest case's local[1], local[2] pair this many times, one pair after the
#   other; the speed-up is then the median over the pairs (a single pair moves by +-15 % on a shared VM)
#   BENCH_MEMORY_SERIES: a folder with dwi.nii.gz/.bval/.bvec from an earlier memory section (e.g. a copy of
#   target/bench/work/memory): run on it instead of simulating (e.g. to compare heaps on one series)
# Work files: target/bench/work (BENCH_WORK overrides; removed at the start); JSON: target/bench (BENCH_OUT).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
quick=false
sections=()
for a in "$@"; do
  case $a in
    --quick) quick=true ;;
    kernels|scaling|memory|startup) sections+=("$a") ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument '$a' (sections: kernels scaling memory startup; option --quick)" >&2; exit 2 ;;
  esac
done
[[ ${#sections[@]} -gt 0 ]] || sections=(kernels scaling memory startup)
q() { if $quick; then echo "$2"; else echo "$1"; fi; }

out_dir=${BENCH_OUT:-$root/target/bench}
work=${BENCH_WORK:-$root/target/bench/work}
collect() { python3 "$root/scripts/bench_collect.py" "$@"; }
dwimotion() { "$root/scripts/dwimotion" "$@"; }
now_ms() { date +%s%3N; }
[[ -f $root/spark-job/target/dwimotion.jar ]] || { echo "bench.sh: build first: mvn -B -ntp -DskipTests package" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work" "$out_dir"
$quick && echo "(--quick: reduced sizes, a check of the script rather than a measurement)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"

section_kernels() {
  local phantom=${DWIMOTION_SHARED:-$root/../shared}/data/phantom
  if [[ ! -d $phantom ]]; then
    echo "(kernels skipped: no phantom at $phantom; set DWIMOTION_SHARED)"
    return 0
  fi
  "$root/scripts/bench-kernels.sh" "${BENCH_KERNEL_CONFIGS:-$(q dti-ols,dki-ols,dti-wls,dki-wls dti-ols,dti-wls)}" \
    "${BENCH_KERNEL_DIPY_HELDOUT:-$(q 3 1)}" | tee "$work/kernels.log"
  collect kernels "$out_dir/kernels.json" "$work/kernels.log"
}

# simulate DIR SHAPE VOXEL_MM SHELLS DIRECTIONS B0 [SEED]: a series with the default motion and noise. Point
# samples (--voxel-samples 1): these sections time the job, not its accuracy, and the voxel-averaged default would
# double the simulation time (the memory section's 1.57 GB series most) and change the images every figure in
# docs/benchmarks.md was taken on
simulate() {
  dwimotion simulate --output "$1" --shape "$2" --voxel "$3" --shells "$4" --directions "$5" --b0 "$6" \
    --seed "${7:-9}" --voxel-samples 1 > "$1.log" 2>&1 || { cat "$1.log" >&2; return 1; }
  tail -1 "$1.log" | sed 's/WARNING.*//'
}

section_scaling() {
  local base=${BENCH_SCALING_BASE:-16,18,16} factors=${BENCH_SCALING_FACTORS:-$(q "1 2 3" "1 2")}
  local voxel=${BENCH_SCALING_VOXEL_MM:-10} shells=${BENCH_SCALING_SHELLS:-1000,2000}
  local dirs=${BENCH_SCALING_DIRECTIONS:-$(q 30 12)} b0=${BENCH_SCALING_B0:-$(q 6 4)}
  local bx by bz f shape vmm nv master t0 t1 out pin
  IFS=, read -r bx by bz <<< "$base"
  : > "$work/scaling.tsv"
  echo "== scaling: DTI, WLS, 1 iteration, rigid; base ${base} at ${voxel} mm, factors ${factors} per axis =="
  for f in $factors; do
    shape="$((bx * f)),$((by * f)),$((bz * f))"
    vmm=$(awk -v v="$voxel" -v f="$f" 'BEGIN { printf "%.4f", v / f }') # same field of view at every size
    simulate "$work/scaling-$f" "$shape" "$vmm" "$shells" "$dirs" "$b0"
    nv=$(wc -w < "$work/scaling-$f/dwi.bval")
    local reps=1 rep
    [[ $f == "${factors##* }" ]] && reps=${BENCH_SCALING_REPEATS:-1}
    for rep in $(seq "$reps"); do
    for master in 'local[1]' 'local[2]'; do
      out="$work/scaling-$f-out-${master//[^0-9]/}-$rep"
      pin=()
      # local[1] pinned to one core: otherwise its JIT, GC and output gzip threads use the second core and the
      # 1-vs-2-core ratio understates what a second core buys
      [[ ${BENCH_SCALING_PIN:-0} == 1 && $master == 'local[1]' ]] && pin=(taskset -c 0)
      t0=$(now_ms)
      # --shell-alignment none: the engine's stages, as measured before `mi` became the default (its registrations
      # run on the driver, 2-8 s per series; docs/benchmarks.md)
      ${pin[@]+"${pin[@]}"} "$root/scripts/dwimotion" run --dwi "$work/scaling-$f/dwi.nii.gz" --output "$out" --master "$master" --model dti --fit wls \
        --iterations 1 --shell-alignment none > "$out.log" 2>&1 || { tail -20 "$out.log" >&2; return 1; }
      t1=$(now_ms)
      printf '%s\t%s\t%s\t%s\t%s\n' "$master" "${shape//,/$'\t'}" "$nv" \
        "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) / 1000 }')" "$out/run_summary.json" >> "$work/scaling.tsv"
      echo "  $shape x $nv on $master: $(( (t1 - t0) / 1000 )) s"
    done
    done
  done
  collect scaling "$out_dir/scaling.json" "$work/scaling.tsv"
}

section_memory() {
  local shape=${BENCH_MEMORY_SHAPE:-$(q 128,128,80 64,64,40)} dirs=${BENCH_MEMORY_DIRECTIONS:-$(q 98 30)}
  local b0=${BENCH_MEMORY_B0:-6} heap=${BENCH_MEMORY_HEAP:-1g} s="$work/memory" nx ny nz nv
  IFS=, read -r nx ny nz <<< "$shape"
  echo "== memory: ${shape} x $((b0 + 3 * dirs)) volumes, local[2], driver -Xmx$heap, model b0, 1 iteration =="
  if [[ -n ${BENCH_MEMORY_SERIES:-} ]]; then
    s=$BENCH_MEMORY_SERIES
    [[ -f $s/dwi.nii.gz && -f $s/dwi.bval ]] || { echo "bench.sh: no dwi.nii.gz + dwi.bval in $s" >&2; return 1; }
    read -r nx ny nz < <(python3 -c 'import gzip, struct, sys
d = struct.unpack("<8h", gzip.open(sys.argv[1]).read(56)[40:56])
print(d[1], d[2], d[3])' "$s/dwi.nii.gz")
    echo "(series from $s, not simulated)"
  else
    # the simulator streams (a batch of volumes at a time): a 1 GiB heap is enough
    DWIMOTION_JAVA_OPTS="-Xmx1g" \
      simulate "$s" "$shape" "$(awk -v x="$nx" 'BEGIN { printf "%.4f", 180 / x }')" 1000,2000,3000 "$dirs" "$b0"
  fi
  nv=$(wc -w < "$s/dwi.bval")
  DWIMOTION_JAVA_OPTS="-Xmx$heap -XX:+UseSerialGC -Xlog:gc:file=$work/memory-gc.log" \
    /usr/bin/time -v -o "$work/memory-time.txt" "$root/scripts/dwimotion" run --dwi "$s/dwi.nii.gz" \
    --output "$work/memory-out" --master 'local[2]' --model b0 --iterations 1 --shell-alignment none \
    > "$work/memory-out.log" 2>&1 \
    || { tail -20 "$work/memory-out.log" >&2; return 1; }
  python3 - "$work/memory-meta.json" "$nx" "$ny" "$nz" "$nv" "$heap" "$(stat -c %s "$s/dwi.nii.gz")" <<'PY'
import json, sys
out, nx, ny, nz, nv, heap, size = sys.argv[1:]
shape = [int(nx), int(ny), int(nz)]
json.dump({"shape": shape, "volumes": int(nv), "series_bytes_float32": 4 * shape[0] * shape[1] * shape[2] * int(nv),
           "series_file_bytes": int(size), "master": "local[2]", "heap": "-Xmx" + heap, "gc": "serial",
           "model": "b0", "iterations": 1}, open(out, "w"))
PY
  collect memory "$out_dir/memory.json" "$work/memory-meta.json" "$work/memory-time.txt" "$work/memory-gc.log" \
    "$work/memory-out/run_summary.json"
}

section_startup() {
  local runs=${BENCH_STARTUP_RUNS:-$(q 3 1)} s="$work/startup" i t0 t1 out
  echo "== startup: 16x18x16 x 10 volumes, local[2], DTI, 1 iteration, $runs run(s) =="
  simulate "$s" 16,18,16 10 1000 8 2
  : > "$work/startup.tsv"
  for ((i = 1; i <= runs; i++)); do
    out="$s-out-$i"
    mkdir -p "$out-events"
    t0=$(now_ms)
    dwimotion run --dwi "$s/dwi.nii.gz" --output "$out" --master 'local[2]' --model dti --iterations 1 \
      --shell-alignment none --spark-conf spark.eventLog.enabled=true --spark-conf "spark.eventLog.dir=file://$out-events" \
      --spark-conf spark.eventLog.compress=false > "$out.log" 2>&1 || { tail -20 "$out.log" >&2; return 1; }
    t1=$(now_ms)
    printf '%s\t%s\t%s\t%s\n' "$t0" "$t1" "$out-events" "$out/run_summary.json" >> "$work/startup.tsv"
  done
  collect startup "$out_dir/startup.json" "$work/startup.tsv"
}

start=$(now_ms)
for s in "${sections[@]}"; do
  t=$(now_ms)
  "section_$s"
  echo "-- $s: $(( ($(now_ms) - t) / 1000 )) s"
done
echo "bench.sh: ${sections[*]} in $(( ($(now_ms) - start) / 1000 )) s; JSON in $out_dir"
