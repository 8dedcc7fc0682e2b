// The cluster controls: what the cluster's policy objects and namespaces provide (Pod Security
// Admission levels, admission webhooks and policies, namespaces, default service accounts).
import type { Control } from "../../../dsl/index.js";
import c0036 from "./C-0036-validating-webhooks.js";
import c0039 from "./C-0039-mutating-webhooks.js";
import c0189 from "./C-0189-default-service-accounts.js";
import c0192 from "./C-0192-policy-control-mechanism.js";
import c0193 from "./C-0193-privileged-containers.js";
import c0194 from "./C-0194-host-pid.js";
import c0195 from "./C-0195-host-ipc.js";
import c0196 from "./C-0196-host-network.js";
import c0197 from "./C-0197-allow-privilege-escalation.js";
import c0198 from "./C-0198-root-containers.js";
import c0199 from "./C-0199-net-raw.js";
import c0200 from "./C-0200-added-capabilities.js";
import c0201 from "./C-0201-capabilities-assigned.js";
import c0202 from "./C-0202-windows-host-process.js";
import c0203 from "./C-0203-host-path-volumes.js";
import c0204 from "./C-0204-host-ports.js";
import c0209 from "./C-0209-namespace-boundaries.js";

export const CLUSTER_CONTROLS: readonly Control[] = [
  c0036,
  c0039,
  c0189,
  c0192,
  c0193,
  c0194,
  c0195,
  c0196,
  c0197,
  c0198,
  c0199,
  c0200,
  c0201,
  c0202,
  c0203,
  c0204,
  c0209,
];
