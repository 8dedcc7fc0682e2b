// The built-in controls and frameworks. Controls live by area in controls/<area>/, each area
// listing its controls in its index.ts; a control listed there is scanned, compiled and tested
// everywhere.
import type { Control, Framework } from "../dsl/index.js";
import cis from "./cis-v1.23-t1.0.1.js";
import { CLUSTER_CONTROLS } from "./controls/cluster/index.js";
import { CONTROL_PLANE_CONTROLS } from "./controls/control-plane/index.js";
import { NETWORK_CONTROLS } from "./controls/network/index.js";
import { RBAC_CONTROLS } from "./controls/rbac/index.js";
import { REFERENCE_CONTROLS } from "./controls/references/index.js";
import { WORKLOAD_CONTROLS } from "./controls/workload/index.js";
import devopsbest from "./devopsbest.js";
import mitre from "./mitre.js";
import nsa from "./nsa.js";

export const BUILTIN_CONTROLS: readonly Control[] = [
  ...WORKLOAD_CONTROLS,
  ...NETWORK_CONTROLS,
  ...CONTROL_PLANE_CONTROLS,
  ...CLUSTER_CONTROLS,
  ...RBAC_CONTROLS,
  ...REFERENCE_CONTROLS,
];

export const BUILTIN_FRAMEWORKS: readonly Framework[] = [nsa, mitre, cis, devopsbest];
