import { control, podSpec, podSpecPath, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-0038",
  name: "Host PID/IPC privileges",
  baseScore: 7,
  category: "Workload",
  description:
    "With hostPID the pod sees every process of the node and can signal or trace them and read their environment; with hostIPC it shares the node's shared memory and message queues. Both break the isolation between the pod and the node.",
  remediation: "Remove hostPID and hostIPC from the pod spec (or set them to false).",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    const spec = podSpec(workload);
    const base = podSpecPath(workload);
    return [
      ...(spec?.hostPID === true
        ? [violation("the pods share the node's process namespace (hostPID)", { paths: [`${base}.hostPID`] })]
        : []),
      ...(spec?.hostIPC === true
        ? [violation("the pods share the node's IPC namespace (hostIPC)", { paths: [`${base}.hostIPC`] })]
        : []),
    ];
  },
});
