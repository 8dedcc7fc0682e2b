import { commandFlag, control } from "../../../dsl/index.js";
import { componentContainers, ETCD_PODS } from "./shared/components.js";
import { booleanViolations } from "./shared/flags.js";

export default control({
  id: "C-0158",
  name: "Ensure that the --peer-auto-tls argument is not set to true",
  baseScore: 6,
  category: "Control plane",
  description:
    "With --peer-auto-tls etcd members use self-signed certificates they generate for each other, which authenticate no peer; it is false by default.",
  remediation: "Remove --peer-auto-tls=true from the etcd command and give it --peer-cert-file and --peer-key-file.",
  kinds: ["Pod"],
  requires: [ETCD_PODS],
  check(pod) {
    return componentContainers(pod, "etcd").flatMap((ref) =>
      booleanViolations(
        "etcd",
        commandFlag(ref, "--peer-auto-tls"),
        false,
        false,
        "peers use self-signed certificates",
      ),
    );
  },
});
