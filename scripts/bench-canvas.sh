#!/usr/bin/env bash
# Figures of the designer canvas (issue 4), printed, never asserted: cold start to first frame,
# memory with the shop example open, and frames per second while the camera pans and zooms over
# a 1,000-node / 2,000-edge design (dev.topograph.app.bench.CanvasBenchmark).
#
# Runs the real designer window with JavaFX's software pipeline (-Dprism.order=sw) on $DISPLAY;
# with no DISPLAY it starts an Xvfb on :99. Every run is a fresh JVM, so every run is a cold
# start (with the OS's file cache warm). The classes are copied aside before the runs, so a
# build started meanwhile (others' work) cannot pull them from under a run.
#
# Usage: scripts/bench-canvas.sh [runs per layout] [seconds per scenario] [layouts]
#   defaults: 3 runs, 10 s, "elk grid"; SHOTS=dir writes canvas pictures at fixed cameras;
#   LIVE=20 shows live figures on the 20 services nearest the view's centre, renewed every second.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${1:-3}"
secs="${2:-10}"
layouts="${3:-elk grid}"

cd "$root"
mvn -B -ntp -q -o install -DskipTests -pl runtime-templates,model
mvn -B -ntp -q -o -DskipTests package -pl app
mvn -B -ntp -q -o test-compile -pl app

work="$(mktemp -d)"
cleanup() {
  [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cp -r app/target/classes app/target/test-classes app/target/lib "$work/"
cp="$work/test-classes:$work/classes:$(ls "$work"/lib/*.jar | tr '\n' ':')"

if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY=:99
  if ! xdpyinfo >/dev/null 2>&1; then
    Xvfb :99 -screen 0 1600x1000x24 >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
  fi
fi

echo "canvas benchmark: $runs run(s) per layout ($layouts), ${secs} s per scenario after 2 s warm-up,${LIVE:+ live figures on $LIVE services,}"
echo "  DISPLAY=$DISPLAY, software pipeline, $(nproc) cores, $(java -version 2>&1 | head -1)"
for layout in $layouts; do
  for i in $(seq 1 "$runs"); do
    echo "--- layout $layout, run $i (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    java -Dprism.order=sw -Dbench.seconds="$secs" -Dbench.layout="$layout" \
      ${SHOTS:+-Dbench.shots="$SHOTS/$layout-$i"} ${LIVE:+-Dbench.live="$LIVE"} -Dbench.launchedAt="$(date +%s%3N)" \
      -cp "$cp" dev.topograph.app.bench.CanvasBenchmark 2>"$work/stderr" | tee -a "$work/$layout.out" \
      || { cat "$work/stderr" >&2; exit 1; }
  done
done

echo
echo "=== medians over the runs (fps: median of the per-run medians, and the lowest one-second figure seen)"
for layout in $layouts; do
  awk -v layout="$layout" '
    /^cold start \(process launch -> first frame\)/ { first[++nf] = $(NF-1) }
    /^cold start \(process launch -> example drawn\)/ { drawn[++nd] = $(NF-1) }
    /^memory, shop example open/ { heap[++nh] = $7; rss[nh] = $(NF-1) }
    /^fps / {
      name = substr($0, 5, 34); sub(/ +$/, "", name)
      if (!(name in count)) order[++ns] = name
      count[name]++
      split(substr($0, index($0, "median")), f, " "); fps[name, count[name]] = f[2]
      low = f[4]; if (!(name in lowest) || low + 0 < lowest[name] + 0) lowest[name] = low
    }
    function median(a, n,   i, j, t, b) {
      for (i = 1; i <= n; i++) b[i] = a[i] + 0
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (b[j] < b[i]) { t = b[i]; b[i] = b[j]; b[j] = t }
      return b[int((n + 1) / 2)]
    }
    END {
      printf "%s: cold start to first frame %d ms, to the example drawn %d ms; shop open: heap %s MB, RSS %s MB\n",
        layout, median(first, nf), median(drawn, nd), median(heap, nh), median(rss, nh)
      for (s = 1; s <= ns; s++) {
        name = order[s]
        for (r = 1; r <= count[name]; r++) v[r] = fps[name, r]
        printf "  %-34s %3d fps (lowest second %d)\n", name, median(v, count[name]), lowest[name]
      }
    }' "$work/$layout.out"
done
