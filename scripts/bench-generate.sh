#!/usr/bin/env bash
# First `topograph generate` of a 50-service design in a fresh process (issue [8]), printed, never
# asserted: each run is a new JVM writing a fresh folder. Alternates the plain JVM (`java -jar`,
# default flags, no class-data archive) with the `topograph` script (C1 only, serial GC, AppCDS)
# and prints the median wall time and CPU seconds of each. Usage: scripts/bench-generate.sh [runs]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${1:-7}"
design="$here/bench/fifty-services.topology.json"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/topograph" --version >/dev/null   # builds the app if needed, starts the class-data archive
for _ in $(seq 1 60); do ls "$root"/app/target/cds/*.jsa >/dev/null 2>&1 && break; sleep 1; done

measure() { # prints "wall cpu" of one run
  rm -rf "$work/out"
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" generate "$design" --out "$work/out" >/dev/null
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/time"
}
: >"$work/plain"; : >"$work/script"
for _ in $(seq 1 "$runs"); do
  measure java -jar "$root/app/target/topograph.jar" >>"$work/plain"
  measure "$root/topograph" >>"$work/script"
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for which in plain script; do
  printf "%-32s median wall %s s, CPU %s s (%s runs)\n" \
    "$([ $which = plain ] && echo 'java -jar (JVM defaults):' || echo './topograph (C1, serial, CDS):')" \
    "$(cut -d' ' -f1 "$work/$which" | median)" "$(cut -d' ' -f2 "$work/$which" | median)" "$runs"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
