// Kubescape's own test cases (test/conformance/kubescape, see its README), for the rules of
// the controls Rampart implements: the set of objects Rampart fails must be the set Kubescape
// alerts on. Deliberate differences are listed with their reason; the list prunes itself (a
// listed case that starts to agree fails the test, so the entry gets removed).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { BUILTIN_CONTROLS } from "../../frameworks/index.js";
import type { ControlInputValues, KubeObject } from "../../runtime/engine/engine.js";
import { loadInputs } from "../../runtime/input/load.js";
import { runTypeScript, runWasm } from "../support/engines.js";

const ROOT = path.join(import.meta.dirname, "kubescape");

interface CaseFile {
  readonly rule: string;
  readonly case: string;
  readonly controls: readonly string[];
  readonly controlInputs?: Partial<Record<string, string[]>>;
  readonly expectedAlerts: ReadonlyArray<{
    readonly objects: ReadonlyArray<{ kind: string; name?: string; namespace?: string; subject?: boolean }>;
  }>;
}

/** `rule/case/control` → why Rampart deliberately reaches another verdict than Kubescape. */
const DELIBERATE_DIFFERENCES: Readonly<Record<string, string>> = {};

const implemented = new Set(BUILTIN_CONTROLS.map((control) => control.id));

function objectKey(object: { kind?: unknown; metadata?: unknown } | { kind: string; name?: string }): string {
  if ("metadata" in object) {
    const metadata = (object.metadata ?? {}) as { name?: string };
    return `${object.kind as string}/${metadata.name ?? ""}`;
  }
  return `${object.kind}/${(object as { name?: string }).name ?? ""}`;
}

const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((rule) =>
    readdirSync(path.join(ROOT, rule.name), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(ROOT, rule.name, entry.name)),
  )
  .map((folder) => ({ folder, file: JSON.parse(readFileSync(path.join(folder, "case.json"), "utf8")) as CaseFile }))
  .flatMap(({ folder, file }) =>
    file.controls.filter((id) => implemented.has(id)).map((control) => ({ folder, file, control })),
  );

describe("Kubescape conformance", () => {
  it("covers every implemented control that has cases", () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  describe.each(cases)("$file.rule/$file.case ($control)", ({ folder, file, control }) => {
    const key = `${file.rule}/${file.case}/${control}`;
    const loaded = loadInputs([path.join(folder, "input")]);
    const objects: KubeObject[] = loaded.objects.map((entry) => entry.object);
    const inputs = { ...DEFAULT_CONTROL_INPUTS, ...(file.controlInputs ?? {}) } as ControlInputValues;
    const expected = [
      ...new Set(
        file.expectedAlerts.flatMap((alert) => alert.objects.filter((o) => o.subject !== true).map(objectKey)),
      ),
    ].sort();

    it("fails the objects Kubescape alerts on (policy.wasm and TypeScript)", () => {
      for (const run of [runWasm, runTypeScript]) {
        const verdicts = run({ objects, controlIds: [control], inputs }).get(control) ?? [];
        const failing = [
          ...new Set(objects.filter((_, index) => verdicts[index]?.status !== "pass").map(objectKey)),
        ].sort();
        const reason = DELIBERATE_DIFFERENCES[key];
        if (reason === undefined) expect(failing, `${run.name}`).toEqual(expected);
        else
          expect(failing, `listed as a deliberate difference (${reason}) but now agrees: remove it`).not.toEqual(
            expected,
          );
      }
    });
  });
});
