// The deny message of Rampart's generated policies (the messageExpression written by
// compiler/backends/cel/vap.ts), built from a TypeScript check's violations: the answer a cluster
// running the policy gives, for reports and for tests that hold the two side by side.
import type { ControlMetadata, Violation } from "../../dsl/index.js";

/** Strings in cel-go's order (byte-wise UTF-8), which `sort()` in a policy uses. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/**
 * `<ID> <name>: <Kind> <object name or generateName>: <violation>; <violation>`, the violations
 * sorted so that the message is the same whatever order a policy iterates a map in.
 */
export function denyMessage(
  control: Pick<ControlMetadata, "id" | "name">,
  object: Record<string, unknown>,
  violations: readonly Pick<Violation, "message">[],
): string {
  const metadata = (object.metadata ?? {}) as { name?: unknown; generateName?: unknown };
  const name = [metadata.name, metadata.generateName].find((value) => typeof value === "string") ?? "";
  const messages = violations
    .map((violation) => violation.message)
    .sort(compareUtf8)
    .join("; ");
  return `${control.id} ${control.name}: ${String(object.kind)} ${String(name)}: ${messages}`;
}
