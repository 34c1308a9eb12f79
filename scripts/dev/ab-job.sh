#!/usr/bin/env bash
# Interleaved A/B of two dwimotion checkouts on one series: for each round, A then B pinned to one core
# (local[1], `taskset -c 0`), then A then B on local[2]; prints each run's job total and stage seconds from its
# run_summary.json. Interleaving spreads the VM's drifting core speed over both sides (docs/benchmarks.md, stop 15).
#
#   scripts/dev/ab-job.sh A_ROOT B_ROOT DWI OUT [ROUNDS=3] [RUN OPTIONS…]
#
# A_ROOT, B_ROOT: checkouts built with `mvn -B -ntp -DskipTests package` (e.g. a `git worktree` of the older commit).
# Default run options: --model dti --fit wls --iterations 1.
set -euo pipefail
a=$1 b=$2 dwi=$3 out=$4 rounds=${5:-3}
shift $(( $# < 5 ? $# : 5 ))
opts=("$@")
[[ ${#opts[@]} -eq 0 ]] && opts=(--model dti --fit wls --iterations 1)
mkdir -p "$out"
for r in $(seq 1 "$rounds"); do
  for m in 1 2; do
    for side in A B; do
      root=$([[ $side == A ]] && echo "$a" || echo "$b")
      o=$out/$side-local$m-round$r
      rm -rf "$o"
      pin=()
      [[ $m == 1 ]] && pin=(taskset -c 0)
      "${pin[@]}" "$root/scripts/dwimotion" run --dwi "$dwi" --output "$o" --master "local[$m]" "${opts[@]}" \
        > "$o.log" 2>&1
      python3 - "$o/run_summary.json" "$side" "$m" "$r" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["stage_seconds"]
print(f"round {sys.argv[4]} local[{sys.argv[3]}] {sys.argv[2]} total {s['total']:.2f} s  "
      + "  ".join(f"{k}={v:.2f}" for k, v in s.items() if k != "total"))
PY
    done
  done
done
