// Every generated ValidatingAdmissionPolicy (generated/vap/rampart-c-*.yaml), evaluated in
// TypeScript as the API server would, against the TypeScript control it was compiled from: on
// every Kubescape conformance input of the control's kinds, and on probes for what those inputs
// do not exercise. A disagreement that comes from the generated CEL is a compiler bug: it is
// listed below with its reason until the compiler is fixed.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SCAN_ONLY_KINDS } from "../../compiler/backends/cel/resources.js";
import type { Control, KindName } from "../../dsl/index.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { BUILTIN_CONTROLS } from "../../frameworks/index.js";
import { AdmissionPolicy, parsePolicyFile } from "../../runtime/admission/policy.js";
import { type LoadedObject, loadInputs } from "../../runtime/input/load.js";
import { normalize } from "../../runtime/input/normalize.js";
import { EXPRESSIBLE_IN_CEL } from "../support/builtin.js";
import { differences, type KnownGap, unexplained } from "./compare.js";
import { PROBES } from "./probes.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const VAP_DIR = path.join(ROOT, "generated", "vap");

/** Conformance inputs on which the generated CEL disagrees with the TypeScript control. */
const CONFORMANCE_GAPS: readonly KnownGap[] = [];

/** Probes on which the generated CEL disagrees with the TypeScript control. */
const PROBE_GAPS: readonly KnownGap[] = [];

const params = parse(readFileSync(path.join(VAP_DIR, "control-inputs.yaml"), "utf8")) as {
  spec: Record<string, unknown>;
};
const controls = new Map(BUILTIN_CONTROLS.map((control) => [control.id, control]));
const conformance = loadInputs([path.join(ROOT, "test/conformance/kubescape/**/input/*")]);

const policies = readdirSync(VAP_DIR)
  .filter((file) => /^rampart-c-\d+\.yaml$/.test(file))
  .sort()
  .map((file) => {
    const { policy, binding } = parsePolicyFile(readFileSync(path.join(VAP_DIR, file), "utf8"));
    const id = policy.metadata?.annotations?.["rampart.dev/control-id"] ?? `(no control-id annotation in ${file})`;
    return { file, id, policy, binding, control: controls.get(id) };
  });

function conformanceCase(id: string, { source }: LoadedObject): string {
  const item = source.itemIndex === undefined ? "" : `[${source.itemIndex}]`;
  return `${id} ${path.relative(ROOT, source.file)}#${source.documentIndex}${item}`;
}

/** The object is of the control's kinds, and of one that reaches the API server (not a cluster description). */
function appliesTo(control: Control, object: Record<string, unknown>): boolean {
  return (control.kinds as readonly unknown[]).includes(object.kind) && !SCAN_ONLY_KINDS.has(object.kind as KindName);
}

it("finds the generated policies and the conformance inputs", () => {
  expect(policies.map((entry) => entry.id)).toEqual(EXPRESSIBLE_IN_CEL);
  expect(conformance.skipped).toEqual([]);
  expect(conformance.objects.length).toBeGreaterThan(0);
});

it("applies every probe to some policy", () => {
  const unused = PROBES.filter((probe) => {
    const object = normalize(probe.object) as Record<string, unknown>;
    return !policies.some(({ control }) => control !== undefined && appliesTo(control, object));
  }).map((probe) => probe.name);
  expect(unused).toEqual([]);
});

describe.each(policies)("$id ($file)", ({ id, policy, binding, control }) => {
  it("is the policy of a built-in control, given the inputs the control reads by default", () => {
    expect(control, `no built-in control ${id}`).toBeDefined();
    for (const input of control?.inputs ?? []) expect(params.spec[input], input).toEqual(DEFAULT_CONTROL_INPUTS[input]);
  });

  if (control === undefined) return;
  const admission = new AdmissionPolicy(policy, binding, params);

  it("agrees with the TypeScript control on every conformance input of its kinds", () => {
    const inputs = conformance.objects.filter(({ object }) => appliesTo(control, object));
    expect(inputs.length).toBeGreaterThan(0);
    const found = new Map<string, string[]>();
    for (const input of inputs) {
      const problems = differences(admission, control, input.object);
      if (problems.length > 0) found.set(conformanceCase(id, input), problems);
    }
    const { disagreements, fixedGaps } = unexplained(
      found,
      CONFORMANCE_GAPS.filter((gap) => gap.case.startsWith(`${id} `)),
    );
    expect(disagreements, "the generated CEL disagrees with the TypeScript control").toEqual([]);
    expect(fixedGaps).toEqual([]);
  });

  it("agrees with the TypeScript control on the probes of its kinds", () => {
    const found = new Map<string, string[]>();
    let applied = 0;
    for (const probe of PROBES) {
      const object = normalize(probe.object) as Record<string, unknown>;
      if (!appliesTo(control, object)) continue;
      applied++;
      const problems = differences(admission, control, object);
      if (problems.length > 0) found.set(`${id} probe:${probe.name}`, problems);
    }
    expect(applied, "probes of the control's kinds").toBeGreaterThan(0);
    const { disagreements, fixedGaps } = unexplained(
      found,
      PROBE_GAPS.filter((gap) => gap.case.startsWith(`${id} `)),
    );
    expect(disagreements, "the generated CEL disagrees with the TypeScript control").toEqual([]);
    expect(fixedGaps).toEqual([]);
  });
});
