import { commandFlags, containers, control, violation } from "../../../dsl/index.js";

export default control({
  id: "C-9028",
  name: "Diagnostic case flag-name",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: ["Pod"],
  check(pod) {
    return containers(pod).flatMap((ref) =>
      commandFlags(ref, ["--cert-file", "--key_file"])
        .filter((flag) => flag.value === undefined)
        .map((flag) => violation(`${flag.name} is not set`, { paths: [flag.path] })),
    );
  },
});
