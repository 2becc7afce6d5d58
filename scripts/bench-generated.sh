#!/usr/bin/env bash
# Figures of the generated Go code (issues 2 and 12), printed, never asserted:
#   1. idle RSS of a generated service,
#   2. a trivial GET (GET /items, an empty JSON list) on a generated service beside a hand-written
#      net/http server (plain, and with the generated service's four server timeouts) and beside
#      go-zero's goctl-generated service, and the same generated service traced (spans exported
#      over OTLP/HTTP to scripts/bench/otlpsink): same machine, same wrk
#      settings, interleaved runs. For each pair it prints every run's throughput and the server's
#      CPU time per request (user + system, from /proc), and the medians of the pairwise ratios.
#      CPU per request is the steadier figure on a busy machine: a server bound by CPU serves
#      1/(CPU per request) requests per core-second.
# goctl is built once, through a throwaway module (a plain `go install …@latest` trips on the module
# proxy), into ${XDG_CACHE_HOME:-~/.cache}/topograph-bench; its service is generated in a temporary
# directory on every run and never kept.
# Needs go and wrk (apt-get install wrk).
# Usage: scripts/bench-generated.sh [--no-goctl] [seconds-per-run] [rounds]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
with_goctl=1
if [ "${1:-}" = "--no-goctl" ]; then with_goctl=0; shift; fi
secs="${1:-3}"
rounds="${2:-7}"
goctl_version=v1.9.2
cache="${XDG_CACHE_HOME:-$HOME/.cache}/topograph-bench"
work="$(mktemp -d)"
# Ahead of other work on the machine where allowed (root): the servers and wrk inherit it.
renice -n -10 $$ >/dev/null 2>&1 || true
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

"$root/topograph" generate "$here/bench/trivial.topology.json" -o "$work/trivial" >/dev/null
(cd "$work/trivial/services/items" && CGO_ENABLED=0 go build -trimpath -o "$work/items" ./cmd/items)
(cd "$here/bench/handwritten" && CGO_ENABLED=0 go build -trimpath -o "$work/handwritten" .)
(cd "$here/bench/otlpsink" && CGO_ENABLED=0 go build -trimpath -o "$work/otlpsink" .)

# goctl's service for the same endpoint: its scaffolded logic returns an empty list instead of nil.
build_goctl_service() {
  local goctl="$cache/goctl-$goctl_version"
  if [ ! -x "$goctl" ]; then
    echo "building goctl $goctl_version once (several minutes)…" >&2
    mkdir -p "$cache" "$work/goctl-build"
    (cd "$work/goctl-build" && go mod init goctlbuild >/dev/null 2>&1 &&
      go get "github.com/zeromicro/go-zero/tools/goctl@$goctl_version" >/dev/null 2>&1 &&
      go build -o "$goctl" github.com/zeromicro/go-zero/tools/goctl)
  fi
  mkdir -p "$work/gozero"
  cat >"$work/gozero/items.api" <<'EOF'
syntax = "v1"

type Item {
	Id string `json:"id"`
}

service items-api {
	@handler GetItems
	get /items returns ([]Item)
}
EOF
  (cd "$work/gozero" && "$goctl" api go -api items.api -dir svc >/dev/null)
  sed -i 's|\t// todo: add your logic here and delete this line|\tresp = []types.Item{}|' \
    "$work/gozero/svc/internal/logic/getitemslogic.go"
  (cd "$work/gozero/svc" && go mod tidy >/dev/null 2>&1 && CGO_ENABLED=0 go build -trimpath -o "$work/goctl-items" .)
  printf 'Name: items-api\nHost: 127.0.0.1\nPort: 18183\n' >"$work/goctl-items.yaml"
}
[ "$with_goctl" = 1 ] && build_goctl_service

PORT=18181 METRICS_PORT=38181 ADMIN_PORT=28181 "$work/items" >/dev/null 2>&1 &
gen_pid=$!
# The same service traced, as a local Run ▶ runs it: every request sampled (the default
# parentbased_always_on) and exported over OTLP/HTTP to a sink that only counts what it gets.
PORT=18186 "$work/otlpsink" >/dev/null 2>&1 &
PORT=18185 METRICS_PORT=38185 ADMIN_PORT=28185 OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:18186 \
  "$work/items" >/dev/null 2>&1 &
traced_pid=$!
PORT=18182 "$work/handwritten" >/dev/null 2>&1 &
hand_pid=$!
PORT=18184 "$work/handwritten" -timeouts >/dev/null 2>&1 &
timed_pid=$!
if [ "$with_goctl" = 1 ]; then
  "$work/goctl-items" -f "$work/goctl-items.yaml" >/dev/null 2>&1 &
  goctl_pid=$!
fi
sleep 2
rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
echo "idle RSS: generated service $(rss $gen_pid) MB, hand-written $(rss $hand_pid) MB"

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
# compare NAME PORT PID: interleaved runs of the generated service and the other server.
compare() {
  local gr=() gc=() or=() oc=() rr=() cr=() a b x y
  for _ in $(seq "$rounds"); do
    read -r a x < <(run 18181 "$gen_pid")
    read -r b y < <(run "$2" "$3")
    gr+=("$a"); gc+=("$x"); or+=("$b"); oc+=("$y")
    rr+=("$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", a / b}')")
    cr+=("$(awk -v x="$x" -v y="$y" 'BEGIN {printf "%.3f", y / x}')")
  done
  echo "GET /items, wrk -t2 -c64 -d${secs}s, $rounds interleaved runs each: generated vs $1"
  echo "  generated: ${gr[*]} req/s (median $(median "${gr[@]}")); CPU ${gc[*]} us/request (median $(median "${gc[@]}"))"
  echo "  $1: ${or[*]} req/s (median $(median "${or[@]}")); CPU ${oc[*]} us/request (median $(median "${oc[@]}"))"
  echo "  generated / $1, throughput: $(median "${rr[@]}") (median of pairwise ratios: ${rr[*]})"
  echo "  generated / $1, requests per CPU-second: $(median "${cr[@]}") (median of pairwise ratios: ${cr[*]})"
}
compare hand-written 18182 "$hand_pid"
compare "hand-written with the same timeouts" 18184 "$timed_pid"
# Here "generated" is the untraced service: the traced one's own ratio is the inverse.
compare "the same service traced" 18185 "$traced_pid"
echo "  the sink received: $(curl -s http://127.0.0.1:18186/stats)"
[ "$with_goctl" = 1 ] && compare goctl 18183 "$goctl_pid"
echo "RSS after load: generated $(rss $gen_pid) MB, hand-written $(rss $hand_pid) MB"
