#!/usr/bin/env bash
# Driver heap of `dwimotion run --bids` versus the number of series (issue #8: driver memory must stay flat).
#
#   scripts/bench-driver-heap.sh [N ...]          default: 1 10 100
#
# Simulates one tiny series with `dwimotion simulate` (16x18x16 voxels, 1 shell x 8 directions + 2 b=0), links it
# as sub-0001 ... sub-N of a BIDS dataset, runs `dwimotion run --bids` on local[2] (DTI, 1 iteration, no shell
# alignment, 4 series at a time) with the hidden --heap-sample-after-gc (a full GC before each heap sample, so
# samples are the live set), and prints the DriverHeap figures of the run summary. Driver JVM: -Xmx1g -XX:+UseSerialGC (DWIMOTION_JAVA_OPTS
# replaces both).
# Work folder: target/bench-driver-heap (BENCH_DIR overrides). Needs `mvn -DskipTests package` first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
counts=("$@")
[[ ${#counts[@]} -gt 0 ]] || counts=(1 10 100)
work=${BENCH_DIR:-$root/target/bench-driver-heap}
export DWIMOTION_JAVA_OPTS=${DWIMOTION_JAVA_OPTS:--Xmx1g -XX:+UseSerialGC}
dwimotion() { "$root/scripts/dwimotion" "$@"; }

rm -rf "$work"
mkdir -p "$work"
dwimotion simulate --output "$work/series" --shape 16,18,16 --voxel 5 --shells 1000 --directions 8 --b0 2 \
  --spikes 1 --seed 7 > "$work/simulate.log"

printf '%8s %10s %14s %14s %10s\n' series wall_s max_used_MB last_used_MB samples
for n in "${counts[@]}"; do
  bids="$work/bids-$n" out="$work/out-$n"
  mkdir -p "$bids"
  echo '{"Name": "driver heap benchmark", "BIDSVersion": "1.9.0"}' > "$bids/dataset_description.json"
  for ((i = 1; i <= n; i++)); do
    s=$(printf 'sub-%04d' "$i")
    mkdir -p "$bids/$s/dwi"
    for ext in nii.gz bval bvec; do ln "$work/series/dwi.$ext" "$bids/$s/dwi/${s}_dwi.$ext"; done
  done
  start=$(date +%s.%N)
  dwimotion run --bids "$bids" --output "$out" --master 'local[2]' --model dti --iterations 1 \
    --shell-alignment none --concurrent-series 4 --heap-sample-after-gc > "$work/run-$n.log" 2>&1 || {
      echo "run of $n series failed; see $work/run-$n.log" >&2; exit 1; }
  end=$(date +%s.%N)
  summary=$(ls "$out"/dwimotion_run-*.json | tail -1)
  python3 - "$summary" "$n" "$start" "$end" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); h = s["DriverHeap"]
assert s["Counts"]["Processed"] == int(sys.argv[2]), s["Counts"]
print("%8s %10.1f %14.1f %14.1f %10d" % (sys.argv[2], float(sys.argv[4]) - float(sys.argv[3]),
      h["MaxUsedBytes"] / 2**20, h["LastUsedBytes"] / 2**20, h["Samples"]))
PY
done
