// The reference controls: objects that name or select other objects (a Service its pods, an
// Ingress or a route its Services, an autoscaler its workload, a workload its ServiceAccount),
// and workloads whose selector does not select their own pods.
import type { Control } from "../../../dsl/index.js";
import c0293 from "./C-0293-service-with-no-workload.js";
import c0296 from "./C-0296-mismatching-selector.js";
import c0298 from "./C-0298-dangling-ingress-backend.js";
import c0299 from "./C-0299-dangling-networkpolicy.js";
import c0300 from "./C-0300-dangling-hpa-target.js";
import c0302 from "./C-0302-dangling-gateway-backend.js";
import c0307 from "./C-0307-non-existent-service-account.js";

export const REFERENCE_CONTROLS: readonly Control[] = [c0293, c0296, c0298, c0299, c0300, c0302, c0307];
