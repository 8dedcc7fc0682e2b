// Kubescape's own test cases (test/conformance/kubescape, see its README), for the rules of
// the controls Rampart implements: the set of objects Rampart fails must be the set Kubescape
// alerts on, and where Kubescape names paths for an object (failed, fix, delete or review
// paths), Rampart's paths and fixes for it must be the same fields, with the same fix values.
// Differences are listed with their reason; the lists prune themselves (a listed case or path
// that starts to agree fails the test, so the entry gets removed).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isChoiceFix, isRemoveFix, NODE_FACT_KINDS, type Violation } from "../../dsl/index.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { loadDifferences } from "../../frameworks/differences.js";
import { BUILTIN_CONTROLS } from "../../frameworks/index.js";
import type { ControlInputValues, KubeObject } from "../../runtime/engine/engine.js";
import { loadInputs } from "../../runtime/input/load.js";
import type { Verdict } from "../../runtime/testing/verdicts.js";
import { runTypeScript, runWasm } from "../support/engines.js";

const ROOT = path.join(import.meta.dirname, "kubescape");

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
  "C-0005": "the converted suite holds no case of Kubescape's insecure-port-flag",
  "C-0124":
    "the converted suite holds no case of Kubescape's ensure-that-the-admission-control-plugin-SecurityContextDeny-is-set-if-PodSecurityPolicy-is-not-used",
  "C-0132":
    "the converted suite holds no case of Kubescape's ensure-that-the-api-server-audit-log-maxbackup-argument-is-set-to-10-or-as-appropriate",
  "C-0148":
    "the converted suite holds no case of Kubescape's ensure-that-the-controller-manager-root-ca-file-argument-is-set-as-appropriate",
  "C-0209": "the converted suite holds no case of Kubescape's list-all-namespaces",
  "C-0253": "the converted suite holds no case of Kubescape's rule-identify-old-k8s-registry",
  "C-0305": "the converted suite holds no case of Kubescape's no-rolling-update-strategy",
  "C-0069": "the converted suite holds no case of Kubescape's anonymous-requests-to-kubelet-service-updated",
  "C-0092":
    "the converted suite holds no case of Kubescape's ensure-that-the-API-server-pod-specification-file-permissions-are-set-to-600-or-more-restrictive",
  "C-0093":
    "the converted suite holds no case of Kubescape's ensure-that-the-API-server-pod-specification-file-ownership-is-set-to-root-root",
  "C-0098":
    "the converted suite holds no case of Kubescape's ensure-that-the-etcd-pod-specification-file-permissions-are-set-to-600-or-more-restrictive",
  "C-0103":
    "the converted suite holds no case of Kubescape's ensure-that-the-etcd-data-directory-ownership-is-set-to-etcd-etcd",
  "C-0105":
    "the converted suite holds no case of Kubescape's ensure-that-the-admin.conf-file-ownership-is-set-to-root-root",
  "C-0106":
    "the converted suite holds no case of Kubescape's ensure-that-the-scheduler.conf-file-permissions-are-set-to-600-or-more-restrictive",
  "C-0107":
    "the converted suite holds no case of Kubescape's ensure-that-the-scheduler.conf-file-ownership-is-set-to-root-root",
  "C-0165":
    "the converted suite holds no case of Kubescape's if-proxy-kubeconfig-file-exists-ensure-ownership-is-set-to-root-root",
  "C-0170":
    "the converted suite holds no case of Kubescape's if-the-kubelet-config.yaml-configuration-file-is-being-used-validate-permissions-set-to-600-or-more-restrictive",
  "C-0172": "the converted suite holds no case of Kubescape's anonymous-requests-to-kubelet-service-updated",
  "C-0184": "the converted suite holds no case of Kubescape's kubelet-strong-cryptographics-ciphers",
};

const implemented = new Set(BUILTIN_CONTROLS.map((control) => control.id));

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
  const matches = objects.filter((object) => {
    const metadata = (object.metadata ?? {}) as { name?: string };
    return object.kind === alert.kind && (alert.name === undefined || metadata.name === alert.name);
  });
  const keys = new Set(matches.map(keyOf));
  if (keys.size > 1) throw new Error(`${alert.kind}/${alert.name} names ${keys.size} input objects`);
  return matches[0] === undefined ? objectKey(alert.kind, "?", alert.name) : keyOf(matches[0]);
}

/**
 * Kubescape names the file a rule judged inside node facts as an object of its own: an
 * EncryptionConfiguration is the content of the ControlPlaneInfo's encryption configuration file.
 */
const EMBEDDED_IN: Readonly<Record<string, string>> = { EncryptionConfiguration: "ControlPlaneInfo" };

/** Objects an alert names: RBAC subjects are not input objects; a cluster description and node facts are. */
function namedObject(entry: AlertObject): boolean {
  return (
    entry.subject !== true ||
    entry.kind === "ClusterDescribe" ||
    (NODE_FACT_KINDS as readonly string[]).includes(entry.kind) ||
    Object.hasOwn(EMBEDDED_IN, entry.kind)
  );
}

/** The case's one object of node facts, as an alert names it ([] unless there is exactly one). */
function nodeFactsOf(objects: readonly KubeObject[]): AlertObject[] {
  const facts = objects.filter((object) => (NODE_FACT_KINDS as readonly unknown[]).includes(object.kind));
  const [only] = facts;
  if (only === undefined || facts.length > 1) return [];
  const name = (only.metadata as { name?: string } | undefined)?.name;
  return [{ kind: only.kind as string, ...(name === undefined ? {} : { name }) }];
}

/** The input object an alert on node facts (or a file embedded in them) names: the case's object of the kind, by name when given. */
function hostObject(entry: AlertObject): AlertObject {
  const kind = EMBEDDED_IN[entry.kind];
  return kind === undefined ? entry : { kind };
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

function rampartPaths(verdict: Verdict): PathMap {
  const paths: PathMap = new Map();
  for (const violation of verdict.violations.map((text) => JSON.parse(text) as Violation)) {
    for (const field of violation.paths) addPath(paths, field);
    // Kubescape writes YOUR_VALUE where the user must choose the value, and no value for a deletion.
    for (const fix of violation.fixes)
      addPath(paths, fix.path, isRemoveFix(fix) ? undefined : isChoiceFix(fix) ? "YOUR_VALUE" : fix.value);
  }
  return paths;
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
    // An alert of a rule on node facts that names no object (its alertObject lacks externalObjects,
    // as in kubelet-streaming-connection-idle-timeout) is on the case's one object of node facts.
    const named = alert.objects.length === 0 ? nodeFactsOf(objects) : alert.objects.filter(namedObject);
    for (const object of named) {
      const key = resolve(hostObject(object), objects);
      const paths = expectedPaths.get(key) ?? new Map();
      for (const field of [...(alert.failedPaths ?? []), ...(alert.deletePaths ?? []), ...(alert.reviewPaths ?? [])])
        addPath(paths, field);
      for (const fix of alert.fixPaths ?? []) addPath(paths, fix.path, fix.value);
      expectedPaths.set(key, paths);
    }
  }
  return { key: `${file.rule}/${file.case}/${control}`, control, objects, inputs, expectedPaths };
}

const ENGINES = [runWasm, runTypeScript];

/**
 * `rule/case/control kind/namespace/name: path` → how Rampart and Kubescape differ on that path,
 * for each object both fail where Kubescape names paths; also each failing object without a path.
 */
function pathDifferencesOf(
  entry: Case,
  run: (typeof ENGINES)[number],
): { differences: Map<string, string>; pathless: string[] } {
  const verdicts =
    run({ objects: entry.objects, controlIds: [entry.control], inputs: entry.inputs }).get(entry.control) ?? [];
  const differences = new Map<string, string>();
  const pathless: string[] = [];
  // The paths of every failing object, by key (objects that share a key are compared together).
  const failing = new Map<string, PathMap>();
  entry.objects.forEach((object, index) => {
    const verdict = verdicts[index];
    if (verdict?.status !== "fail") return;
    const mine = rampartPaths(verdict);
    if (mine.size === 0) pathless.push(keyOf(object));
    const paths = failing.get(keyOf(object)) ?? new Map();
    for (const [field, fixes] of mine) {
      addPath(paths, field);
      for (const fix of fixes) addPath(paths, field, fix);
    }
    failing.set(keyOf(object), paths);
  });
  for (const [key, mine] of failing) {
    const theirs = entry.expectedPaths.get(key);
    if (theirs === undefined || theirs.size === 0) continue; // Kubescape names no field for this object.
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

  describe.each(cases)("$file.rule/$file.case ($control)", ({ control, entry }) => {
    const expected = [...entry.expectedPaths.keys()].sort();

    it("fails the objects Kubescape alerts on (policy.wasm and TypeScript)", () => {
      for (const run of ENGINES) {
        const verdicts =
          run({ objects: entry.objects, controlIds: [control], inputs: entry.inputs }).get(control) ?? [];
        expect(verdicts, `${run.name}: a verdict per object`).toHaveLength(entry.objects.length);
        expect(
          entry.objects.filter((_, index) => verdicts[index]?.status === "error").map(keyOf),
          `${run.name}: objects the control could not evaluate`,
        ).toEqual([]);
        const failing = [
          ...new Set(entry.objects.filter((_, index) => verdicts[index]?.status === "fail").map(keyOf)),
        ].sort();
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
