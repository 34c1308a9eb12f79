#!/usr/bin/env bash
# LOVO kernel benchmark: dwimotion's DTI/DKI OLS/WLS kernels on the shared phantom (21,738 mask voxels x 96
# volumes, all 90 diffusion-weighted volumes held out), single-threaded, against DIPY 1.6.0's own LOVO loop
# (timed on a few held-out volumes and scaled to 90) in the same run, when /usr/bin/python3 has dipy.
#
#   scripts/bench-kernels.sh [CONFIGS=dti-ols,dki-ols,dti-wls,dki-wls] [DIPY_HELDOUT=3]
#
# Needs ../shared/data/phantom (or $DWIMOTION_SHARED/data/phantom), a JDK 17 and Maven (offline is fine).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
configs=${1:-dti-ols,dki-ols,dti-wls,dki-wls}
heldout=${2:-3}
phantom=${DWIMOTION_SHARED:-$root/../shared}/data/phantom
py=/usr/bin/python3
(cd "$root" && mvn -B -o -q -pl common test-compile)
slf4j=$(find "$HOME/.m2/repository/org/slf4j/slf4j-api" -name 'slf4j-api-2*.jar' | sort | tail -1)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "== dwimotion LOVO kernels (1 thread, JDK $(java -version 2>&1 | head -1 | cut -d'"' -f2)) =="
java -XX:ActiveProcessorCount=1 -cp "$root/common/target/classes:$root/common/target/test-classes:$slf4j" \
  org.dwimotion.model.bench.LovoKernelBenchmark "$phantom" 3 5 4096 "$configs" 2>/dev/null | tee -a "$out"
if "$py" -c 'import dipy, nibabel' 2>/dev/null; then
  echo "== DIPY $("$py" -c 'import dipy; print(dipy.__version__)') (1 thread, $heldout held-out volumes, scaled to 90) =="
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    "$py" "$root/scripts/bench_lovo_dipy.py" "$phantom" --heldout "$heldout" --configs "$configs" | tee -a "$out"
  echo "== ratio (DIPY time for 90 held-out volumes / dwimotion CPU time) =="
  awk '/^RESULT/ { for (i = 3; i <= NF; i++) { split($i, kv, "="); v[$2 "," kv[1]] = kv[2] } seen[$2] = 1 }
       END { for (c in seen) if ((c ",dipy_90_s") in v && (c ",java_cpu_s") in v)
               printf "%-8s dwimotion %8.3f s   DIPY %9.2f s   ratio %7.1fx\n", c, v[c ",java_cpu_s"], v[c ",dipy_90_s"], v[c ",dipy_90_s"] / v[c ",java_cpu_s"] }' "$out" | sort
else
  echo "(DIPY half skipped: $py cannot import dipy and nibabel)"
fi
