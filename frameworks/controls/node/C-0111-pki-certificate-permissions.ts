import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { permissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0111",
  name: "Ensure that the Kubernetes PKI certificate file permissions are set to 600 or more restrictive",
  baseScore: 8,
  category: "Control plane",
  description:
    "The control plane's certificates (*.crt of the PKI directory) are what its components and clients trust: keeping them to root (600) leaves no local user a way to swap or plant one.",
  remediation: "On each control-plane node, run chmod 600 /etc/kubernetes/pki/*.crt (and the .crt files below it).",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    const files = info.data?.PKIFiles ?? [];
    return files.flatMap((file, index) =>
      file.path?.endsWith(".crt") === true ? permissionsAtMost(file, `data.PKIFiles[${index}]`, 0o600) : [],
    );
  },
});
