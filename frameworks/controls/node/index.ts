// The node controls: facts collected from each node (Kubescape's host data, written by `rampart
// collect node`): permissions and owners of the control plane's and the kubelet's files, the
// kubelet's flags and config file, the CNI, the API server's encryption and audit files. Each
// requires node facts in the scan's input and is skipped, with the reason, without them.
import type { Control } from "../../../dsl/index.js";
import c0052 from "./C-0052-instance-metadata-api.js";
import c0069 from "./C-0069-kubelet-anonymous-access.js";
import c0070 from "./C-0070-kubelet-client-tls-authentication.js";
import c0092 from "./C-0092-api-server-spec-permissions.js";
import c0093 from "./C-0093-api-server-spec-ownership.js";
import c0094 from "./C-0094-controller-manager-spec-permissions.js";
import c0095 from "./C-0095-controller-manager-spec-ownership.js";
import c0096 from "./C-0096-scheduler-spec-permissions.js";
import c0097 from "./C-0097-scheduler-spec-ownership.js";
import c0098 from "./C-0098-etcd-spec-permissions.js";
import c0099 from "./C-0099-etcd-spec-ownership.js";
import c0100 from "./C-0100-cni-files-permissions.js";
import c0101 from "./C-0101-cni-files-ownership.js";
import c0102 from "./C-0102-etcd-data-directory-permissions.js";
import c0103 from "./C-0103-etcd-data-directory-ownership.js";
import c0104 from "./C-0104-admin-conf-permissions.js";
import c0105 from "./C-0105-admin-conf-ownership.js";
import c0106 from "./C-0106-scheduler-conf-permissions.js";
import c0107 from "./C-0107-scheduler-conf-ownership.js";
import c0108 from "./C-0108-controller-manager-conf-permissions.js";
import c0109 from "./C-0109-controller-manager-conf-ownership.js";
import c0110 from "./C-0110-pki-ownership.js";
import c0111 from "./C-0111-pki-certificate-permissions.js";
import c0112 from "./C-0112-pki-key-permissions.js";
import c0133 from "./C-0133-api-server-audit-log-maxsize.js";
import c0136 from "./C-0136-api-server-service-account-key-file.js";
import c0141 from "./C-0141-api-server-encryption-provider-config.js";
import c0142 from "./C-0142-encryption-providers.js";
import c0161 from "./C-0161-audit-policy-content.js";
import c0162 from "./C-0162-kubelet-service-file-permissions.js";
import c0163 from "./C-0163-kubelet-service-file-ownership.js";
import c0164 from "./C-0164-kube-proxy-kubeconfig-permissions.js";
import c0165 from "./C-0165-kube-proxy-kubeconfig-ownership.js";
import c0166 from "./C-0166-kubelet-kubeconfig-permissions.js";
import c0167 from "./C-0167-kubelet-kubeconfig-ownership.js";
import c0168 from "./C-0168-kubelet-client-ca-permissions.js";
import c0169 from "./C-0169-kubelet-client-ca-ownership.js";
import c0170 from "./C-0170-kubelet-config-permissions.js";
import c0171 from "./C-0171-kubelet-config-ownership.js";
import c0172 from "./C-0172-kubelet-anonymous-auth.js";
import c0173 from "./C-0173-kubelet-authorization-mode.js";
import c0174 from "./C-0174-kubelet-client-ca-file.js";
import c0175 from "./C-0175-kubelet-read-only-port.js";
import c0176 from "./C-0176-kubelet-streaming-connection-idle-timeout.js";
import c0177 from "./C-0177-kubelet-protect-kernel-defaults.js";
import c0178 from "./C-0178-kubelet-make-iptables-util-chains.js";
import c0179 from "./C-0179-kubelet-hostname-override.js";
import c0180 from "./C-0180-kubelet-event-qps.js";
import c0181 from "./C-0181-kubelet-tls-certificate.js";
import c0182 from "./C-0182-kubelet-rotate-certificates.js";
import c0183 from "./C-0183-kubelet-rotate-server-certificate.js";
import c0184 from "./C-0184-kubelet-strong-ciphers.js";
import c0205 from "./C-0205-cni-network-policies.js";
import c0208 from "./C-0208-external-secret-storage.js";

export const NODE_CONTROLS: readonly Control[] = [
  c0052,
  c0069,
  c0070,
  c0092,
  c0093,
  c0094,
  c0095,
  c0096,
  c0097,
  c0098,
  c0099,
  c0100,
  c0101,
  c0102,
  c0103,
  c0104,
  c0105,
  c0106,
  c0107,
  c0108,
  c0109,
  c0110,
  c0111,
  c0112,
  c0133,
  c0136,
  c0141,
  c0142,
  c0161,
  c0162,
  c0163,
  c0164,
  c0165,
  c0166,
  c0167,
  c0168,
  c0169,
  c0170,
  c0171,
  c0172,
  c0173,
  c0174,
  c0175,
  c0176,
  c0177,
  c0178,
  c0179,
  c0180,
  c0181,
  c0182,
  c0183,
  c0184,
  c0205,
  c0208,
];
