import { commandFlag, control } from "../../../dsl/index.js";
import { componentContainers, ETCD_PODS } from "./shared/components.js";
import { booleanViolations } from "./shared/flags.js";

export default control({
  id: "C-0154",
  name: "Ensure that the --client-cert-auth argument is set to true",
  baseScore: 8,
  category: "Control plane",
  description:
    "Without --client-cert-auth (false by default) etcd accepts clients without a certificate signed by its --trusted-ca-file, so whoever reaches its port can read and write the cluster's data.",
  remediation: "Add --client-cert-auth=true to the etcd command, with --trusted-ca-file.",
  kinds: ["Pod"],
  requires: [ETCD_PODS],
  check(pod) {
    return componentContainers(pod, "etcd").flatMap((ref) =>
      booleanViolations(
        "etcd",
        commandFlag(ref, "--client-cert-auth"),
        true,
        false,
        "clients are not authenticated by certificate",
      ),
    );
  },
});
