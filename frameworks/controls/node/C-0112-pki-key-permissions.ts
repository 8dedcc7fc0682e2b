import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { permissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0112",
  name: "Ensure that the Kubernetes PKI key file permissions are set to 600",
  baseScore: 8,
  category: "Control plane",
  description:
    "The private keys of the control plane (*.key of the PKI directory, the cluster CA's among them) let whoever reads them impersonate the API server or sign any credential.",
  remediation: "On each control-plane node, run chmod 600 /etc/kubernetes/pki/*.key (and the .key files below it).",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    const files = info.data?.PKIFiles ?? [];
    return files.flatMap((file, index) =>
      file.path?.endsWith(".key") === true ? permissionsAtMost(file, `data.PKIFiles[${index}]`, 0o600) : [],
    );
  },
});
