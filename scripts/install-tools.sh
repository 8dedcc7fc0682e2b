#!/usr/bin/env bash
# Installs the pinned external tools Rampart uses: OPA, gator, Helm, the CEL oracle and a
# kube-apiserver for the cluster tests, all built from source with Go (only Go and its module proxy are needed).
# Each tool lands in its own versioned folder under $RAMPART_TOOLS (default ~/.cache/rampart/tools)
# and is skipped when already there, so
# repeated runs (CI on the same machine) reuse it. Prints the folder of each tool.
set -euo pipefail

OPA_VERSION=v1.22.3
# Gatekeeper's gator CLI, which checks and evaluates the exported ConstraintTemplates (its module
# is Gatekeeper itself; the binary embeds the OPA of that Gatekeeper release).
GATOR_VERSION=v3.23.1
# Helm renders and lints the chart in deploy/helm/rampart (and deploy/rampart.yaml is rendered from it).
HELM_VERSION=v4.3.2
TOOLS="${RAMPART_TOOLS:-$HOME/.cache/rampart/tools}"
here="$(cd "$(dirname "$0")/.." && pwd)"

if ! command -v go >/dev/null 2>&1; then
  echo "install-tools: Go is required (https://go.dev/dl/); it builds OPA, gator and the CEL oracle." >&2
  exit 2
fi

install_go_tool() { # name version package
  local name=$1 version=$2 package=$3
  local dir="$TOOLS/$name-$version"
  if [ -x "$dir/$name" ]; then
    echo "install-tools: $name $version already in $dir"
    return
  fi
  echo "install-tools: building $name $version (go install $package@$version) ..."
  mkdir -p "$dir"
  GOBIN="$dir" GOFLAGS=-mod=mod go install "$package@$version"
}

install_go_tool opa "$OPA_VERSION" github.com/open-policy-agent/opa
install_go_tool gator "$GATOR_VERSION" github.com/open-policy-agent/gatekeeper/v3/cmd/gator
install_go_tool helm "$HELM_VERSION" helm.sh/helm/v4/cmd/helm

# The CEL oracle (test/cel-oracle): a small Go program that evaluates ValidatingAdmissionPolicies
# with the API server's own packages. It is built from this repository, so its folder is keyed by
# a hash of its sources (go.mod, go.sum and the non-test .go files): a change rebuilds it.
sha256() { if command -v sha256sum >/dev/null 2>&1; then sha256sum; else shasum -a 256; fi; }
oracle_src="$here/test/cel-oracle"
oracle_hash="$(cd "$oracle_src" && for f in go.mod go.sum $(ls *.go | grep -v '_test\.go$' | LC_ALL=C sort); do
  printf '%s\n' "$f"; cat "$f"; done | sha256 | cut -c1-16)"
oracle_dir="$TOOLS/cel-oracle-$oracle_hash"
if [ -x "$oracle_dir/cel-oracle" ]; then
  echo "install-tools: cel-oracle $oracle_hash already in $oracle_dir"
else
  echo "install-tools: building cel-oracle $oracle_hash (go build in test/cel-oracle) ..."
  mkdir -p "$oracle_dir"
  (cd "$oracle_src" && go build -o "$oracle_dir/cel-oracle.tmp" . && mv "$oracle_dir/cel-oracle.tmp" "$oracle_dir/cel-oracle")
fi

# The Kubernetes API server with etcd in the same process (test/kube-apiserver), which the cluster
# tests and scripts/test-apiserver.sh start. Its version is the k8s.io/kubernetes of its go.mod;
# its folder is keyed by that version and a hash of its sources, like the oracle's. The first build
# takes minutes (about 2 GB of Go build cache); later runs reuse the binary.
apiserver_src="$here/test/kube-apiserver"
kubernetes_version="$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v1\./ {print $2; exit}' "$apiserver_src/go.mod")"
apiserver_hash="$(cd "$apiserver_src" && for f in go.mod go.sum $(ls *.go | grep -v '_test\.go$' | LC_ALL=C sort); do
  printf '%s\n' "$f"; cat "$f"; done | sha256 | cut -c1-16)"
apiserver_dir="$TOOLS/kube-apiserver-$kubernetes_version-$apiserver_hash"
if [ -x "$apiserver_dir/kube-apiserver" ]; then
  echo "install-tools: kube-apiserver $kubernetes_version already in $apiserver_dir"
else
  echo "install-tools: building kube-apiserver $kubernetes_version with embedded etcd (go build in test/kube-apiserver; minutes) ..."
  mkdir -p "$apiserver_dir"
  # The version must be stamped at link time, or the server's own version checks fail at start.
  minor="${kubernetes_version#v1.}"; minor="${minor%%.*}"
  stamp=""
  for package in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    stamp="$stamp -X $package.gitVersion=$kubernetes_version -X $package.gitMajor=1 -X $package.gitMinor=$minor"
  done
  (cd "$apiserver_src" && go build -ldflags "-s -w$stamp" -o "$apiserver_dir/kube-apiserver.tmp" . &&
    mv "$apiserver_dir/kube-apiserver.tmp" "$apiserver_dir/kube-apiserver")
fi

# Links in .cache/bin so that the project finds the tools without PATH changes.
mkdir -p "$here/.cache/bin"
ln -sf "$TOOLS/opa-$OPA_VERSION/opa" "$here/.cache/bin/opa"
ln -sf "$TOOLS/gator-$GATOR_VERSION/gator" "$here/.cache/bin/gator"
ln -sf "$TOOLS/helm-$HELM_VERSION/helm" "$here/.cache/bin/helm"
ln -sf "$oracle_dir/cel-oracle" "$here/.cache/bin/cel-oracle"
ln -sf "$apiserver_dir/kube-apiserver" "$here/.cache/bin/kube-apiserver"
echo "install-tools: done; tools are linked in $here/.cache/bin"
