#!/usr/bin/env bash
# First Run ▶ of examples/shop.topology.json with an empty Go build cache, then one warm Run:
# prints, for each, the time from launch() to all healthy and the CPU its children used.
# Go's module cache stays as it is (downloads are not measured). Servers: nats-server,
# redis-server and PostgreSQL from the machine. Usage: scripts/bench-cold-run.sh [cold runs=2]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-2}"
cd "$here"
./mvnw -q -B -ntp -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
  -Dmdep.includeScope=test >/dev/null
bench() { # $1 GOCACHE, $2 run home
  (cd app && GOCACHE="$1" java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
    dev.topograph.app.bench.ColdRunBenchmark "$2")
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$runs"); do
  echo "cold run $i (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  bench "$work/gocache-$i" "$work/home-cold-$i"
done
echo "warm run: the first cold run's build cache and run home, as every Run after the first (load: $(cut -d' ' -f1-3 /proc/loadavg))"
bench "$work/gocache-1" "$work/home-cold-1"
