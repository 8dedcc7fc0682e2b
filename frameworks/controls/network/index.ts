// The network controls: which network policies select which pods, and which namespaces have any.
import type { Control } from "../../../dsl/index.js";
import c0030 from "./C-0030-ingress-egress-blocked.js";
import c0054 from "./C-0054-internal-networking.js";
import c0206 from "./C-0206-namespace-network-policies.js";

export const NETWORK_CONTROLS: readonly Control[] = [c0030, c0054, c0206];
