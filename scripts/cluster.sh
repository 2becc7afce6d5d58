#!/usr/bin/env bash
# A real Kubernetes control plane on 127.0.0.1 for the deploy tests (docs/decisions/0027-real-control-plane.md):
# etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok (one fake node whose pods turn
# Running/Ready within seconds), built from the Go modules under tools/cluster and cached by version.
#
#   scripts/cluster.sh build    build the binaries into the cache, unless they are there
#   scripts/cluster.sh start    build if needed, start, wait until the API and the node are ready; then
#                               write DIR/kubeconfig (its appearance is the signal that the cluster is ready)
#   scripts/cluster.sh stop     stop what start started and remove DIR: nothing is left
#   scripts/cluster.sh env      print the export lines for the running cluster
#   scripts/cluster.sh status   each process with its resident memory
#
# DIR is $TOPOGRAPH_CLUSTER_DIR (default /tmp/topograph-cluster); binaries go to $TOPOGRAPH_CLUSTER_CACHE
# (default ~/.cache/topograph/cluster). When start fails it writes DIR/failed with the reason, so that
# whoever waits for DIR/kubeconfig can stop waiting.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tools=$root/tools/cluster
cache=${TOPOGRAPH_CLUSTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/topograph/cluster}
dir=${TOPOGRAPH_CLUSTER_DIR:-${TMPDIR:-/tmp}/topograph-cluster}
# the processes in start order; stop goes the other way
components=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
node=kwok-node-0

say() { printf 'cluster: %s\n' "$*" >&2; }

# The version a module requires of $2, from its go.mod.
required() {
  awk -v m="$2" '{ for (i = 1; i < NF; i++) if ($i == m && $(i + 1) ~ /^v[0-9]/) { print $(i + 1); exit } }' "$1/go.mod"
}

# Where the binaries of one module live: its name, the version it builds and a hash of its go.mod (less its
# comments) and go.sum, so that a change of version or of a replaced module builds afresh.
bin_dir() {
  local module=$1 version=$2 hash
  hash=$({ grep -v '^//' "$tools/$module/go.mod"; cat "$tools/$module/go.sum"; } | sha256sum | cut -c1-10)
  echo "$cache/$module-$version-$hash"
}

k8s_version=$(required "$tools/kubernetes" k8s.io/kubernetes)
etcd_version=$(required "$tools/etcd" go.etcd.io/etcd/server/v3)
kwok_version=$(required "$tools/kwok" sigs.k8s.io/kwok)
k8s_bin=$(bin_dir kubernetes "$k8s_version")
etcd_bin=$(bin_dir etcd "$etcd_version")
kwok_bin=$(bin_dir kwok "$kwok_version")

binary() {
  case $1 in
    etcd) echo "$etcd_bin/etcd" ;;
    kwok) echo "$kwok_bin/kwok" ;;
    *) echo "$k8s_bin/$1" ;;
  esac
}

# Builds one module's commands into $2 unless they are there; a lock keeps two builds (a developer's
# and a test run's) from racing, and a build lands in its folder only whole.
build_module() {
  local module=$1 out=$2 ldflags=$3
  shift 3
  [ -f "$out/.complete" ] && return 0
  mkdir -p "$cache"
  exec {lock}>"$cache/.$module.lock"
  flock "$lock"
  if [ ! -f "$out/.complete" ]; then
    local started=$SECONDS tmp
    tmp=$(mktemp -d "$cache/.$module.XXXXXX")
    chmod 755 "$tmp"
    say "building $module ($*) into $out"
    # explicit checks: build runs where set -e does not hold (start's "build || ...")
    if ! (cd "$tools/$module" && go build -trimpath -ldflags="-s -w $ldflags" -o "$tmp/" "$@"); then
      rm -rf "$tmp"
      exec {lock}>&-
      return 1
    fi
    if [ "$module" = kwok ]; then
      # kwok's own Stages: nodes ready at once and kept alive with a lease, pods Ready at once,
      # claims of the kwok-volume StorageClass provisioned and bound at once.
      local stages
      stages=$(cd "$tools/kwok" && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)/kustomize/stage || return 1
      for f in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease \
               pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete \
               volume/fast/pvc-provision volume/fast/pv-bind volume/fast/pv-delete volume/fast/pvc-delete; do
        printf -- '---\n'
        cat "$stages/$f.yaml" || return 1
      done >"$tmp/stages.yaml" || return 1
    fi
    touch "$tmp/.complete"
    rm -rf "$out"
    mv "$tmp" "$out"
    say "built $module in $((SECONDS - started)) s"
  fi
  exec {lock}>&-
}

build() {
  local v=k8s.io/component-base/version minor=${k8s_version#v1.}
  build_module etcd "$etcd_bin" "" . || return 1
  build_module kwok "$kwok_bin" "" sigs.k8s.io/kwok/cmd/kwok || return 1
  build_module kubernetes "$k8s_bin" \
    "-X $v.gitVersion=$k8s_version -X $v.gitMajor=1 -X $v.gitMinor=${minor%%.*} -X $v.gitTreeState=clean" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler || return 1
}

# A port on 127.0.0.1 that nothing listens on now.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

certificates() {
  local pki=$dir/pki
  mkdir -p "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 30 \
      -subj "/CN=topograph-test-ca" 2>/dev/null
    # the API server's serving certificate: loopback, and the names pods use for it
    openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj "/CN=kube-apiserver" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\nextendedKeyUsage=serverAuth\n' >apiserver.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out apiserver.crt -days 30 \
      -extfile apiserver.ext 2>/dev/null
    # one administrator for the tests and the control plane's own components alike
    openssl req -newkey rsa:2048 -nodes -keyout admin.key -out admin.csr -subj "/O=system:masters/CN=admin" 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' >admin.ext
    openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out admin.crt -days 30 \
      -extfile admin.ext 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    rm -f ./*.csr ./*.ext ./*.srl
  )
}

kubeconfig() {
  local pki=$dir/pki
  cat <<EOF
apiVersion: v1
kind: Config
clusters:
- name: topograph-test
  cluster:
    server: https://127.0.0.1:$api_port
    certificate-authority-data: $(base64 -w0 "$pki/ca.crt")
users:
- name: admin
  user:
    client-certificate-data: $(base64 -w0 "$pki/admin.crt")
    client-key-data: $(base64 -w0 "$pki/admin.key")
contexts:
- name: topograph-test
  context:
    cluster: topograph-test
    user: admin
    namespace: default
current-context: topograph-test
EOF
}

# A request to the API server as the administrator.
api() {
  local method=$1 path=$2
  shift 2
  curl -sS --max-time 10 --cacert "$dir/pki/ca.crt" --cert "$dir/pki/admin.crt" --key "$dir/pki/admin.key" \
    -X "$method" "https://127.0.0.1:$api_port$path" "$@"
}

# Server-side apply of one object (YAML on stdin) at $1, as field manager topograph-cluster.
apply() {
  api PATCH "$1?fieldManager=topograph-cluster&force=true" -H 'Content-Type: application/apply-patch+yaml' \
    --data-binary @- -o /dev/null -w '%{http_code}' | grep -q '^20' || { say "could not apply $1"; return 1; }
}

launch() {
  local name=$1
  shift
  setsid "$(binary "$name")" "$@" >"$dir/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$dir/pids/$name"
}

# Waits up to $2 seconds for $3... to succeed; fails with $1 and the logs' ends.
wait_for() {
  local what=$1 seconds=$2 deadline
  shift 2
  deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    for c in "${components[@]}"; do
      if [ -f "$dir/pids/$c" ] && ! kill -0 "$(cat "$dir/pids/$c")" 2>/dev/null; then
        fail "$c exited while waiting for $what"
      fi
    done
    [ "$SECONDS" -lt "$deadline" ] || fail "$what was not reached within $seconds s"
    sleep 0.2
  done
}

fail() {
  {
    echo "scripts/cluster.sh start failed: $*"
    for c in "${components[@]}"; do
      [ -f "$dir/logs/$c.log" ] && { echo "--- the end of $dir/logs/$c.log"; tail -n 15 "$dir/logs/$c.log"; }
    done
  } >"$dir/failed.tmp"
  cat "$dir/failed.tmp" >&2
  stop_processes
  mv "$dir/failed.tmp" "$dir/failed"
  exit 1
}

node_ready() {
  api GET "/api/v1/nodes/$node" | tr -d ' \n' | grep -q '"type":"Ready","status":"True"'
}

start() {
  if [ -f "$dir/kubeconfig" ] && [ -d "$dir/pids" ]; then
    say "already running in $dir (scripts/cluster.sh stop first)"
    return 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir/pids" "$dir/logs"
  local began=$SECONDS
  build || { mkdir -p "$dir"; echo "scripts/cluster.sh: building the control plane failed (see above)" >"$dir/failed"; exit 1; }
  local ready_from=$SECONDS
  certificates
  local etcd_port peer_port
  etcd_port=$(free_port)
  peer_port=$(free_port)
  api_port=$(free_port)
  echo "$api_port" >"$dir/api-port"
  launch etcd --name topograph --data-dir "$dir/etcd" --log-level warn \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "topograph=http://127.0.0.1:$peer_port" --unsafe-no-fsync
  local pki=$dir/pki
  # no endpoint reconciler: it refuses a loopback address, and no pod here needs to reach the API server
  launch kube-apiserver --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" --client-ca-file "$pki/ca.crt" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-cluster-ip-range 10.96.0.0/16 --authorization-mode RBAC --allow-privileged=true --profiling=false \
    --endpoint-reconciler-type none
  kubeconfig >"$dir/admin.kubeconfig"
  wait_for "the API server's /readyz" 120 api GET /readyz --fail
  launch kube-controller-manager --kubeconfig "$dir/admin.kubeconfig" --leader-elect=false --secure-port 0 \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" --profiling=false
  launch kube-scheduler --kubeconfig "$dir/admin.kubeconfig" --leader-elect=false --secure-port 0 --profiling=false
  launch kwok --kubeconfig "$dir/admin.kubeconfig" --config "$kwok_bin/stages.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --node-ip 127.0.0.1 --node-lease-duration-seconds 40 --cidr 10.244.0.0/16
  # the default StorageClass whose claims kwok's Stages provision and bind
  apply /apis/storage.k8s.io/v1/storageclasses/kwok-volume <<'EOF'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: kwok-volume
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kwok.x-k8s.io/volume
reclaimPolicy: Delete
volumeBindingMode: Immediate
EOF
  # one fake node, large enough for many designs; ephemeral-storage too, as pods may request it
  apply "/api/v1/nodes/$node" <<EOF
apiVersion: v1
kind: Node
metadata:
  name: $node
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: $node
    kubernetes.io/os: linux
    kubernetes.io/role: agent
    node-role.kubernetes.io/agent: ""
    type: kwok
status:
  allocatable: {cpu: "64", memory: 256Gi, pods: "1000", ephemeral-storage: 1Ti}
  capacity: {cpu: "64", memory: 256Gi, pods: "1000", ephemeral-storage: 1Ti}
EOF
  wait_for "node $node Ready" 120 node_ready
  wait_for "the default ServiceAccount" 120 api GET /api/v1/namespaces/default/serviceaccounts/default --fail
  echo "build $((ready_from - began)) s (0: cached), start to ready $((SECONDS - ready_from)) s" >"$dir/figures"
  kubeconfig >"$dir/kubeconfig.tmp"
  mv "$dir/kubeconfig.tmp" "$dir/kubeconfig"
  say "ready in $((SECONDS - ready_from)) s after the build (${SECONDS}s in all, build $((ready_from - began)) s): KUBECONFIG=$dir/kubeconfig"
}

stop_processes() {
  local pid c i
  for ((i = ${#components[@]} - 1; i >= 0; i--)); do
    c=${components[i]}
    [ -f "$dir/pids/$c" ] || continue
    pid=$(cat "$dir/pids/$c")
    # only the process start launched: the pid may have been reused since
    if [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$(binary "$c")" ]; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/pids/$c"
  done
}

stop() {
  [ -d "$dir" ] || return 0
  stop_processes
  rm -rf "$dir"
  say "stopped; $dir removed"
}

status() {
  local total=0 c pid kb
  for c in "${components[@]}"; do
    [ -f "$dir/pids/$c" ] || continue
    pid=$(cat "$dir/pids/$c")
    kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
    total=$((total + kb))
    printf '%-24s pid %-8s %6d MB\n' "$c" "$pid" $((kb / 1024))
  done
  printf '%-24s %14s %6d MB\n' total "" $((total / 1024))
}

case ${1:-} in
  build) build ;;
  start) start ;;
  stop) stop ;;
  env)
    [ -f "$dir/kubeconfig" ] || { say "not running (no $dir/kubeconfig)"; exit 1; }
    echo "export KUBECONFIG=$dir/kubeconfig TOPOGRAPH_TEST_KUBECONFIG=$dir/kubeconfig"
    ;;
  status) status ;;
  *) echo "usage: $0 build|start|stop|env|status" >&2; exit 2 ;;
esac
