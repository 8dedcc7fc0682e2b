// Where the files of a node are: the path a process's flag names comes first; these are the
// places looked in otherwise, kubeadm's layout first, then common distributions (minikube,
// RKE2, k3s, EKS, GKE). When none exists, the first (kubeadm's) is recorded as missing.

export const MANIFESTS = {
  apiServer: [
    "/etc/kubernetes/manifests/kube-apiserver.yaml",
    "/var/lib/rancher/rke2/agent/pod-manifests/kube-apiserver.yaml",
  ],
  controllerManager: [
    "/etc/kubernetes/manifests/kube-controller-manager.yaml",
    "/var/lib/rancher/rke2/agent/pod-manifests/kube-controller-manager.yaml",
  ],
  scheduler: [
    "/etc/kubernetes/manifests/kube-scheduler.yaml",
    "/var/lib/rancher/rke2/agent/pod-manifests/kube-scheduler.yaml",
  ],
  etcd: ["/etc/kubernetes/manifests/etcd.yaml", "/var/lib/rancher/rke2/agent/pod-manifests/etcd.yaml"],
} as const;

export const KUBECONFIGS = {
  admin: ["/etc/kubernetes/admin.conf", "/var/lib/rancher/rke2/server/cred/admin.kubeconfig"],
  controllerManager: [
    "/etc/kubernetes/controller-manager.conf",
    "/var/lib/rancher/rke2/server/cred/controller.kubeconfig",
  ],
  scheduler: ["/etc/kubernetes/scheduler.conf", "/var/lib/rancher/rke2/server/cred/scheduler.kubeconfig"],
  kubelet: [
    "/etc/kubernetes/kubelet.conf",
    "/var/lib/kubelet/kubeconfig",
    "/var/lib/rancher/rke2/agent/kubelet.kubeconfig",
    "/var/lib/rancher/k3s/agent/kubelet.kubeconfig",
  ],
  kubeProxy: [
    "/var/lib/kube-proxy/kubeconfig.conf",
    "/var/lib/kube-proxy/kubeconfig",
    "/etc/kubernetes/kube-proxy.conf",
    "/var/lib/rancher/rke2/agent/kubeproxy.kubeconfig",
    "/var/lib/rancher/k3s/agent/kubeproxy.kubeconfig",
  ],
} as const;

export const PKI_DIRS = [
  "/etc/kubernetes/pki",
  "/var/lib/minikube/certs",
  "/var/lib/rancher/rke2/server/tls",
  "/var/lib/rancher/k3s/server/tls",
] as const;

export const ETCD_DATA_DIRS = [
  "/var/lib/etcd",
  "/var/lib/minikube/etcd",
  "/var/lib/rancher/rke2/server/db/etcd",
] as const;

export const KUBELET_CONFIGS = [
  "/var/lib/kubelet/config.yaml",
  "/etc/kubernetes/kubelet/kubelet-config.json",
  "/home/kubernetes/kubelet-config.yaml",
] as const;

/** The folders systemd reads units from, the administrator's first. */
export const SYSTEMD_DIRS = ["/etc/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"] as const;

export const CNI_CONFIG_DIR = "/etc/cni/net.d";

export const CONTAINER_RUNTIME_CONFIGS = {
  containerd: "/etc/containerd/config.toml",
  crio: "/etc/crio/crio.conf",
} as const;
