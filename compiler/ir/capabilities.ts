// What a control needs, read off its IR: only the object under review, or other objects of the
// scan too (cross-resource: Rego only, never admission).

import type { ControlIr } from "../frontend/control-module.js";
import type { Expr } from "./nodes.js";
import { nodes } from "./walk.js";

export type Scope = "single-object" | "cross-resource";

function everyNode(control: ControlIr): Expr[] {
  return [control.body, ...control.functions.map((fn) => fn.body)].flatMap((root) => [...nodes(root)]);
}

/** The kinds of other objects the control reads; empty for a single-object control. */
export function otherKindsRead(control: ControlIr): string[] {
  const kinds = new Set<string>();
  for (const node of everyNode(control)) if (node.kind === "lookup") kinds.add(node.objectKind);
  return [...kinds].sort();
}

export function scopeOf(control: ControlIr): Scope {
  return otherKindsRead(control).length > 0 ? "cross-resource" : "single-object";
}

export { everyNode };
