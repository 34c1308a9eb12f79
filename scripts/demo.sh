#!/usr/bin/env bash
# dwimotion out of the box: simulate a small head phantom with known motion, correct it with the Spark job on
# local[*], and score the estimate against the truth.
#
#   scripts/demo.sh [OUT]            (default OUT: ./dwimotion-demo; must not exist yet)
#
# Builds first when spark-job/target/dwimotion.jar is missing (mvn -B -ntp -DskipTests package). Under a minute
# on 2 cores (docs/evaluate.md). Environment: DEMO_MASTER (default local[*]), DEMO_ITERATIONS (default auto: DTI iterations until they settle, then DKI), DEMO_SEED (default 1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-dwimotion-demo}
if [[ -e $out ]]; then
  echo "demo: $out already exists; give another folder: scripts/demo.sh OUT" >&2
  exit 1
fi
if [[ ! -f $root/spark-job/target/dwimotion.jar || ! -f $root/spark-job/target/local-classpath.txt ]]; then
  echo "== building dwimotion (mvn -B -ntp -DskipTests package)"
  (cd "$root" && mvn -B -ntp -q -DskipTests package)
fi
dwimotion=$root/scripts/dwimotion
mkdir -p "$out"
start=$SECONDS

echo "== 1/3 simulate: 32x38x32 phantom at 5 mm, b=1000/2000 x 20 directions + 4 b=0, motion up to 2 mm / 2 deg"
"$dwimotion" simulate --output "$out/sim" --shape 32,38,32 --voxel 5 --shells 1000,2000 --directions 20 --b0 4 \
  --snr 30 --max-translation 2 --max-rotation 2 --seed "${DEMO_SEED:-1}"

echo "== 2/3 run: LOVO motion correction on ${DEMO_MASTER:-local[*]}, iterations ${DEMO_ITERATIONS:-auto}"
"$dwimotion" run --master "${DEMO_MASTER:-local[*]}" --dwi "$out/sim/dwi.nii.gz" --output "$out/run" \
  --iterations "${DEMO_ITERATIONS:-auto}"

echo "== 3/3 evaluate: estimated vs true motion"
"$dwimotion" evaluate --truth "$out/sim" --result "$out/run"

cat <<INFO
== done in $((SECONDS - start)) s
   simulated series and its truth: $out/sim   (dwi.nii.gz, dwi.bval/.bvec, mask.nii.gz, motion_truth.tsv/.json)
   motion correction outputs:      $out/run   (corrected series, transforms, motion table, run summary)
   accuracy report:                $out/run/evaluation.json, $out/run/evaluation.tsv
INFO
