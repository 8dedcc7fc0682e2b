import { control, violation } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { CONFIG_CONTENT, configUnread, kubeletFlag, readsConfig } from "./shared/kubelet.js";

export default control({
  id: "C-0181",
  name: "Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate",
  baseScore: 7,
  category: "Control plane",
  description:
    "Without a serving certificate and key (tlsCertFile and tlsPrivateKeyFile, or their flags) the kubelet serves its API with a self-signed certificate that no client can verify.",
  remediation:
    "Set tlsCertFile and tlsPrivateKeyFile in the kubelet's config file (or --tls-cert-file and --tls-private-key-file) on every node.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    const cert = kubeletFlag(info, "--tls-cert-file");
    const key = kubeletFlag(info, "--tls-private-key-file");
    const config = info.data?.configFile?.decoded;
    const certSet = (cert.value !== undefined && cert.value !== "") || (config?.tlsCertFile ?? "") !== "";
    const keySet = (key.value !== undefined && key.value !== "") || (config?.tlsPrivateKeyFile ?? "") !== "";
    if (certSet && keySet) return [];
    const unread = configUnread(info, "tlsCertFile and tlsPrivateKeyFile");
    if (unread.length > 0) return unread;
    const missing = [
      ...(certSet ? [] : ["--tls-cert-file (tlsCertFile)"]),
      ...(keySet ? [] : ["--tls-private-key-file (tlsPrivateKeyFile)"]),
    ];
    return [
      violation(`the kubelet sets no ${missing.join(" and ")}: it serves its API with a self-signed certificate`, {
        paths: [readsConfig(info) ? CONFIG_CONTENT : cert.path],
      }),
    ];
  },
});
