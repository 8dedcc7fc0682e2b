import { control } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { anonymousAuthViolations } from "./shared/kubelet.js";

export default control({
  id: "C-0069",
  name: "Disable anonymous access to Kubelet service",
  baseScore: 10.0,
  category: "Control plane",
  description:
    "The kubelet's API (port 10250) runs commands in containers and reads their logs and secrets; with anonymous authentication on, a request without credentials reaches it as system:anonymous, which only its authorization mode stands between.",
  remediation:
    "Start the kubelet with --anonymous-auth=false, or set authentication.anonymous.enabled: false in its config file (--config), on every node.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    return anonymousAuthViolations(info);
  },
});
