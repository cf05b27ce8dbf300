# Shared pins and helpers for tests/cluster/{build,up,down,env}. Sourced, not run.
# shellcheck shell=bash disable=SC2034  # variables are used by the scripts that source this

# ---- pinned versions (after changing K8S_/ETCD_VERSION run gomod/regen and commit gomod/) ----
K8S_VERSION=v1.36.5          # k8s.io/kubernetes; staging modules k8s.io/* at v0.36.5
ETCD_VERSION=v3.6.16         # go.etcd.io/etcd/server/v3 (1.36 pairs with etcd 3.6.x)
KWOK_VERSION=v0.8.0          # sigs.k8s.io/kwok
HELM3_VERSION=v3.22.0        # helm.sh/helm/v3
HELM4_VERSION=v4.2.3         # helm.sh/helm/v4 (same engine version as ../shared/oracle's libhelm)

CLUSTER_SRC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLUSTER_CACHE_ROOT="${CAPSTAN_CLUSTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/capstan/cluster}"
CLUSTER_CACHE="$CLUSTER_CACHE_ROOT/$K8S_VERSION"
CLUSTER_BIN="$CLUSTER_CACHE/bin"
# Where a running cluster keeps its state (pki, kubeconfig, etcd data, logs, pids).
CLUSTER_DIR="${CAPSTAN_CLUSTER_DIR:-${XDG_RUNTIME_DIR:-/tmp}/capstan-cluster}"

# Order matters: `up` starts in this order, `down` stops in reverse.
CLUSTER_COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

log() { printf '[cluster %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[cluster] ERROR: %s\n' "$*" >&2; exit 1; }

# pid_alive PID NAME: true if PID runs and is the binary NAME from our cache (guards against pid reuse).
pid_alive() {
  local pid=$1 name=$2 exe
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
  case "$exe" in */"$name"|*/"$name"" (deleted)") return 0 ;; esac
  return 1
}
