#!/usr/bin/env bash
# Lints the Kubernetes manifests of generated systems with kube-score and fails on any CRITICAL
# finding. Warnings are printed, not fatal: the known ones are listed in the generated README
# (egress is left open, single-replica designs get single-replica autoscalers).
#
#   scripts/lint-manifests.sh                 # the committed golden trees (what the generator makes today)
#   scripts/lint-manifests.sh /tmp/shop ...   # any generated systems
#
# Needs Go (to install kube-score once) and, to lint what is applied rather than the raw base,
# kustomize or kubectl.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Pinned so that a new release's new checks do not break the build unannounced.
kube_score_version="v1.20.0"

kube_score="$(command -v kube-score || true)"
if [ -z "$kube_score" ]; then
  gobin="$(go env GOBIN)"
  gobin="${gobin:-$(go env GOPATH)/bin}"
  if [ ! -x "$gobin/kube-score" ]; then
    echo "lint-manifests: installing kube-score $kube_score_version with go install" >&2
    (cd "$(mktemp -d)" && GOFLAGS=-mod=mod go install "github.com/zegl/kube-score/cmd/kube-score@$kube_score_version")
  fi
  kube_score="$gobin/kube-score"
fi

# Renders one kustomization to stdout with whichever kustomize is at hand; fails if none is.
build() {
  if command -v kustomize >/dev/null; then
    kustomize build "$1"
  elif command -v kubectl >/dev/null; then
    kubectl kustomize "$1"
  else
    return 127
  fi
}

if [ $# -eq 0 ]; then
  set -- "$here"/model/src/test/resources/golden/*
fi

# Optional checks worth having: seccomp on every pod, well-formed container ports.
checks=(--enable-optional-test container-seccomp-profile --enable-optional-test container-ports-check)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
for system in "$@"; do
  k8s="$system/deploy/k8s"
  if [ ! -d "$k8s" ]; then
    echo "lint-manifests: $system has no deploy/k8s" >&2
    failed=1
    continue
  fi
  for overlay in "$k8s"/overlays/*/; do
    name="$(basename "$system")/overlays/$(basename "$overlay")"
    rendered="$work/$(basename "$system")-$(basename "$overlay").yaml"
    inputs=("$rendered")
    ignore=()
    if build "$overlay" >"$rendered"; then
      echo "lint-manifests: $name (kustomize build)"
    else
      # Without kustomize the base is linted as written; its images get their tags from the overlay.
      echo "lint-manifests: $name: no kustomize or kubectl, linting the raw base instead" >&2
      mapfile -t inputs < <(find "$k8s/base" -name '*.yaml' ! -name kustomization.yaml | sort)
      ignore=(--ignore-test container-image-tag)
    fi
    # kube-score exits 1 on a critical finding and also when it cannot read its input.
    status=0
    report="$("$kube_score" score "${checks[@]}" "${ignore[@]}" --output-format ci "${inputs[@]}" 2>&1)" || status=$?
    grep -E '^\[(CRITICAL|WARNING)\]' <<<"$report" | sed 's/^/  /' || true
    if [ "$status" -ne 0 ] && ! grep -q '^\[CRITICAL\]' <<<"$report"; then
      echo "$report" >&2
      echo "lint-manifests: $name: kube-score failed (exit $status)" >&2
      failed=1
      continue
    fi
    criticals="$(grep -c '^\[CRITICAL\]' <<<"$report" || true)"
    warnings="$(grep -c '^\[WARNING\]' <<<"$report" || true)"
    echo "lint-manifests: $name: $criticals critical, $warnings warning(s)"
    [ "$criticals" -eq 0 ] || failed=1
  done
done
exit "$failed"
