#!/usr/bin/env bash
# Throughput of one generated service under each framework a design may choose (nethttp, gin,
# echo), printed, never asserted: scripts/bench/trivial.topology.json generated three times with
# only its service's framework changed, the three builds run side by side, and `wrk -t2 -c64` on
# GET /items against each in turn, round after round (interleaved, so a burst of load from other
# work on the machine falls on all three alike). For each framework it prints every run's
# throughput and the server's CPU time per request (user + system, from /proc), and the medians of
# the ratios to nethttp. CPU per request is the steadier figure on a busy machine.
# Needs go and wrk (apt-get install wrk).
# Usage: scripts/bench-frameworks.sh [seconds-per-run] [rounds]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
secs="${1:-3}"
rounds="${2:-7}"
frameworks=(nethttp gin echo)
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

declare -A pid port
n=0
for f in "${frameworks[@]}"; do
  sed "s/\"framework\": \"nethttp\"/\"framework\": \"$f\"/" "$here/bench/trivial.topology.json" >"$work/$f.topology.json"
  grep -q "\"framework\": \"$f\"" "$work/$f.topology.json"
  "$root/topograph" generate "$work/$f.topology.json" -o "$work/$f" >/dev/null
  (cd "$work/$f/services/items" && CGO_ENABLED=0 go build -trimpath -o "$work/items-$f" ./cmd/items)
  port[$f]=$((18191 + n))
  PORT=${port[$f]} METRICS_PORT=$((38191 + n)) ADMIN_PORT=$((28191 + n)) "$work/items-$f" >/dev/null 2>&1 &
  pid[$f]=$!
  n=$((n + 1))
done
sleep 2
for f in "${frameworks[@]}"; do
  curl -fsS "http://127.0.0.1:${port[$f]}/items" >/dev/null || { echo "the $f service does not answer" >&2; exit 1; }
done
rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
echo "idle RSS: $(for f in "${frameworks[@]}"; do printf '%s %s MB  ' "$f" "$(rss "${pid[$f]}")"; done)"

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# run PORT PID: one wrk run; prints "requests/s CPU-microseconds-per-request".
run() {
  local c0 c1 out
  c0=$(cpu "$2")
  out=$(wrk -t2 -c64 -d"${secs}s" "http://127.0.0.1:$1/items")
  c1=$(cpu "$2")
  echo "$out" | awk -v c=$((c1 - c0)) -v t="$ticks" '
    /requests in/ {n = $1} /Requests\/sec/ {r = $2}
    END {printf "%s %.2f\n", r, c / t * 1e6 / n}'
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

declare -A rps us rr cr
for _ in $(seq "$rounds"); do
  declare -A r c
  for f in "${frameworks[@]}"; do
    read -r r[$f] c[$f] < <(run "${port[$f]}" "${pid[$f]}")
    rps[$f]+="${r[$f]} "; us[$f]+="${c[$f]} "
  done
  for f in "${frameworks[@]}"; do
    rr[$f]+="$(awk -v a="${r[$f]}" -v b="${r[nethttp]}" 'BEGIN {printf "%.3f", a / b}') "
    cr[$f]+="$(awk -v x="${c[$f]}" -v y="${c[nethttp]}" 'BEGIN {printf "%.3f", y / x}') "
  done
done
echo "GET /items, wrk -t2 -c64 -d${secs}s, $rounds interleaved rounds"
for f in "${frameworks[@]}"; do
  # shellcheck disable=SC2086
  echo "  $f: ${rps[$f]}req/s (median $(median ${rps[$f]})); CPU ${us[$f]}us/request (median $(median ${us[$f]}))"
done
for f in gin echo; do
  # shellcheck disable=SC2086
  echo "  $f / nethttp: throughput $(median ${rr[$f]}), requests per CPU-second $(median ${cr[$f]}) (medians of per-round ratios)"
done
echo "RSS after load: $(for f in "${frameworks[@]}"; do printf '%s %s MB  ' "$f" "$(rss "${pid[$f]}")"; done)"
