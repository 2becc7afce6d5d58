#!/usr/bin/env bash
# Figures of the designer canvas (issue 4), printed, never asserted:
#   cold start to first frame, memory with the shop example open, and frames per second while
#   the camera pans and zooms over a laid-out 1,000-node / 2,000-edge design, per scenario.
# Runs the real designer window with JavaFX's software pipeline on $DISPLAY (an Xvfb is
# started on :99 when no display is set). Each run is a fresh JVM, so every run is a cold start.
# Usage: scripts/bench-canvas.sh [runs] [seconds-per-scenario]   (env: LAYOUT=elk|grid, SHOTS=dir)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${1:-3}"
secs="${2:-10}"

cd "$root"
mvn -B -ntp -q -o install -DskipTests -pl runtime-templates,model
mvn -B -ntp -q -o -DskipTests package -pl app
mvn -B -ntp -q -o test-compile -pl app

if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY=:99
  if ! xdpyinfo >/dev/null 2>&1; then
    Xvfb :99 -screen 0 1600x1000x24 >/dev/null 2>&1 &
    trap 'kill $!' EXIT
    sleep 1
  fi
fi

cp="app/target/test-classes:app/target/classes:$(ls app/target/lib/*.jar | tr '\n' ':')"
echo "canvas benchmark: $runs runs x 4 scenarios x ${secs}s, DISPLAY=$DISPLAY, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  echo "--- run $i"
  java -Dprism.order=sw -Dbench.seconds="$secs" -Dbench.layout="${LAYOUT:-elk}" \
    ${SHOTS:+-Dbench.shots="$SHOTS"} -Dbench.launchedAt="$(date +%s%3N)" \
    -cp "$cp" dev.topograph.app.bench.CanvasBenchmark 2>/dev/null
done
