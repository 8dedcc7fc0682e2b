#!/usr/bin/env bash
# Writes go.mod for a Kubernetes release (default: the one in go.mod) and tidies go.sum:
#   test/kube-apiserver/sync-replaces.sh [v1.35.4]
# k8s.io/kubernetes is not meant to be imported: its go.mod points every k8s.io staging module at
# ./staging/src/k8s.io/<name>. Each of those is replaced here by its published release
# (v0.<minor>.<patch>), the list read from kubernetes' own go.mod, never typed by hand.
set -euo pipefail
cd "$(dirname "$0")"
version="${1:-$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v1\./ {print $2; exit}' go.mod)}"
staging="v0.${version#v1.}"
kubernetes_mod="$(go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
go_line="$(awk '$1 == "go" {print; exit}' "$kubernetes_mod")"
godebug_line="$(awk '$1 == "godebug" {print; exit}' "$kubernetes_mod")"
etcd="$(awk '$1 == "go.etcd.io/etcd/server/v3" {print $2; exit}' "$kubernetes_mod")"
{
  echo "// The Kubernetes API server with etcd embedded, for tests (see README.md). Written by"
  echo "// sync-replaces.sh; scripts/install-tools.sh builds it."
  echo "module rampart.dev/kube-apiserver"
  echo
  echo "$go_line"
  echo
  echo "$godebug_line"
  echo
  echo "require ("
  printf '\tgo.etcd.io/etcd/server/v3 %s\n' "$etcd"
  printf '\tk8s.io/component-base %s\n' "$staging"
  printf '\tk8s.io/kubernetes %s\n' "$version"
  echo ")"
  echo
  echo "// The staging modules of kubernetes' go.mod, each at its published release."
  echo "replace ("
  awk -v v="$staging" '$2 == "=>" && $3 ~ /^\.\/staging\/src\/k8s\.io\// {printf "\t%s => %s %s\n", $1, $1, v}' "$kubernetes_mod"
  echo ")"
} > go.mod
GOFLAGS=-mod=mod go mod tidy
