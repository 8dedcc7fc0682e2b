#!/usr/bin/env bash
# A real Kubernetes API server (with etcd in the same process) on 127.0.0.1, for trying Rampart
# without a cluster and for the tests:
#
#   scripts/test-apiserver.sh start <dir>   start it in the background on free ports, wait until
#                                           /readyz, write <dir>/kubeconfig (admin) and
#                                           <dir>/kubeconfig-readonly (the scanner identity of
#                                           deploy/rbac-scanner.yaml, nothing more)
#   scripts/test-apiserver.sh stop <dir>    stop it and remove what start wrote in <dir>
#
# Only the API server runs: no controller-manager, scheduler or nodes, so workloads never get
# pods, namespaces never finish deleting and new namespaces get no default ServiceAccount.
# The binary comes from scripts/install-tools.sh (.cache/bin/kube-apiserver), or
# $RAMPART_KUBE_APISERVER. With RAMPART_APISERVER_PARENT_PID set, the server also stops by itself
# once that process is gone (the tests set it, so that a crashed run leaves no server behind).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
usage() { echo "usage: $0 start|stop <dir>" >&2; exit 2; }
[ $# -eq 2 ] || usage
command="$1"
mkdir -p "$2"
dir="$(cd "$2" && pwd)"

# Everything start writes in <dir> (stop removes exactly these).
FILES=(etcd certs sa-key.pem tokens.csv kubeconfig kubeconfig-readonly apiserver.log pid port admin-token)

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

api() { # method path content-type [body-file] — as the admin, over the server's own CA
  local method=$1 path=$2 type=$3 body=${4:-}
  curl -sS --fail-with-body --max-time 30 --cacert "$dir/certs/apiserver.crt" \
    -H "Authorization: Bearer $(cat "$dir/admin-token")" -H "Content-Type: $type" -H "Accept: application/json" \
    -X "$method" ${body:+--data-binary "@$body"} "https://127.0.0.1:$(cat "$dir/port")$path"
}

write_kubeconfig() { # file user token
  local file=$1 user=$2 token=$3 ca
  ca="$(base64 -w0 <"$dir/certs/apiserver.crt")"
  cat >"$file" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: rampart-test
    cluster:
      server: https://127.0.0.1:$(cat "$dir/port")
      certificate-authority-data: $ca
users:
  - name: $user
    user:
      token: $token
contexts:
  - name: rampart-test
    context:
      cluster: rampart-test
      user: $user
current-context: rampart-test
EOF
  chmod 600 "$file"
}

# The documents of deploy/rbac-scanner.yaml, created one by one as the admin (no kubectl needed).
apply_scanner_rbac() {
  local rbac="$here/deploy/rbac-scanner.yaml" work="$dir/rbac.tmp"
  mkdir -p "$work"
  awk -v out="$work/doc" 'BEGIN { n = 0 } /^---$/ { n++; next } { print > (out n ".yaml") }' "$rbac"
  for doc in "$work"/doc*.yaml; do
    local kind namespace path
    kind="$(awk '/^kind:/ { print $2; exit }' "$doc")"
    namespace="$(awk '/^  namespace:/ { print $2; exit }' "$doc")"
    case "$kind" in
      Namespace) path=/api/v1/namespaces ;;
      ServiceAccount) path="/api/v1/namespaces/$namespace/serviceaccounts" ;;
      ClusterRole) path=/apis/rbac.authorization.k8s.io/v1/clusterroles ;;
      ClusterRoleBinding) path=/apis/rbac.authorization.k8s.io/v1/clusterrolebindings ;;
      *) echo "test-apiserver: unexpected kind $kind in $rbac" >&2; return 1 ;;
    esac
    api POST "$path" application/yaml "$doc" >/dev/null
  done
  rm -rf "$work"
  # A token of the scanner's ServiceAccount (TokenRequest, served by the API server itself).
  echo '{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"expirationSeconds":86400}}' >"$dir/token-request.json"
  api POST /api/v1/namespaces/rampart/serviceaccounts/rampart-scanner/token application/json "$dir/token-request.json" |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).status.token));' \
      >"$dir/readonly-token"
  rm -f "$dir/token-request.json"
  write_kubeconfig "$dir/kubeconfig-readonly" rampart-scanner "$(cat "$dir/readonly-token")"
  rm -f "$dir/readonly-token"
}

start_once() {
  local binary=$1 port
  port="$(free_port)"
  echo "$port" >"$dir/port"
  rm -rf "$dir/etcd" && mkdir -p "$dir/etcd" "$dir/certs"
  local args=(
    "--etcd-data-dir=$dir/etcd"
    --bind-address=127.0.0.1 "--secure-port=$port" --advertise-address=127.0.0.1
    "--cert-dir=$dir/certs"
    --service-account-issuer=https://kubernetes.default.svc
    "--service-account-key-file=$dir/sa-key.pem" "--service-account-signing-key-file=$dir/sa-key.pem"
    "--token-auth-file=$dir/tokens.csv" --authorization-mode=RBAC
    --service-cluster-ip-range=10.96.0.0/16 --endpoint-reconciler-type=none
    # Without it the API's own validation refuses privileged pods before admission runs.
    --allow-privileged=true
  )
  if [ -n "${RAMPART_APISERVER_PARENT_PID:-}" ]; then args+=("--exit-with-pid=$RAMPART_APISERVER_PARENT_PID"); fi
  setsid "$binary" "${args[@]}" >"$dir/apiserver.log" 2>&1 </dev/null &
  echo $! >"$dir/pid"
  for _ in $(seq 1 600); do
    if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then return 1; fi
    if curl -sf --max-time 2 --cacert "$dir/certs/apiserver.crt" -H "Authorization: Bearer $(cat "$dir/admin-token")" \
      "https://127.0.0.1:$port/readyz" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  echo "test-apiserver: not ready after 60 s; see $dir/apiserver.log" >&2
  return 2
}

start() {
  local binary="${RAMPART_KUBE_APISERVER:-$here/.cache/bin/kube-apiserver}"
  if [ ! -x "$binary" ]; then
    echo "test-apiserver: no kube-apiserver at $binary: run scripts/install-tools.sh (it builds one, with etcd inside)" >&2
    exit 2
  fi
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "test-apiserver: already running in $dir (pid $(cat "$dir/pid"))" >&2
    exit 2
  fi
  openssl genrsa -out "$dir/sa-key.pem" 2048 2>/dev/null
  openssl rand -hex 24 >"$dir/admin-token"
  echo "$(cat "$dir/admin-token"),rampart-admin,rampart-admin,\"system:masters\"" >"$dir/tokens.csv"
  chmod 600 "$dir/sa-key.pem" "$dir/admin-token" "$dir/tokens.csv"
  # A free port can be taken by another process between choosing and binding it: try again.
  local attempt status
  for attempt in 1 2 3; do
    status=0
    start_once "$binary" || status=$?
    [ "$status" -eq 0 ] && break
    [ "$status" -eq 1 ] || { stop_server; exit 1; }
    echo "test-apiserver: attempt $attempt did not start:" >&2
    tail -n 5 "$dir/apiserver.log" >&2
  done
  [ "$status" -eq 0 ] || { echo "test-apiserver: could not start; see $dir/apiserver.log" >&2; exit 1; }
  write_kubeconfig "$dir/kubeconfig" rampart-admin "$(cat "$dir/admin-token")"
  apply_scanner_rbac
  echo "test-apiserver: kube-apiserver (pid $(cat "$dir/pid")) at https://127.0.0.1:$(cat "$dir/port")"
  echo "  admin:     $dir/kubeconfig"
  echo "  read-only: $dir/kubeconfig-readonly (deploy/rbac-scanner.yaml)"
}

stop_server() {
  [ -f "$dir/pid" ] || return 0
  local pid
  pid="$(cat "$dir/pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    # A graceful stop takes a few seconds; the data dir is removed only once the process is gone.
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.5; fi
  fi
}

stop() {
  stop_server
  for file in "${FILES[@]}"; do rm -rf "${dir:?}/$file"; done
  rmdir "$dir" 2>/dev/null || true
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
