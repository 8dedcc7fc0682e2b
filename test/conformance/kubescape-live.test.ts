// Kubescape's verdicts on a whole cluster (test/conformance/kubescape-live, see its README): a
// 1,303-object cluster read back from a real API server and the objects the real Kubescape
// failed, per control. Every implemented control that Kubescape judged must fail exactly the
// same objects, or differ exactly as frameworks/kubescape-differences.yaml lists (a listed
// difference that disappears or grows fails too). The scan is Rampart's own (policy.wasm), and
// the TypeScript checks must give it the same results on this realistic, messy data.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { loadDifferences } from "../../frameworks/differences.js";
import { DIFFERENCES_PAGE, renderDifferencesPage } from "../../frameworks/differences-page.js";
import { BUILTIN_CONTROLS, BUILTIN_FRAMEWORKS } from "../../frameworks/index.js";
import { type ControlInputValues, type Engine, inventoryOf } from "../../runtime/engine/engine.js";
import { ReferenceEngine } from "../../runtime/engine/reference.js";
import { WasmEngine } from "../../runtime/engine/wasm.js";
import { GENERATED_DIR } from "../../runtime/generated.js";
import { loadInputs } from "../../runtime/input/load.js";
import { type ControlResult, isFailing, type ResourceResult, type ScanResult, scan } from "../../runtime/scan.js";
import { builtinLibrary, selectControls } from "../../runtime/selection.js";
import { subjectEntries, subjectLookups, violationsOfSubject } from "../../runtime/subjects.js";
import { verdictOf } from "../../runtime/testing/verdicts.js";

const LIVE = path.join(import.meta.dirname, "kubescape-live");

interface LiveVerdicts {
  readonly controls: Readonly<
    Record<string, { readonly status: "failed" | "passed" | "skipped"; readonly failing?: readonly string[] }>
  >;
  readonly frameworks: Readonly<Record<string, number>>;
}

const verdicts = JSON.parse(readFileSync(path.join(LIVE, "verdicts.json"), "utf8")) as LiveVerdicts;
/** The controls Kubescape judged (the others need node host data it had not collected). */
const judged = Object.keys(verdicts.controls)
  .filter((id) => verdicts.controls[id]?.status !== "skipped")
  .sort();
const implemented = new Set(BUILTIN_CONTROLS.map((control) => control.id));
const compared = judged.filter((id) => implemented.has(id));
const differences = loadDifferences();

/** `Kind/namespace/name`, as verdicts.json names objects. */
function keyOf(resource: ResourceResult): string {
  return `${resource.object.kind}/${resource.object.namespace ?? ""}/${resource.object.name}`;
}

/** How the list of differences names a grant: the subject, then the binding granting it the role. */
const GRANT = " via ";

/**
 * A resource as the list of differences names it: `Kind/namespace/name`, and for an RBAC subject
 * the binding that grants it (`Group//devs via ClusterRoleBinding//admins`), since a subject is a
 * resource once per binding.
 */
function listedKey(resource: ResourceResult): string {
  const binding = resource.object.grantedBy?.binding;
  return binding === undefined
    ? keyOf(resource)
    : `${keyOf(resource)}${GRANT}${binding.kind}/${binding.namespace ?? ""}/${binding.name}`;
}

/** The failing objects, each once (an RBAC subject fails once per binding that grants it the permission). */
function failing(result: ControlResult | undefined): string[] {
  return [...new Set((result?.resources ?? []).filter(isFailing).map(keyOf))].sort();
}

function scanWith(engine: Engine): Promise<ScanResult> {
  return scan({
    loaded: loadInputs([path.join(LIVE, "cluster.json")]),
    selection: selectControls(builtinLibrary(), compared),
    inputs: DEFAULT_CONTROL_INPUTS as ControlInputValues,
    engine,
  });
}

let wasm: ScanResult;
let typescript: ScanResult;
const resultOf = (result: ScanResult, id: string) => result.controls.find((entry) => entry.control.id === id);

beforeAll(async () => {
  wasm = await scanWith(WasmEngine.fromFile(path.join(GENERATED_DIR, "policy.wasm")));
  typescript = await scanWith(new ReferenceEngine(new Map(BUILTIN_CONTROLS.map((control) => [control.id, control]))));
  const identical = compared.filter((id) => {
    const listed = differences.get(id)?.live;
    return (listed?.failOnlyInRampart.length ?? 0) + (listed?.failOnlyInKubescape.length ?? 0) === 0;
  });
  console.log(
    `Kubescape live cluster: evaluated ${compared.length} of ${judged.length} controls Kubescape judged; identical ${identical.length}`,
  );
});

describe("Kubescape's verdicts on a live cluster", () => {
  it("loads the whole cluster", () => {
    expect(wasm.objects.length).toBe(1303);
    expect(wasm.skippedInputs).toEqual([]);
    expect(wasm.malformed).toEqual([]);
  });

  describe.each(compared)("%s", (id) => {
    it("fails the objects Kubescape fails, apart from the listed differences", () => {
      const resources = resultOf(wasm, id)?.resources ?? [];
      const mine = failing(resultOf(wasm, id));
      const theirs = [...(verdicts.controls[id]?.failing ?? [])].sort();
      const onlyRampart = new Set(differences.get(id)?.live.failOnlyInRampart ?? []);
      const onlyKubescape = differences.get(id)?.live.failOnlyInKubescape ?? [];
      // An RBAC subject fails through each binding granting it the permission, and the list
      // names such grants: the subject fails for Rampart only when all of its failing grants are
      // listed, and for Kubescape only when a grant of it is listed and Rampart fails none.
      const failingGrants = resources.filter(isFailing);
      expect(
        [...onlyRampart].filter((key) => !failingGrants.some((resource) => listedKey(resource) === key)),
        "listed as failing for Rampart only, but Rampart does not fail them (remove them from frameworks/kubescape-differences.yaml)",
      ).toEqual([]);
      expect(
        onlyKubescape.filter(
          (key) =>
            key.includes(GRANT) && !resources.some((resource) => listedKey(resource) === key && !isFailing(resource)),
        ),
        "listed as grants failing for Kubescape only, but Rampart has no such passing grant",
      ).toEqual([]);
      expect(
        mine.filter((key) => !theirs.includes(key)),
        "failing for Rampart only (list them in frameworks/kubescape-differences.yaml with a reason, or fix the control)",
      ).toEqual(
        mine.filter((key) =>
          failingGrants
            .filter((resource) => keyOf(resource) === key)
            .every((resource) => onlyRampart.has(listedKey(resource))),
        ),
      );
      expect(
        theirs.filter((key) => !mine.includes(key)),
        "failing for Kubescape only (list them in frameworks/kubescape-differences.yaml with a reason, or fix the control)",
      ).toEqual([...new Set(onlyKubescape.map((key) => key.split(GRANT)[0] as string))].sort());
    });

    it("gives the same results in TypeScript and policy.wasm", () => {
      const summary = (result: ControlResult | undefined) =>
        (result?.resources ?? []).map((resource) => ({
          object: keyOf(resource),
          status: resource.status,
          verdict: verdictOf(resource.status === "error" ? "error" : resource.violations),
        }));
      expect(summary(resultOf(typescript, id))).toEqual(summary(resultOf(wasm, id)));
    });
  });

  it("lists live differences only for controls compared here", () => {
    const stale = [...differences.values()]
      .filter((entry) => entry.live.failOnlyInRampart.length + entry.live.failOnlyInKubescape.length > 0)
      .map((entry) => entry.control)
      .filter((id) => !compared.includes(id));
    expect(stale).toEqual([]);
  });

  it("gives Kubescape's framework scores once a framework's controls are all implemented, but for the listed differences", () => {
    const checked: string[] = [];
    for (const [name, figure] of Object.entries(verdicts.frameworks)) {
      const framework = BUILTIN_FRAMEWORKS.find((entry) => entry.name === name);
      expect(framework, `framework ${name}`).toBeDefined();
      // Kubescape's framework as it scanned it: the catalogue's C-0052 is no longer in its mitre.
      const members = (framework?.controlIds ?? []).filter((id) => Object.hasOwn(verdicts.controls, id));
      const missing = members.filter((id) => judged.includes(id) && !implemented.has(id));
      if (missing.length > 0) {
        console.log(`framework ${name}: score not compared yet, ${missing.length} controls to implement`);
        continue;
      }
      // Kubescape's figure is the mean over all its controls, where one it skipped (host data it
      // had not collected) counts 0; Rampart leaves such controls out of its own means. Each
      // control's score is Rampart's resources with Rampart's verdicts but for the listed
      // differences (objects, or RBAC grants), plus the grants only Kubescape counts: the listed
      // differences are the only reason left.
      const scores = members.map((id) => {
        if (verdicts.controls[id]?.status === "skipped") return 0;
        const listed = differences.get(id)?.live;
        const onlyRampart = new Set(listed?.failOnlyInRampart ?? []);
        const onlyKubescape = new Set(listed?.failOnlyInKubescape ?? []);
        const failsForKubescape = (resource: ResourceResult) =>
          isFailing(resource) ? !onlyRampart.has(listedKey(resource)) : onlyKubescape.has(listedKey(resource));
        const resources = resultOf(wasm, id)?.resources ?? [];
        const extra = kubescapeOnlyGrants(id);
        const all = resources.length + extra.length;
        const passed =
          resources.filter((resource) => !failsForKubescape(resource)).length + extra.filter((grant) => !grant).length;
        return all === 0 ? 100 : (passed / all) * 100;
      });
      const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
      expect(mean, `${name}: Kubescape's compliance score from Rampart's resource counts`).toBeCloseTo(figure, 2);
      checked.push(name);
    }
    console.log(`framework scores compared with Kubescape's: ${checked.join(", ") || "none yet"}`);
  });
});

/**
 * The grants Kubescape counts as resources of an RBAC control and Rampart does not, each true
 * when it fails. Kubescape v4.0.10 (its opa-utils aggregator) pairs a RoleBinding with every Role
 * its roleRef names, in any namespace; the API server binds only the Role of the binding's own
 * namespace (and a later opa-utils pairs so too). On this cluster that adds the two
 * system:controller:bootstrap-signer RoleBindings of kube-system and kube-public, each paired with
 * the other namespace's Role. A pair's verdict is the control's check on the binding read in the
 * Role's namespace.
 */
function kubescapeOnlyGrants(id: string): boolean[] {
  const control = BUILTIN_CONTROLS.find((entry) => entry.id === id);
  if (control?.subjects === undefined) return [];
  const objects = wasm.objects.map((entry) => entry.object);
  const roles = objects.filter((object) => object.kind === "Role");
  const crossed = objects.flatMap((binding) => {
    const roleRef = binding.roleRef as { kind?: string; name?: string } | undefined;
    if (binding.kind !== "RoleBinding" || roleRef?.kind !== "Role") return [];
    const metadata = binding.metadata as { namespace?: string };
    return roles
      .map((role) => role.metadata as { name?: string; namespace?: string })
      .filter((role) => role.name === roleRef.name && role.namespace !== metadata.namespace)
      .map((role) => ({ ...binding, metadata: { ...metadata, namespace: role.namespace } }));
  });
  if (!(control.kinds as readonly string[]).includes("RoleBinding")) return [];
  const engine = new ReferenceEngine(new Map([[id, control]]));
  engine.prepare(DEFAULT_CONTROL_INPUTS as ControlInputValues, inventoryOf(objects));
  const outcomes = engine.evaluate(crossed, [id]).get(id) ?? [];
  const lookups = subjectLookups(inventoryOf([...objects, ...crossed]));
  return crossed.flatMap((binding, index) => {
    const outcome = outcomes.find((entry) => entry.index === index);
    const violations = outcome === undefined || "error" in outcome ? [] : outcome.violations;
    return subjectEntries(binding, lookups)
      .filter((subject) => (control.subjects as readonly string[]).includes(subject.kind))
      .map((subject) => violationsOfSubject(violations, subject.path).length > 0);
  });
}

describe("the page of differences users read (docs/kubescape-differences.md)", () => {
  it("is written from frameworks/kubescape-differences.yaml (npm run docs)", () => {
    expect(readFileSync(DIFFERENCES_PAGE, "utf8")).toBe(renderDifferencesPage(differences));
  });

  it("names every listed control, with what differs and why", () => {
    const page = readFileSync(DIFFERENCES_PAGE, "utf8");
    for (const entry of differences.values()) expect(page).toContain(`| ${entry.control} `);
  });
});
