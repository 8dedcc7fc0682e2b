// Kubescape's own test cases (test/conformance/kubescape, see its README), for the rules of
// the controls Rampart implements: the set of objects Rampart fails must be the set Kubescape
// alerts on (for RBAC controls, the subjects: Kubescape's alerts marked `subject`), and where Kubescape names paths for an object (failed, fix, delete or review
// paths), Rampart's paths and fixes for it must be the same fields, with the same fix values.
// Differences are listed with their reason; the lists prune themselves (a listed case or path
// that starts to agree fails the test, so the entry gets removed).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isChoiceFix, isRemoveFix, type Violation, WORKLOAD_KINDS } from "../../dsl/index.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { loadDifferences } from "../../frameworks/differences.js";
import { BUILTIN_CONTROLS } from "../../frameworks/index.js";
import { type ControlInputValues, inventoryOf, type KubeObject } from "../../runtime/engine/engine.js";
import { loadInputs } from "../../runtime/input/load.js";
import {
  isBinding,
  type SubjectEntry,
  subjectEntries,
  subjectLookups,
  violationsOfSubject,
} from "../../runtime/subjects.js";
import { type Verdict, verdictOf } from "../../runtime/testing/verdicts.js";
import { runTypeScript, runWasm } from "../support/engines.js";

const ROOT = path.join(import.meta.dirname, "kubescape");
const CATALOG_FILE = path.join(import.meta.dirname, "..", "..", "frameworks", "catalog", "controls.json");

interface AlertObject {
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly subject?: boolean;
}

interface CaseFile {
  readonly rule: string;
  readonly case: string;
  readonly controls: readonly string[];
  readonly controlInputs?: Partial<Record<string, string[]>>;
  readonly expectedAlerts: ReadonlyArray<{
    readonly objects: readonly AlertObject[];
    readonly failedPaths?: readonly string[];
    readonly fixPaths?: ReadonlyArray<{ readonly path: string; readonly value: string }>;
    readonly deletePaths?: readonly string[];
    readonly reviewPaths?: readonly string[];
  }>;
}

const differences = [...loadDifferences().values()];

/** `rule/case/control` → why Rampart deliberately reaches another verdict than Kubescape. */
const DELIBERATE_DIFFERENCES: Readonly<Record<string, string>> = Object.fromEntries(
  differences.flatMap((entry) =>
    Object.entries(entry.cases).map(([key, reason]) => [`${key}/${entry.control}`, reason]),
  ),
);

/**
 * `rule/case/control kind/namespace/name: path` → why Rampart deliberately reports a path (or a
 * fix value) for the object that Kubescape does not, or leaves out one Kubescape reports.
 */
const DELIBERATE_PATH_DIFFERENCES: Readonly<Record<string, string>> = Object.fromEntries(
  differences.flatMap((entry) =>
    Object.entries(entry.paths).map(([key, reason]) => {
      const space = key.indexOf(" ");
      return [`${key.slice(0, space)}/${entry.control}${key.slice(space)}`, reason];
    }),
  ),
);

/** Implemented controls none of whose Kubescape rules has a case in test/conformance/kubescape. */
const WITHOUT_CASES: Readonly<Record<string, string>> = {
  "C-0026": "the converted suite holds no case of Kubescape's rule-deny-cronjobs",
  "C-0039": "the converted suite holds no case of Kubescape's list-all-mutating-webhooks",
  "C-0056": "the converted suite holds no case of Kubescape's configured-liveness-probe",
  "C-0057": "the converted suite holds no case of Kubescape's rule-privileged-container",
  "C-0035": "the converted suite holds no case of Kubescape's rule-list-all-cluster-admins-v1",
  "C-0187": "the converted suite holds no case of Kubescape's rule-list-all-cluster-admins-v1",
  "C-0188": "the converted suite holds no case of Kubescape's rule-can-create-pod",
  "C-0005": "the converted suite holds no case of Kubescape's insecure-port-flag",
  "C-0124":
    "the converted suite holds no case of Kubescape's ensure-that-the-admission-control-plugin-SecurityContextDeny-is-set-if-PodSecurityPolicy-is-not-used",
  "C-0132":
    "the converted suite holds no case of Kubescape's ensure-that-the-api-server-audit-log-maxbackup-argument-is-set-to-10-or-as-appropriate",
  "C-0148":
    "the converted suite holds no case of Kubescape's ensure-that-the-controller-manager-root-ca-file-argument-is-set-as-appropriate",
  "C-0058": "the converted suite holds no case of Kubescape's Symlink-Exchange-Can-Allow-Host-Filesystem-Access",
  "C-0059": "the converted suite holds no case of Kubescape's nginx-ingress-snippet-annotation-vulnerability",
  "C-0076": "the converted suite holds no case of Kubescape's label-usage-for-resources",
  "C-0209": "the converted suite holds no case of Kubescape's list-all-namespaces",
  "C-0253": "the converted suite holds no case of Kubescape's rule-identify-old-k8s-registry",
  "C-0305": "the converted suite holds no case of Kubescape's no-rolling-update-strategy",
};

/**
 * Controls made of several Kubescape rules: a case written for one rule judges only the control's
 * violations about that rule's fields (a violation is about a field when one of its paths has a
 * segment of that name), since the control's other rules legitimately fail the same objects for
 * other fields.
 */
const RULE_FIELDS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  "C-0211": {
    "rule-privilege-escalation": ["privileged"],
    "rule-allow-privilege-escalation": ["allowPrivilegeEscalation"],
    "non-root-containers": ["runAsNonRoot", "runAsUser", "runAsGroup"],
    "immutable-container-filesystem": ["readOnlyRootFilesystem"],
    "drop-capability-netraw": ["capabilities"],
    "set-seccomp-profile": ["seccompProfile"],
    "set-seLinuxOptions": ["seLinuxOptions"],
    "set-procmount-default": ["procMount"],
    "set-fsgroup-value": ["fsGroup"],
    "set-fsgroupchangepolicy-value": ["fsGroupChangePolicy"],
    "set-sysctls-params": ["sysctls"],
    "set-supplementalgroups-values": ["supplementalGroups"],
    "set-gmsacredentialspecname-value": ["gmsaCredentialSpecName"],
    "set-runasusername-value": ["runAsUserName"],
    "set-hostprocess-true": ["hostProcess"],
  },
};

/** Kinds of RBAC subjects; an alert's other subjects (a workload, a cluster description) are objects. */
const RBAC_SUBJECT_KINDS: readonly string[] = ["User", "Group", "ServiceAccount"];

const implemented = new Set(BUILTIN_CONTROLS.map((control) => control.id));
/** RBAC controls: their failing resources are the subjects of bindings (runtime/subjects.ts). */
const SUBJECT_CONTROLS = new Set(BUILTIN_CONTROLS.filter((control) => control.subjects !== undefined).map((c) => c.id));

function objectKey(kind: string, namespace: string | undefined, name: string | undefined): string {
  return `${kind}/${namespace ?? ""}/${name ?? ""}`;
}

function keyOf(object: KubeObject): string {
  const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
  return objectKey(object.kind as string, metadata.namespace, metadata.name);
}

/**
 * The input object an alert names. Kubescape's cases mostly leave the namespace out: then the
 * kind and name must name input objects of one namespace, which completes the key (some cases
 * hold several versions of one object, e.g. two pods kube-apiserver-minikube: they share the
 * key, and their verdicts and paths are compared together). An alert on a cloud provider's
 * cluster description names no object (Kubescape reports it as an external object): it is the
 * case's one ClusterDescribe.
 */
function resolve(alert: AlertObject, objects: readonly KubeObject[]): string {
  if (alert.namespace !== undefined) return objectKey(alert.kind, alert.namespace, alert.name);
  // A user or group is in no namespace; a service account of an alert is found among the subjects.
  if (alert.subject === true && RBAC_SUBJECT_KINDS.includes(alert.kind)) {
    const keys = subjectsIn(objects)
      .map((entry) => objectKey(entry.kind, entry.namespace, entry.name))
      .filter((key) => key.startsWith(`${alert.kind}/`) && key.endsWith(`/${alert.name ?? ""}`));
    return [...new Set(keys)][0] ?? objectKey(alert.kind, "?", alert.name);
  }
  const matches = objects.filter((object) => {
    const metadata = (object.metadata ?? {}) as { name?: string };
    return object.kind === alert.kind && (alert.name === undefined || metadata.name === alert.name);
  });
  const keys = new Set(matches.map(keyOf));
  if (keys.size > 1) throw new Error(`${alert.kind}/${alert.name} names ${keys.size} input objects`);
  return matches[0] === undefined ? objectKey(alert.kind, "?", alert.name) : keyOf(matches[0]);
}

/** The subjects of the bindings among `objects`, as the scan counts them. */
function subjectsIn(objects: readonly KubeObject[]): SubjectEntry[] {
  const lookups = subjectLookups(inventoryOf(objects));
  return objects.flatMap((object) => subjectEntries(object, lookups));
}

/**
 * A path of an RBAC alert, which Kubescape writes in its subject's related objects: the binding
 * (relatedObjects[0], as its aggregator puts it first) or the role (relatedObjects[1]). The
 * binding's become paths of the binding, as Rampart writes them; the role's are left out, since a
 * violation's paths are fields of the object under review (Rampart names the role's rule in the
 * message instead).
 */
function bindingPath(path: string): string | undefined {
  const binding = "relatedObjects[0].";
  if (path.startsWith(binding)) return path.slice(binding.length);
  return path.startsWith("relatedObjects[") ? undefined : path;
}

/**
 * An object's paths: every path reported, with the fix values given for it (objects that share a
 * key, and several alerts on one object, may each give one).
 */
type PathMap = Map<string, Set<string>>;

function addPath(paths: PathMap, field: string, fix?: string): void {
  const fixes = paths.get(field) ?? new Set<string>();
  if (fix !== undefined) fixes.add(fix);
  paths.set(field, fixes);
}

function addViolationPaths(paths: PathMap, violations: readonly Violation[]): void {
  for (const violation of violations) {
    for (const field of violation.paths) addPath(paths, field);
    // Kubescape writes YOUR_VALUE where the user must choose the value, and no value for a deletion.
    for (const fix of violation.fixes)
      addPath(paths, fix.path, isRemoveFix(fix) ? undefined : isChoiceFix(fix) ? "YOUR_VALUE" : fix.value);
  }
}

function fixesText(fixes: ReadonlySet<string> | undefined): string {
  return fixes === undefined || fixes.size === 0 ? "none" : [...fixes].sort().join(" | ");
}

/** Each path on which the two sides differ: reported by one side only, or fixed by one side only or to other values. */
function pathDifferences(rampart: PathMap, kubescape: PathMap): Map<string, string> {
  const differences = new Map<string, string>();
  for (const field of new Set([...rampart.keys(), ...kubescape.keys()])) {
    const mine = rampart.get(field);
    const theirs = kubescape.get(field);
    if (mine === undefined) differences.set(field, `Kubescape reports it (fix ${fixesText(theirs)}), Rampart does not`);
    else if (theirs === undefined)
      differences.set(field, `Rampart reports it (fix ${fixesText(mine)}), Kubescape does not`);
    else if (fixesText(mine) !== fixesText(theirs))
      differences.set(field, `fixes differ: Rampart ${fixesText(mine)}, Kubescape ${fixesText(theirs)}`);
  }
  return differences;
}

interface Case {
  readonly key: string;
  readonly rule: string;
  readonly control: string;
  readonly objects: readonly KubeObject[];
  readonly inputs: ControlInputValues;
  /** Each object Kubescape alerts on, with the paths it names for the object. */
  readonly expectedPaths: ReadonlyMap<string, PathMap>;
}

function caseOf(folder: string, file: CaseFile, control: string): Case {
  const objects = loadInputs([path.join(folder, "input")]).objects.map((entry) => entry.object);
  const inputs = { ...DEFAULT_CONTROL_INPUTS, ...(file.controlInputs ?? {}) } as ControlInputValues;
  const expectedPaths = new Map<string, PathMap>();
  for (const alert of file.expectedAlerts) {
    for (const object of alert.objects) {
      // A subject is an RBAC subject (its paths are the binding's), or the workload an alert about
      // two objects is for (a Service exposing it), whose paths are not fields of the workload.
      const workloadSubject = object.subject === true && (WORKLOAD_KINDS as readonly string[]).includes(object.kind);
      const key = resolve(object, objects);
      const paths = expectedPaths.get(key) ?? new Map();
      if (!workloadSubject) {
        for (const field of [
          ...(alert.failedPaths ?? []),
          ...(alert.deletePaths ?? []),
          ...(alert.reviewPaths ?? []),
        ]) {
          const path = object.subject === true ? bindingPath(field) : field;
          if (path !== undefined) addPath(paths, path);
        }
        for (const fix of alert.fixPaths ?? []) addPath(paths, fix.path, fix.value);
      }
      expectedPaths.set(key, paths);
    }
  }
  return { key: `${file.rule}/${file.case}/${control}`, rule: file.rule, control, objects, inputs, expectedPaths };
}

const ENGINES = [runWasm, runTypeScript];

/** Whether a violation is about one of `fields`: a segment of one of its paths is one of them. */
function isAbout(violation: Violation, fields: readonly string[]): boolean {
  return violation.paths.some((field) =>
    field.split(".").some((segment) => fields.includes(segment.replace(/\[.*$/, ""))),
  );
}

/** The control's verdicts on the case's objects, limited to the case's rule where the control has several (RULE_FIELDS). */
function verdictsOf(entry: Case, run: (typeof ENGINES)[number]): readonly (Verdict | undefined)[] {
  const verdicts =
    run({ objects: entry.objects, controlIds: [entry.control], inputs: entry.inputs }).get(entry.control) ?? [];
  const fields = RULE_FIELDS[entry.control]?.[entry.rule];
  if (fields === undefined) return verdicts;
  return verdicts.map((verdict) =>
    verdict === undefined || verdict.status === "error"
      ? verdict
      : verdictOf(
          verdict.violations
            .map((text) => JSON.parse(text) as Violation)
            .filter((violation) => isAbout(violation, fields)),
        ),
  );
}

/**
 * What one engine fails in a case: each failing resource with the paths it reports (for an RBAC
 * control, each subject of a failing binding, with the binding's violations that name it, as a
 * scan counts them), the objects it could not evaluate, and how many verdicts it gave.
 */
function failuresOf(
  entry: Case,
  run: (typeof ENGINES)[number],
): { failing: Map<string, PathMap>; errors: string[]; verdicts: number } {
  const verdicts = verdictsOf(entry, run);
  const lookups = subjectLookups(inventoryOf(entry.objects));
  const failing = new Map<string, PathMap>();
  const errors: string[] = [];
  entry.objects.forEach((object, index) => {
    const verdict = verdicts[index];
    if (verdict?.status === "error") errors.push(keyOf(object));
    if (verdict?.status !== "fail") return;
    const violations = verdict.violations.map((text) => JSON.parse(text) as Violation);
    const resources =
      SUBJECT_CONTROLS.has(entry.control) && isBinding(object)
        ? subjectEntries(object, lookups).map((subject) => ({
            key: objectKey(subject.kind, subject.namespace, subject.name),
            violations: violationsOfSubject(violations, subject.path),
          }))
        : [{ key: keyOf(object), violations }];
    for (const resource of resources.filter((found) => found.violations.length > 0)) {
      const paths = failing.get(resource.key) ?? new Map();
      addViolationPaths(paths, resource.violations);
      failing.set(resource.key, paths);
    }
  });
  return { failing, errors, verdicts: verdicts.length };
}

/**
 * `rule/case/control kind/namespace/name: path` → how Rampart and Kubescape differ on that path,
 * for each resource both fail where Kubescape names paths; also each failing resource without a path.
 */
function pathDifferencesOf(
  entry: Case,
  run: (typeof ENGINES)[number],
): { differences: Map<string, string>; pathless: string[] } {
  const differences = new Map<string, string>();
  const pathless: string[] = [];
  for (const [key, mine] of failuresOf(entry, run).failing) {
    const theirs = entry.expectedPaths.get(key);
    if (mine.size === 0) pathless.push(key);
    if (theirs === undefined || theirs.size === 0) continue; // Kubescape names no field for this resource.
    for (const [field, difference] of pathDifferences(mine, theirs))
      differences.set(`${entry.key} ${key}: ${field}`, difference);
  }
  return { differences, pathless };
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
    file.controls
      .filter((id) => implemented.has(id))
      .map((control) => ({ file, control, entry: caseOf(folder, file, control) })),
  );

const listedPathDifference = (entry: string) => Object.hasOwn(DELIBERATE_PATH_DIFFERENCES, entry);

describe("Kubescape conformance", () => {
  it("covers every implemented control that has cases", () => {
    const covered = [...new Set(cases.map((entry) => entry.control))].sort();
    const expected = [...implemented].filter((id) => !Object.hasOwn(WITHOUT_CASES, id)).sort();
    expect(covered).toEqual(expected);
    expect(cases.length).toBeGreaterThan(30);
  });

  describe.each(cases)("$file.rule/$file.case ($control)", ({ entry }) => {
    const expected = [...entry.expectedPaths.keys()].sort();

    it("fails the objects Kubescape alerts on (policy.wasm and TypeScript)", () => {
      for (const run of ENGINES) {
        const found = failuresOf(entry, run);
        expect(found.verdicts, `${run.name}: a verdict per object`).toBe(entry.objects.length);
        expect(found.errors, `${run.name}: objects the control could not evaluate`).toEqual([]);
        const failing = [...found.failing.keys()].sort();
        const reason = DELIBERATE_DIFFERENCES[entry.key];
        if (reason === undefined) expect(failing, `${run.name}`).toEqual(expected);
        else
          expect(failing, `listed as a deliberate difference (${reason}) but now agrees: remove it`).not.toEqual(
            expected,
          );
      }
    });

    it("reports the paths Kubescape reports for each failing object", () => {
      for (const run of ENGINES) {
        const { differences, pathless } = pathDifferencesOf(entry, run);
        expect(pathless, `${run.name}: failing objects without a path`).toEqual([]);
        const unexplained = [...differences]
          .filter(([key]) => !listedPathDifference(key))
          .map(([key, difference]) => `${key} (${difference})`);
        expect(unexplained, `${run.name}: paths on which Rampart and Kubescape differ`).toEqual([]);
      }
    });
  });

  it("scopes every rule of a control made of several rules", () => {
    const catalogue = JSON.parse(readFileSync(CATALOG_FILE, "utf8")) as {
      controls: ReadonlyArray<{ id: string; kubescapeRules: readonly string[] }>;
    };
    for (const [control, rules] of Object.entries(RULE_FIELDS)) {
      const entry = catalogue.controls.find((candidate) => candidate.id === control);
      expect(Object.keys(rules).sort(), control).toEqual([...(entry?.kubescapeRules ?? [])].sort());
    }
  });

  it("lists only verdict differences of cases that exist", () => {
    const keys = new Set(cases.map(({ entry }) => entry.key));
    expect(Object.keys(DELIBERATE_DIFFERENCES).filter((key) => !keys.has(key))).toEqual([]);
  });

  it("lists only path differences that still occur", () => {
    const seen = new Set(
      cases.flatMap(({ entry }) => ENGINES.flatMap((run) => [...pathDifferencesOf(entry, run).differences.keys()])),
    );
    const listed = Object.keys(DELIBERATE_PATH_DIFFERENCES);
    expect(
      listed.filter((key) => !seen.has(key)),
      "listed path differences that now agree (or name no case): remove them",
    ).toEqual([]);
  });
});
