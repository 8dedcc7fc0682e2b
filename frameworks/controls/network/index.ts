// The network controls: which network policies select which pods.
import type { Control } from "../../../dsl/index.js";
import c0030 from "./C-0030-ingress-egress-blocked.js";

export const NETWORK_CONTROLS: readonly Control[] = [c0030];
