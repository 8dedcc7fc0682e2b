import { control, param, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9015",
  name: "Diagnostic case parameter-input-clash",
  baseScore: 5,
  category: "Test",
  description: "A control with one parameter the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  parameters: {
    insecureCapabilities: param.string("NET_RAW"),
  },
  check(workload, context) {
    return workload.metadata?.name === context.params.insecureCapabilities ? [violation("named like a capability")] : [];
  },
});
