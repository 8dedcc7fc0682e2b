// A fake node in a temporary folder, to collect from: real files with real modes (chmod) and
// owners (chown, when the tests run as root), a /proc tree of NUL-separated command lines, a
// kubeadm control plane with a kubelet, kube-proxy (in a container: its files only under
// /proc/<pid>/root) and Calico. What each file is set to is what the tests expect back.
import { chmodSync, chownSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The tests run as root here; elsewhere owners cannot be set and the owner checks are skipped. */
export const CAN_CHOWN = process.getuid?.() === 0;

export const ETCD_UID = 1001;
/** An owner the node's /etc/passwd and /etc/group do not list. */
export const UNKNOWN_ID = 4242;

/** The encryption key of the fake node: it must never appear in what the collector writes. */
export const ENCRYPTION_SECRET = "c2VjcmV0LWtleS10aGF0LW11c3Qtc3RheS1vbi10aGUtbm9kZQ==";
export const SECOND_SECRET = "YW5vdGhlci1rZXktaW4tYW4tYW5jaG9y";
export const HEADER_TOKEN = "Bearer static-pod-url-token-0123456789";

export const PIDS = {
  kubelet: 1200,
  apiServer: 2100,
  controllerManager: 2101,
  scheduler: 2102,
  etcd: 2103,
  kubeProxy: 3100,
  calico: 4100,
  containerd: 900,
} as const;

export const ENCRYPTION_CONFIG = `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
x-shared: &other ${SECOND_SECRET}
resources:
  - resources: [secrets, configmaps]
    providers:
      - aescbc:
          keys:
            - name: key1
              secret: ${ENCRYPTION_SECRET}
            - name: key2
              secret: *other
      - kms:
          apiVersion: v2
          name: vault
          endpoint: unix:///var/run/kms.sock
      - identity: {}
`;

export const AUDIT_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
  - level: Metadata
    resources:
      - group: ""
        resources: ["secrets", "configmaps"]
`;

export const KUBELET_CONFIG = `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous:
    enabled: false
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
readOnlyPort: 0
staticPodURLHeader:
  Authorization:
    - "${HEADER_TOKEN}"
`;

export const KUBE_PROXY_CONFIG = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection:
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
`;

export const CMDLINES = {
  kubelet: [
    "/usr/bin/kubelet",
    "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf",
    "--kubeconfig=/etc/kubernetes/kubelet.conf",
    "--config",
    "/var/lib/kubelet/config.yaml",
    "--container-runtime-endpoint=unix:///run/containerd/containerd.sock",
  ],
  apiServer: [
    "kube-apiserver",
    "--advertise-address=10.0.0.10",
    "--authorization-mode=Node,RBAC",
    "--client-ca-file=/etc/kubernetes/pki/ca.crt",
    "--encryption-provider-config=/etc/kubernetes/enc/encryption.yaml",
    "--audit-policy-file=/etc/kubernetes/audit-policy.yaml",
    "--etcd-servers=https://127.0.0.1:2379",
  ],
  controllerManager: [
    "kube-controller-manager",
    "--kubeconfig=/etc/kubernetes/controller-manager.conf",
    "--use-service-account-credentials=true",
  ],
  scheduler: ["kube-scheduler", "--kubeconfig=/etc/kubernetes/scheduler.conf", "--leader-elect=true"],
  etcd: ["etcd", "--data-dir=/var/lib/etcd", "--name=fake-node"],
  kubeProxy: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=fake-node"],
  calico: ["calico-node", "-felix"],
  containerd: ["/usr/bin/containerd"],
} as const;

export interface FakeNode {
  readonly root: string;
}

interface Entry {
  readonly content?: string;
  readonly mode: number;
  readonly uid?: number;
  readonly gid?: number;
}

/** Writes a file (or, without content, a folder) with its mode and owner. */
function put(root: string, nodePath: string, entry: Entry): void {
  const target = path.join(root, nodePath);
  if (entry.content === undefined) mkdirSync(target, { recursive: true });
  else {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, entry.content);
  }
  chmodSync(target, entry.mode);
  if (CAN_CHOWN) chownSync(target, entry.uid ?? 0, entry.gid ?? 0);
}

function proc(root: string, pid: number, args: readonly string[], cgroup?: string): void {
  put(root, `/proc/${pid}/cmdline`, { content: `${args.join("\0")}\0`, mode: 0o444 });
  if (cgroup !== undefined) put(root, `/proc/${pid}/cgroup`, { content: cgroup, mode: 0o444 });
}

/** The fake kubeadm control-plane node under `root` (an empty folder). */
export function buildFakeNode(root: string): FakeNode {
  put(root, "/etc/passwd", {
    content: `root:x:0:0:root:/root:/bin/bash\netcd:x:${ETCD_UID}:${ETCD_UID}::/var/lib/etcd:/usr/sbin/nologin\n`,
    mode: 0o644,
  });
  put(root, "/etc/group", { content: `root:x:0:\netcd:x:${ETCD_UID}:\n`, mode: 0o644 });
  put(root, "/etc/hostname", { content: "fake-node\n", mode: 0o644 });

  const manifest = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n`;
  put(root, "/etc/kubernetes/manifests/kube-apiserver.yaml", { content: manifest("kube-apiserver"), mode: 0o600 });
  put(root, "/etc/kubernetes/manifests/kube-controller-manager.yaml", {
    content: manifest("kube-controller-manager"),
    mode: 0o600,
    uid: UNKNOWN_ID,
    gid: UNKNOWN_ID,
  });
  put(root, "/etc/kubernetes/manifests/kube-scheduler.yaml", { content: manifest("kube-scheduler"), mode: 0o644 });
  put(root, "/etc/kubernetes/manifests/etcd.yaml", { content: manifest("etcd"), mode: 0o600 });

  const kubeconfig = "apiVersion: v1\nkind: Config\n";
  put(root, "/etc/kubernetes/admin.conf", { content: kubeconfig, mode: 0o644 });
  put(root, "/etc/kubernetes/controller-manager.conf", { content: kubeconfig, mode: 0o600 });
  put(root, "/etc/kubernetes/kubelet.conf", { content: kubeconfig, mode: 0o600 });
  // scheduler.conf is an absolute link: it must be followed inside the node's root.
  put(root, "/srv/k8s/scheduler.conf", { content: kubeconfig, mode: 0o600 });
  symlinkSync("/srv/k8s/scheduler.conf", path.join(root, "/etc/kubernetes/scheduler.conf"));

  put(root, "/etc/kubernetes/pki", { mode: 0o755 });
  put(root, "/etc/kubernetes/pki/ca.crt", { content: "CERT\n", mode: 0o644 });
  put(root, "/etc/kubernetes/pki/ca.key", { content: "KEY\n", mode: 0o600 });
  put(root, "/etc/kubernetes/pki/apiserver.key", { content: "KEY\n", mode: 0o644 });
  put(root, "/etc/kubernetes/pki/etcd", { mode: 0o755 });
  put(root, "/etc/kubernetes/pki/etcd/ca.key", { content: "KEY\n", mode: 0o600 });

  put(root, "/etc/kubernetes/enc/encryption.yaml", { content: ENCRYPTION_CONFIG, mode: 0o600 });
  put(root, "/etc/kubernetes/audit-policy.yaml", { content: AUDIT_POLICY, mode: 0o600 });

  put(root, "/var/lib/etcd", { mode: 0o700, uid: ETCD_UID, gid: ETCD_UID });
  put(root, "/var/lib/etcd/member", { mode: 0o700, uid: ETCD_UID, gid: ETCD_UID });

  put(root, "/var/lib/kubelet/config.yaml", { content: KUBELET_CONFIG, mode: 0o644 });
  put(root, "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf", { content: "[Service]\n", mode: 0o644 });

  put(root, "/etc/cni/net.d/10-calico.conflist", { content: '{"name":"k8s-pod-network"}\n', mode: 0o644 });
  put(root, "/etc/cni/net.d/calico-kubeconfig", { content: kubeconfig, mode: 0o600 });

  // kube-proxy runs in a container: its config and kubeconfig exist only in its own root.
  const proxyRoot = `/proc/${PIDS.kubeProxy}/root`;
  put(root, `${proxyRoot}/var/lib/kube-proxy/config.conf`, { content: KUBE_PROXY_CONFIG, mode: 0o644 });
  put(root, `${proxyRoot}/var/lib/kube-proxy/kubeconfig.conf`, { content: kubeconfig, mode: 0o600 });

  proc(root, 1, ["/sbin/init"]);
  proc(root, 2, []); // a kernel thread: an empty command line
  proc(root, PIDS.containerd, CMDLINES.containerd);
  proc(root, PIDS.kubelet, CMDLINES.kubelet, "0::/system.slice/kubelet.service\n");
  proc(root, PIDS.apiServer, CMDLINES.apiServer);
  proc(root, PIDS.controllerManager, CMDLINES.controllerManager);
  proc(root, PIDS.scheduler, CMDLINES.scheduler);
  proc(root, PIDS.etcd, CMDLINES.etcd);
  proc(root, PIDS.kubeProxy, CMDLINES.kubeProxy);
  proc(root, PIDS.calico, CMDLINES.calico);
  put(root, "/proc/sys/kernel", { mode: 0o555 });
  return { root };
}
