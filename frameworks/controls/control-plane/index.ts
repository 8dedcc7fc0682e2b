// The control-plane controls: the flags of the kube-apiserver, kube-controller-manager,
// kube-scheduler and etcd static pods in kube-system, read from their command and args (and, for
// C-0066, C-0067 and C-0068, a managed cluster's description). Each requires pods of its
// component in the scan's input and is skipped, with the reason, without them.
import type { Control } from "../../../dsl/index.js";
import c0005 from "./C-0005-api-server-insecure-port.js";
import c0066 from "./C-0066-secret-etcd-encryption.js";
import c0067 from "./C-0067-audit-logs-enabled.js";
import c0068 from "./C-0068-psp-enabled.js";
import c0113 from "./C-0113-api-server-anonymous-auth.js";
import c0114 from "./C-0114-api-server-token-auth-file.js";
import c0115 from "./C-0115-api-server-deny-service-external-ips.js";
import c0116 from "./C-0116-api-server-kubelet-client-certificate.js";
import c0117 from "./C-0117-api-server-kubelet-certificate-authority.js";
import c0118 from "./C-0118-api-server-authorization-mode-not-always-allow.js";
import c0119 from "./C-0119-api-server-authorization-mode-node.js";
import c0120 from "./C-0120-api-server-authorization-mode-rbac.js";
import c0121 from "./C-0121-admission-plugin-event-rate-limit.js";
import c0122 from "./C-0122-admission-plugin-always-admit.js";
import c0123 from "./C-0123-admission-plugin-always-pull-images.js";
import c0124 from "./C-0124-admission-plugin-security-context-deny.js";
import c0125 from "./C-0125-admission-plugin-service-account.js";
import c0126 from "./C-0126-admission-plugin-namespace-lifecycle.js";
import c0127 from "./C-0127-admission-plugin-node-restriction.js";
import c0128 from "./C-0128-api-server-secure-port.js";
import c0129 from "./C-0129-api-server-profiling.js";
import c0130 from "./C-0130-api-server-audit-log-path.js";
import c0131 from "./C-0131-api-server-audit-log-maxage.js";
import c0132 from "./C-0132-api-server-audit-log-maxbackup.js";
import c0134 from "./C-0134-api-server-request-timeout.js";
import c0135 from "./C-0135-api-server-service-account-lookup.js";
import c0137 from "./C-0137-api-server-etcd-client-certificate.js";
import c0138 from "./C-0138-api-server-tls-certificate.js";
import c0139 from "./C-0139-api-server-client-ca-file.js";
import c0140 from "./C-0140-api-server-etcd-ca-file.js";
import c0143 from "./C-0143-api-server-strong-ciphers.js";
import c0144 from "./C-0144-controller-manager-terminated-pod-gc-threshold.js";
import c0145 from "./C-0145-controller-manager-profiling.js";
import c0146 from "./C-0146-controller-manager-service-account-credentials.js";
import c0147 from "./C-0147-controller-manager-service-account-private-key.js";
import c0148 from "./C-0148-controller-manager-root-ca-file.js";
import c0149 from "./C-0149-controller-manager-rotate-kubelet-server-certificate.js";
import c0150 from "./C-0150-controller-manager-bind-address.js";
import c0151 from "./C-0151-scheduler-profiling.js";
import c0152 from "./C-0152-scheduler-bind-address.js";
import c0153 from "./C-0153-etcd-tls.js";
import c0154 from "./C-0154-etcd-client-cert-auth.js";
import c0155 from "./C-0155-etcd-auto-tls.js";
import c0156 from "./C-0156-etcd-peer-tls.js";
import c0157 from "./C-0157-etcd-peer-client-cert-auth.js";
import c0158 from "./C-0158-etcd-peer-auto-tls.js";
import c0159 from "./C-0159-etcd-unique-ca.js";
import c0160 from "./C-0160-api-server-audit-policy.js";

export const CONTROL_PLANE_CONTROLS: readonly Control[] = [
  c0005,
  c0066,
  c0067,
  c0068,
  c0113,
  c0114,
  c0115,
  c0116,
  c0117,
  c0118,
  c0119,
  c0120,
  c0121,
  c0122,
  c0123,
  c0124,
  c0125,
  c0126,
  c0127,
  c0128,
  c0129,
  c0130,
  c0131,
  c0132,
  c0134,
  c0135,
  c0137,
  c0138,
  c0139,
  c0140,
  c0143,
  c0144,
  c0145,
  c0146,
  c0147,
  c0148,
  c0149,
  c0150,
  c0151,
  c0152,
  c0153,
  c0154,
  c0155,
  c0156,
  c0157,
  c0158,
  c0159,
  c0160,
];
