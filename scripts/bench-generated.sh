#!/usr/bin/env bash
# Figures of the generated Go code (issue 2), printed, never asserted:
#   1. idle RSS of a generated service,
#   2. throughput of a trivial GET on a generated service vs a hand-written net/http server,
#      same machine, same wrk settings, interleaved runs, medians and their ratio.
# Needs go and wrk (apt-get install wrk). Usage: scripts/bench-generated.sh [seconds-per-run]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
secs="${1:-5}"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

"$root/topograph" generate "$here/bench/trivial.topology.json" -o "$work/trivial" >/dev/null
(cd "$work/trivial/services/items" && CGO_ENABLED=0 go build -trimpath -o "$work/items" ./cmd/items)
(cd "$here/bench/handwritten" && CGO_ENABLED=0 go build -trimpath -o "$work/handwritten" .)

PORT=18181 METRICS_PORT=38181 ADMIN_PORT=28181 "$work/items" >/dev/null 2>&1 &
gen_pid=$!
PORT=18182 "$work/handwritten" >/dev/null 2>&1 &
hand_pid=$!
sleep 2
rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
echo "idle RSS: generated service $(rss $gen_pid) MB, hand-written $(rss $hand_pid) MB"

rate() { wrk -t2 -c64 -d"${secs}s" "http://127.0.0.1:$1/items" | awk '/Requests\/sec/ {print $2}'; }
gen=(); hand=()
for i in 1 2 3; do
  gen+=("$(rate 18181)")
  hand+=("$(rate 18182)")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
g=$(median "${gen[@]}"); h=$(median "${hand[@]}")
echo "GET /items, wrk -t2 -c64 -d${secs}s, 3 interleaved runs each:"
echo "  generated:   ${gen[*]} req/s (median $g)"
echo "  hand-written: ${hand[*]} req/s (median $h)"
awk -v g="$g" -v h="$h" 'BEGIN {printf "  generated / hand-written = %.2f\n", g/h}'
echo "RSS after load: generated $(rss $gen_pid) MB, hand-written $(rss $hand_pid) MB"
