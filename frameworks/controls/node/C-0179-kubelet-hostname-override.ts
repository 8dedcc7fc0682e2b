import { control, violation } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { kubeletFlag } from "./shared/kubelet.js";

export default control({
  id: "C-0179",
  name: "Ensure that the --hostname-override argument is not set",
  baseScore: 3,
  category: "Control plane",
  description:
    "--hostname-override gives the node a name other than its hostname, which breaks the TLS between the API server and the kubelet (the serving certificate no longer names the node).",
  remediation: "Remove --hostname-override from the kubelet's command line (its unit file or drop-ins) on every node.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    const flag = kubeletFlag(info, "--hostname-override");
    return flag.value === undefined
      ? []
      : [
          violation(
            `the kubelet runs with --hostname-override=${flag.value}: the node's name differs from its hostname`,
            {
              paths: [flag.path],
            },
          ),
        ];
  },
});
