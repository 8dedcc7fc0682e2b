#!/usr/bin/env bash
# Installs the pinned external tools Rampart uses (built from source with `go install`, so only
# Go and its module proxy are needed). Each tool lands in its own versioned folder under
# $RAMPART_TOOLS (default ~/.cache/rampart/tools) and is skipped when already there, so
# repeated runs (CI on the same machine) reuse it. Prints the folder of each tool.
set -euo pipefail

OPA_VERSION=v1.22.3
TOOLS="${RAMPART_TOOLS:-$HOME/.cache/rampart/tools}"
here="$(cd "$(dirname "$0")/.." && pwd)"

if ! command -v go >/dev/null 2>&1; then
  echo "install-tools: Go is required (https://go.dev/dl/); it builds OPA and the CEL oracle." >&2
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

# Links in .cache/bin so that the project finds the tools without PATH changes.
mkdir -p "$here/.cache/bin"
ln -sf "$TOOLS/opa-$OPA_VERSION/opa" "$here/.cache/bin/opa"
echo "install-tools: done; tools are linked in $here/.cache/bin"
