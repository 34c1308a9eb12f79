#!/usr/bin/env bash
# Registration benchmark: dwimotion's engine against DIPY's AffineRegistration (rigid, defaults)
# on the same phantom pairs with known motion (up to 10 mm / 10 degrees; half with extra Rician
# noise). Prints time and displacement error (median over the mask of |T_est(x) - T_true(x)|).
#
#   scripts/bench-registration.sh [PAIRS=8] [OUT=/tmp/dwimotion-bench-registration]
#
# Needs ../shared/data/phantom (or $DWIMOTION_SHARED/data/phantom), a JDK 17 and Maven (offline is fine); the
# DIPY half runs when /usr/bin/python3 can import dipy, nibabel and scipy. Both halves are single-threaded.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pairs=${1:-8}
out=${2:-/tmp/dwimotion-bench-registration}
phantom=${DWIMOTION_SHARED:-$root/../shared}/data/phantom
py=/usr/bin/python3
if ! "$py" -c 'import dipy, nibabel, scipy' 2>/dev/null; then
  echo "bench-registration: $py with dipy, nibabel and scipy is needed to build the pairs" >&2
  exit 1
fi
"$py" "$root/scripts/bench_registration_dipy.py" make --out "$out" --phantom "$phantom" --pairs "$pairs"
(cd "$root" && mvn -B -o -q -pl common test-compile)
echo "== dwimotion (rigid, default settings, 1 thread) =="
java -XX:ActiveProcessorCount=1 -cp "$root/common/target/classes:$root/common/target/test-classes" \
  org.dwimotion.registration.bench.RegistrationBenchmark "$out" 3 5
echo "== DIPY $("$py" -c 'import dipy; print(dipy.__version__)') AffineRegistration() + RigidTransform3D =="
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$py" "$root/scripts/bench_registration_dipy.py" dipy --out "$out"
