// What a control needs, read off its IR: only the object under review, or other objects of the
// scan too (cross-resource: Rego only, never admission).

import type { KindName } from "../../dsl/index.js";
import type { ControlIr } from "../frontend/control-module.js";
import { nodes } from "./walk.js";

export type Scope = "single-object" | "cross-resource";

/** The kinds of other objects the control reads, sorted; empty for a single-object control. */
export function otherKindsRead(control: ControlIr): KindName[] {
  const kinds = new Set<KindName>();
  for (const root of [control.body, ...control.functions.map((fn) => fn.body)]) {
    for (const node of nodes(root)) if (node.kind === "lookup") kinds.add(node.objectKind);
  }
  return [...kinds].sort();
}

/** A control that reads other objects (see otherKindsRead) is cross-resource. */
export function scopeOf(readsKinds: readonly KindName[]): Scope {
  return readsKinds.length > 0 ? "cross-resource" : "single-object";
}
