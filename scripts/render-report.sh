#!/usr/bin/env bash
# Renders a dwimotion QC report (…_desc-hmc_report.html) to a PNG with headless Chromium, and fails when the
# page logs anything to the console (script errors, images that do not decode).
#
#   scripts/render-report.sh REPORT.html OUT.png [WIDTH,HEIGHT]     (default 1280,2000)
#
# Needs Debian's chromium (apt-get install -y chromium; CHROMIUM=path uses another binary). The demo report of the README screenshot is written by
#   mvn -B -o -q -pl common -Dtest=ReportRenderingTest test
# to common/target/demo-report/sub-01/ses-1/dwi/sub-01_ses-1_desc-hmc_report.html.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTH,HEIGHT]" >&2
  exit 1
fi
report=$1
out=$2
size=${3:-1280,2000}
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "error: $chromium not found (apt-get install -y chromium, or set CHROMIUM)" >&2
  exit 1
fi
if [ ! -f "$report" ]; then
  echo "error: $report: no such file" >&2
  exit 1
fi

profile=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$profile" "$log"' EXIT
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
mkdir -p "$(dirname "$out")"
out_abs="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"

timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
  --enable-logging=stderr --v=0 --hide-scrollbars --window-size="$size" \
  --screenshot="$out_abs" "$url" 2>"$log" >/dev/null || true

if grep -E ':CONSOLE|Uncaught' "$log"; then
  echo "error: the report logged console messages (above)" >&2
  exit 1
fi
if [ ! -s "$out_abs" ]; then
  echo "error: no screenshot written; chromium said:" >&2
  tail -20 "$log" >&2
  exit 1
fi
echo "wrote $out ($(stat -c %s "$out_abs") bytes)"
