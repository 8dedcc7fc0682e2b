// The deny message of Rampart's generated policies (the messageExpression written by
// compiler/backends/cel/vap.ts), built from a TypeScript check's violations: the answer a cluster
// running the policy gives, for reports and for tests that hold the two side by side.
import type { ControlMetadata, Violation } from "../../dsl/index.js";

/** `<ID> <name>: <Kind> <object name or generateName>: <violation>; <violation>` */
export function denyMessage(
  control: Pick<ControlMetadata, "id" | "name">,
  object: Record<string, unknown>,
  violations: readonly Pick<Violation, "message">[],
): string {
  const metadata = (object.metadata ?? {}) as { name?: unknown; generateName?: unknown };
  const name = [metadata.name, metadata.generateName].find((value) => typeof value === "string") ?? "";
  const messages = violations.map((violation) => violation.message).join("; ");
  return `${control.id} ${control.name}: ${String(object.kind)} ${String(name)}: ${messages}`;
}
