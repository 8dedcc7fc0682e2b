import { commandFlag, containers, control, violation } from "../../../dsl/index.js";

export default control({
  id: "C-9029",
  name: "Diagnostic case flag-names-variable",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: ["Pod"],
  check(pod) {
    return containers(pod).flatMap((ref) => {
      const name = ref.container.name === "etcd" ? "--cert-file" : "--tls-cert-file";
      return commandFlag(ref, name).value === undefined ? [violation(`${name} is not set`)] : [];
    });
  },
});
