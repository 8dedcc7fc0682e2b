import { control, violation } from "../../../dsl/index.js";
import { apiServerFlag, ENCRYPTION_CONTENT, encryptionUnread, runsApiServer } from "./shared/api-server.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";

/** The providers that encrypt (CIS): identity stores in clear; aesgcm needs key rotation CIS does not trust to happen. */
const STRONG_PROVIDERS = ["aescbc", "secretbox", "kms"];

export default control({
  id: "C-0142",
  name: "Ensure that encryption providers are appropriately configured",
  baseScore: 7,
  category: "Control plane",
  description:
    "The API server encrypts what it writes to etcd with the first provider of each resources entry of its encryption configuration; identity (or an empty list) stores the resources in clear.",
  remediation:
    "Make aescbc, secretbox or kms the first provider of every resources entry of the EncryptionConfiguration that kube-apiserver reads (--encryption-provider-config), keeping identity after it only while old data is rewritten.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    if (!runsApiServer(info)) return [];
    const flag = apiServerFlag(info, "--encryption-provider-config");
    if (flag.value === undefined || flag.value === "") return [];
    const unread = encryptionUnread(info, flag);
    if (unread.length > 0) return unread;
    const file = flag.value;
    const entries = info.data?.APIServerInfo?.encryptionProviderConfigFile?.decoded?.resources ?? [];
    return entries
      .filter((entry) => {
        const first = (entry.providers ?? [])[0];
        return first === undefined || !Object.entries(first).some(([name]) => STRONG_PROVIDERS.includes(name));
      })
      .map((entry) =>
        violation(
          `the API server's encryption configuration ${file} writes ${(entry.resources ?? []).join(", ")} with a first provider other than aescbc, secretbox or kms`,
          { paths: [ENCRYPTION_CONTENT] },
        ),
      );
  },
});
