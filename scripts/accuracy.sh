#!/usr/bin/env bash
# Accuracy benchmark: simulate series with known motion, correct them with dwimotion (and with DIPY's
# register-to-b0 motion correction when /usr/bin/python3 has dipy), score both with `dwimotion evaluate`, and
# print per case and volume class the median and 95th percentile of the per-volume displacement error (mm).
#
#   scripts/accuracy.sh [OUT]        (default OUT: target/accuracy; an existing OUT is reused case by case)
#
# Environment: ACCURACY_CASES (space-separated subset of: single three-shell large-motion affine three-shell-dti;
# default all), ACCURACY_SHAPE (default 70,84,70), ACCURACY_VOXEL (default 2.5), ACCURACY_MASTER (default
# local[*]), ACCURACY_ITERATIONS (default: the job's auto: DTI until settled, then DKI; 4 affine), ACCURACY_RUN_OPTS (extra `dwimotion run` options, e.g.
# "--initial-motion none"; default none), ACCURACY_DIPY (1 = run DIPY when available, the default; 0 = skip).
# Cases run one after the other. Needs `mvn -B -ntp -DskipTests package` first (built when missing).
# The default grid is a realistic 2.5 mm (a 175x210x175 mm field of view): about 1 min per case for dwimotion on
# 2 cores, 12-26 min per case for DIPY (single-threaded), so about 5 min with ACCURACY_DIPY=0 and about 1.5 h with
# DIPY. A coarse quick look (the targets are out of reach there: the registration floor is 0.05-0.13 mm):
#   ACCURACY_SHAPE=32,38,32 ACCURACY_VOXEL=5.5 scripts/accuracy.sh OUT   (about 15 min with DIPY; docs/accuracy.md)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/target/accuracy}
shape=${ACCURACY_SHAPE:-70,84,70}
voxel=${ACCURACY_VOXEL:-2.5}
master=${ACCURACY_MASTER:-local[*]}
iterations=${ACCURACY_ITERATIONS:+--iterations $ACCURACY_ITERATIONS}
extra=${ACCURACY_RUN_OPTS:-}
cases=${ACCURACY_CASES:-single three-shell large-motion affine three-shell-dti}
dwimotion=$root/scripts/dwimotion
if [[ ! -f $root/spark-job/target/dwimotion.jar || ! -f $root/spark-job/target/local-classpath.txt ]]; then
  (cd "$root" && mvn -B -ntp -q -DskipTests package)
fi
dipy=0
if [[ ${ACCURACY_DIPY:-1} == 1 ]] && /usr/bin/python3 -c 'import dipy.align' 2>/dev/null; then
  dipy=1
fi
mkdir -p "$out"

# case name -> simulate options | run options | DIPY option
spec() {
  case $1 in
    single)         echo "--shells 1000 --directions 60 --b0 4|--model auto||" ;;
    three-shell)    echo "--shells 1000,2000,3000 --directions 20 --b0 4|--model auto||" ;;
    three-shell-dti) echo "--shells 1000,2000,3000 --directions 20 --b0 4|--model dti||" ;;
    large-motion)   echo "--shells 1000,2000 --directions 20 --b0 4 --max-translation 5 --max-rotation 5|--model auto||" ;;
    affine)         echo "--shells 1000,2000 --directions 20 --b0 4 --eddy 0.03|--model auto --transform affine|--affine|" ;;
    *) echo "unknown case $1" >&2; exit 1 ;;
  esac
}

for c in $cases; do
  IFS='|' read -r sim_opts run_opts dipy_opts _ <<<"$(spec "$c")"
  dir=$out/$c
  sim=$dir/sim
  # three-shell-dti reuses the three-shell series
  [[ $c == three-shell-dti && -d $out/three-shell/sim ]] && sim=$out/three-shell/sim
  mkdir -p "$dir"
  if [[ ! -f $sim/motion_truth.json ]]; then
    # shellcheck disable=SC2086
    "$dwimotion" simulate --output "$sim" --shape "$shape" --voxel "$voxel" --snr 30 --seed 1 $sim_opts
  fi
  if [[ ! -f $dir/ours.tsv ]]; then
    echo "== $c: dwimotion run $run_opts"
    t0=$SECONDS
    rm -rf "$dir/run"
    # shellcheck disable=SC2086
    "$dwimotion" run --master "$master" --dwi "$sim/dwi.nii.gz" --output "$dir/run" $iterations \
      $run_opts $extra > "$dir/run.log" 2>&1 || { tail -5 "$dir/run.log"; exit 1; }
    echo "$((SECONDS - t0))" > "$dir/ours.seconds"
    "$dwimotion" evaluate --truth "$sim" --result "$dir/run" --report "$dir/ours.json"
  fi
  if [[ $dipy == 1 && $c != three-shell-dti && ! -f $dir/dipy.tsv ]]; then
    echo "== $c: DIPY motion_correction $dipy_opts"
    t0=$SECONDS
    # shellcheck disable=SC2086
    /usr/bin/python3 "$root/scripts/accuracy_dipy.py" "$sim" "$dir/dipy" $dipy_opts
    echo "$((SECONDS - t0))" > "$dir/dipy.seconds"
    "$dwimotion" evaluate --truth "$sim" --result "$dir/dipy" --report "$dir/dipy.json"
  fi
done

echo
echo "Displacement error per volume = mean over the true brain mask of |T_est(C(x)) - T_true(x)| (mm);"
echo "median and 95th percentile over the class's volumes (reference volume left out). Grid $shape at $voxel mm, SNR 30."
printf '%-16s %-6s %4s  %9s %9s  %9s %9s  %7s\n' case class n "ours med" "ours p95" "dipy med" "dipy p95" "ratio"
for c in $cases; do
  dir=$out/$c
  [[ -f $dir/ours.tsv ]] || continue
  awk -F'\t' -v c="$c" -v dipyfile="$dir/dipy.tsv" '
    BEGIN { while ((getline line < dipyfile) > 0) { split(line, f, "\t"); dm[f[1]] = f[4]; dp[f[1]] = f[5] } }
    NR > 1 {
      d1 = ($1 in dm) ? dm[$1] : "-"; d2 = ($1 in dp) ? dp[$1] : "-"
      ratio = ($1 in dm && $4 > 0) ? sprintf("%.1f", dm[$1] / $4) : "-"
      printf "%-16s %-6s %4d  %9.3f %9.3f  %9s %9s  %7s\n", c, $1, $3, $4, $5,
        (d1 == "-" ? "-" : sprintf("%.3f", d1)), (d2 == "-" ? "-" : sprintf("%.3f", d2)), ratio
    }' "$dir/ours.tsv"
done
echo "(ratio = DIPY median / dwimotion median; seconds per case in $out/*/ours.seconds, dipy.seconds)"
