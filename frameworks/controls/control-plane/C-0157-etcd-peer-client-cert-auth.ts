import { commandFlag, control } from "../../../dsl/index.js";
import { componentContainers, ETCD_PODS } from "./shared/components.js";
import { booleanViolations } from "./shared/flags.js";

export default control({
  id: "C-0157",
  name: "Ensure that the --peer-client-cert-auth argument is set to true",
  baseScore: 7,
  category: "Control plane",
  description:
    "Without --peer-client-cert-auth (false by default) an etcd member accepts peers without a certificate signed by its --peer-trusted-ca-file, so any host reaching the peer port can join or read the cluster's data.",
  remediation: "Add --peer-client-cert-auth=true to the etcd command, with --peer-trusted-ca-file.",
  kinds: ["Pod"],
  requires: [ETCD_PODS],
  check(pod) {
    return componentContainers(pod, "etcd").flatMap((ref) =>
      booleanViolations(
        "etcd",
        commandFlag(ref, "--peer-client-cert-auth"),
        true,
        false,
        "peers are not authenticated by certificate",
      ),
    );
  },
});
