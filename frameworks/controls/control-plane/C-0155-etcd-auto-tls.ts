import { commandFlag, control } from "../../../dsl/index.js";
import { componentContainers, ETCD_PODS } from "./shared/components.js";
import { booleanViolations } from "./shared/flags.js";

export default control({
  id: "C-0155",
  name: "Ensure that the --auto-tls argument is not set to true",
  baseScore: 6,
  category: "Control plane",
  description:
    "With --auto-tls etcd serves clients with a self-signed certificate it generates, which clients cannot verify; it is false by default.",
  remediation: "Remove --auto-tls=true from the etcd command and give it --cert-file and --key-file.",
  kinds: ["Pod"],
  requires: [ETCD_PODS],
  check(pod) {
    return componentContainers(pod, "etcd").flatMap((ref) =>
      booleanViolations(
        "etcd",
        commandFlag(ref, "--auto-tls"),
        false,
        false,
        "it serves clients a self-signed certificate",
      ),
    );
  },
});
