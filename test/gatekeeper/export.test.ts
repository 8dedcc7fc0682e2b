// What the Gatekeeper back end asks before it emits: a Constraint kind and name Kubernetes
// accepts and one kind per control; otherwise the control is reported as not exportable, with
// the reason. (The front end renames a helper named like a rule a template needs.)
import { describe, expect, it } from "vitest";
import { constraintKind, gatekeeperExport, type TakenKinds } from "../../compiler/backends/gatekeeper/template.js";
import type { ControlIr } from "../../compiler/frontend/control-module.js";
import { compileSnippet } from "../compiler/snippet.js";

const { ir } = compileSnippet(
  `return podSpec(workload)?.hostPID === true ? [violation("shares the host's process IDs")] : [];`,
);
const withId = (id: string): ControlIr => ({ ...ir, metadata: { ...ir.metadata, id } });
const exported = (control: ControlIr, taken: TakenKinds = new Map()) =>
  gatekeeperExport(control, [], { frameworks: [], inputs: {}, taken });

describe("Gatekeeper names", () => {
  it("derives the Constraint kind from the control ID", () => {
    expect(["C-0016", "ORG-0001", "org-no-latest", "cis-5.2.1"].map(constraintKind)).toEqual([
      "RampartC0016",
      "RampartORG0001",
      "RampartOrgNoLatest",
      "RampartCis521",
    ]);
  });

  it("names the template after the kind and the Constraint after the control", () => {
    const outcome = exported(withId("ORG-0001"));
    expect(outcome.exportable && [outcome.kind, outcome.name]).toEqual(["RampartORG0001", "rampart-org-0001"]);
    expect(outcome.exportable && (outcome.template.metadata as { name: string }).name).toBe("rampartorg0001");
  });

  it("a helper function named like a rule of the template is renamed by the front end", () => {
    const { ir: clash } = compileSnippet(`return reviewed(workload) ? [] : [violation("not reviewed")];`, {
      preamble: `function reviewed(workload: { kind?: string }): boolean { return workload.kind === "Pod"; }`,
    });
    expect(clash.functions.map((fn) => fn.name)).toEqual(["reviewed_"]);
    expect(exported(clash).exportable).toBe(true);
  });
});

describe("not exportable, with the reason", () => {
  it("a second control whose ID gives the same kind", () => {
    const taken: TakenKinds = new Map();
    expect(exported(withId("ORG-1"), taken).exportable).toBe(true);
    expect(exported(withId("org1"), taken)).toEqual({
      exportable: false,
      reason: "its Gatekeeper kind RampartOrg1 is already the kind of ORG-1",
    });
  });

  it("an ID that gives a Constraint name Kubernetes refuses", () => {
    expect(exported(withId("ORG_0001"))).toEqual({
      exportable: false,
      reason: 'its ID gives the Constraint name "rampart-org_0001", which Kubernetes does not accept',
    });
  });
});
