import { control, violation } from "../../../dsl/index.js";
import {
  apiServerFlag,
  ENCRYPTION_CONTENT,
  encryptionUnread,
  runsApiServer,
  SECRET_RESOURCES,
} from "./shared/api-server.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";

export default control({
  id: "C-0208",
  name: "Consider external secret storage",
  baseScore: 5,
  category: "Control plane",
  description:
    "With a KMS provider, the key that encrypts secrets in etcd lives in an external key management service instead of a file on the control-plane nodes, so a copy of a node's disk or of etcd does not give the secrets away.",
  remediation:
    "Make a kms provider (KMS v2) the first provider of the resources entry for secrets in the EncryptionConfiguration that kube-apiserver reads, or keep secrets in an external secret store.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    if (!runsApiServer(info)) return [];
    const flag = apiServerFlag(info, "--encryption-provider-config");
    if (flag.value === undefined || flag.value === "")
      return [
        violation("kube-apiserver runs without --encryption-provider-config: no external key encrypts secrets", {
          paths: [flag.path],
        }),
      ];
    const unread = encryptionUnread(info, flag);
    if (unread.length > 0) return unread;
    const entries = info.data?.APIServerInfo?.encryptionProviderConfigFile?.decoded?.resources ?? [];
    const external = entries.some(
      (entry) =>
        (entry.resources ?? []).some((name) => SECRET_RESOURCES.includes(name)) &&
        (entry.providers ?? [])[0]?.kms !== undefined,
    );
    return external
      ? []
      : [
          violation(
            `the API server's encryption configuration ${flag.value} does not encrypt secrets with a kms provider first: their key is kept on the node`,
            { paths: [ENCRYPTION_CONTENT] },
          ),
        ];
  },
});
