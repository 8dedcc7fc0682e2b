import { control } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { anonymousAuthViolations } from "./shared/kubelet.js";

export default control({
  id: "C-0172",
  name: "Ensure that the --anonymous-auth argument is set to false",
  baseScore: 7,
  category: "Control plane",
  description:
    "With anonymous authentication on (the default of a kubelet without a config file), requests without credentials reach the kubelet's API as system:anonymous.",
  remediation:
    "Start the kubelet with --anonymous-auth=false, or set authentication.anonymous.enabled: false in its config file, on every node.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    return anonymousAuthViolations(info);
  },
});
