#!/usr/bin/env bash
# LOVO kernel benchmark: dwimotion's DTI/DKI OLS/WLS kernels on the shared phantom (21,738 mask voxels x 96
# volumes, all 90 diffusion-weighted volumes held out), single-threaded, against DIPY 1.6.0's own LOVO loop
# (timed on a few held-out volumes and scaled to 90) in the same run, when /usr/bin/python3 has dipy.
#
#   scripts/bench-kernels.sh [--jmh] [CONFIGS=dti-ols,dki-ols,dti-wls,dki-wls] [DIPY_HELDOUT=3]
#
# Default: org.dwimotion.model.bench.LovoKernelBenchmark (common test sources, offline), median thread CPU time.
# --jmh: the JMH benchmark org.dwimotion.bench.LovoKernelJmh (module benchmarks/, Maven profile "bench"; the first
# build downloads JMH 1.37 when it is not in ~/.m2): CPU time per pass (CpuTimeProfiler, mean of 5 iterations) for
# the ratio, and the median wall time of the sampled passes (JMH sample mode) for information.
# Both run the kernels with --add-modules jdk.incubator.vector, as Spark and the CLI do (vectorised logarithm).
#
# Needs ../shared/data/phantom (or $DWIMOTION_SHARED/data/phantom), a JDK 17 and Maven.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jmh=0
if [ "${1:-}" = "--jmh" ]; then
  jmh=1
  shift
fi
configs=${1:-dti-ols,dki-ols,dti-wls,dki-wls}
heldout=${2:-3}
phantom=${DWIMOTION_SHARED:-$root/../shared}/data/phantom
py=/usr/bin/python3
out=$(mktemp)
csv=$(mktemp)
trap 'rm -f "$out" "$csv"' EXIT
jdk=$(java -version 2>&1 | head -1 | cut -d'"' -f2)
if [ "$jmh" = 1 ]; then
  build=(mvn -B -q -Pbench -pl benchmarks -am -DskipTests package)
  (cd "$root" && { "${build[@]}" -o 2>/dev/null || "${build[@]}"; })
  echo "== dwimotion LOVO kernels, JMH (1 thread, JDK $jdk; ms per pass over all held-out volumes) =="
  java -jar "$root/benchmarks/target/benchmarks.jar" LovoKernelJmh -p config="$configs" \
    -prof org.dwimotion.bench.CpuTimeProfiler -jvmArgsAppend "-Ddwimotion.phantom=$phantom" -rf csv -rff "$csv" \
    | grep -E '^(Benchmark|LovoKernelJmh.lovoAllVolumes( |:cpu|:p0.50))'
  # CSV rows: "…lovoAllVolumes:cpu" (CPU ms per pass, mean of the iterations: compared with DIPY's CPU time) and
  # "…lovoAllVolumes:p0.50" (median wall ms of the sampled passes), then ms/op, chunk, config
  awk -F, '{ gsub(/["\r]/, "", $1); gsub(/["\r]/, "", $9) }
           $1 ~ /lovoAllVolumes:cpu$/ { cpu[$9] = $5 / 1000 } $1 ~ /lovoAllVolumes:p0.50$/ { wall[$9] = $5 / 1000 }
           END { for (c in cpu) printf "RESULT %s java_s=%.4f java_wall_median_s=%.4f\n", c, cpu[c], wall[c] }' "$csv" \
    | sort | tee -a "$out"
else
  (cd "$root" && mvn -B -o -q -pl common test-compile)
  slf4j=$(find "$HOME/.m2/repository/org/slf4j/slf4j-api" -name 'slf4j-api-2*.jar' | sort | tail -1)
  echo "== dwimotion LOVO kernels (1 thread, JDK $jdk; median CPU s per pass over all held-out volumes) =="
  java -XX:ActiveProcessorCount=1 --add-modules jdk.incubator.vector \
    -cp "$root/common/target/classes:$root/common/target/test-classes:$slf4j" \
    org.dwimotion.model.bench.LovoKernelBenchmark "$phantom" 3 7 4096 "$configs" 2>/dev/null \
    | sed 's/java_cpu_s=/java_s=/' | tee -a "$out"
fi
if "$py" -c 'import dipy, nibabel' 2>/dev/null; then
  echo "== DIPY $("$py" -c 'import dipy; print(dipy.__version__)') (1 thread, $heldout held-out volumes, scaled to 90) =="
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    "$py" "$root/scripts/bench_lovo_dipy.py" "$phantom" --heldout "$heldout" --configs "$configs" | tee -a "$out"
  echo "== ratio (DIPY time for 90 held-out volumes / dwimotion time) =="
  awk '/^RESULT/ { for (i = 3; i <= NF; i++) { split($i, kv, "="); v[$2 "," kv[1]] = kv[2] } seen[$2] = 1 }
       END { for (c in seen) if ((c ",dipy_90_s") in v && (c ",java_s") in v)
               printf "%-8s dwimotion %8.4f s   DIPY %9.2f s   ratio %7.1fx\n", c, v[c ",java_s"], v[c ",dipy_90_s"], v[c ",dipy_90_s"] / v[c ",java_s"] }' "$out" | sort
else
  echo "(DIPY half skipped: $py cannot import dipy and nibabel)"
fi
echo "load: $(uptime | sed 's/.*load average/load average/')"
