// The control-plane controls: the flags of the kube-apiserver, kube-controller-manager,
// kube-scheduler and etcd static pods in kube-system, read from their command and args. Each
// requires pods of its component in the scan's input and is skipped, with the reason, without them.
import type { Control } from "../../../dsl/index.js";
import c0113 from "./C-0113-api-server-anonymous-auth.js";

export const CONTROL_PLANE_CONTROLS: readonly Control[] = [c0113];
