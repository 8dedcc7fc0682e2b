// `kubectl patch` commands that apply the fixes to objects in a cluster, one per object, as the
// article users follow writes them: `kubectl patch deployment web-app -n production --type=json -p='[…]'`.
import { isClusterScoped } from "../../dsl/index.js";
import type { ObjectFix } from "./plan.js";

/** A word as a POSIX shell reads it literally: single-quoted, with embedded quotes escaped. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function kubectlPatchCommand(fix: ObjectFix): string {
  const { kind, name, namespace } = fix.object;
  const scope = isClusterScoped(kind) ? [] : ["-n", namespace ?? "default"];
  const words = ["kubectl", "patch", kind.toLowerCase(), name, ...scope, "--type=json"].map(shellQuote);
  return `${words.join(" ")} -p=${shellQuote(JSON.stringify(fix.patch))}`;
}
