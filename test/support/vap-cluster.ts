// The exported admission policies on a real API server: each control's policy with a binding per
// group of fixture cases (a namespace each, and the group's ControlInputs object), fixture objects
// made acceptable to the API's own validation, and the server's answer to a dry run.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { PARAM_API_VERSION, PARAM_KIND } from "../../compiler/backends/cel/vap.js";
import type { Control, Violation } from "../../dsl/index.js";
import { apiResourceOf } from "../../dsl/index.js";
import { withApiDefaults } from "../../runtime/admission/api-defaults.js";
import { denyMessage } from "../../runtime/admission/message.js";
import type { ControlInputValues, KubeObject } from "../../runtime/engine/engine.js";
import { inventoryOf } from "../../runtime/engine/engine.js";
import { ReferenceEngine } from "../../runtime/engine/reference.js";
import { GENERATED_DIR } from "../../runtime/generated.js";
import { normalize } from "../../runtime/input/normalize.js";
import { type ApiAnswer, collectionPath, type TestApiServer } from "./apiserver.js";

/** Cluster-scoped test objects carry this label; their group's second binding selects it. */
export const GROUP_LABEL = "rampart.dev/test-group";

interface Manifest {
  readonly controls: ReadonlyArray<{ id: string; admission?: { expressible?: boolean; policy?: string } }>;
}

/** Every control with an exported policy (generated/manifest.json): ID → the policy file. */
export function exportedPolicies(generatedDir = GENERATED_DIR): Map<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(generatedDir, "manifest.json"), "utf8")) as Manifest;
  return new Map(
    manifest.controls.flatMap((control) =>
      control.admission?.expressible === true && control.admission.policy !== undefined
        ? [[control.id, path.join(generatedDir, control.admission.policy)] as const]
        : [],
    ),
  );
}

/** The documents of a YAML file, as JSON. */
export function yamlDocuments(file: string): Array<Record<string, unknown>> {
  return parseAllDocuments(readFileSync(file, "utf8")).map((document) => document.toJS() as Record<string, unknown>);
}

/**
 * Bindings of a policy for one group: namespaced objects in `namespace` (not labelled), and
 * objects labelled with the group wherever they are: cluster-scoped ones (a namespace selector
 * never skips those) and those whose verdict depends on their own namespace.
 */
export function groupBindings(
  binding: Record<string, unknown>,
  name: string,
  namespace: string,
  group: string,
  paramName: string,
  validationActions?: readonly string[],
): Array<Record<string, unknown>> {
  const original = binding.spec as Record<string, unknown>;
  const spec = validationActions === undefined ? original : { ...original, validationActions };
  const paramRef = spec.paramRef === undefined ? {} : { paramRef: { ...(spec.paramRef as object), name: paramName } };
  const make = (suffix: string, matchResources: Record<string, unknown>) => ({
    ...binding,
    metadata: { name: `${name}-${suffix}` },
    spec: { ...spec, ...paramRef, matchResources },
  });
  return [
    make("ns", {
      namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } },
      objectSelector: { matchExpressions: [{ key: GROUP_LABEL, operator: "DoesNotExist" }] },
    }),
    make("lb", { objectSelector: { matchLabels: { [GROUP_LABEL]: group } } }),
  ];
}

/** The ControlInputs object a group's bindings read. */
export function paramsObject(name: string, inputs: ControlInputValues): Record<string, unknown> {
  return { apiVersion: PARAM_API_VERSION, kind: PARAM_KIND, metadata: { name }, spec: inputs };
}

function podSpecOf(object: KubeObject): Record<string, unknown> | undefined {
  const spec = object.spec as Record<string, unknown> | undefined;
  if (object.kind === "Pod") return spec;
  if (object.kind === "CronJob") {
    const job = (spec?.jobTemplate as { spec?: { template?: { spec?: Record<string, unknown> } } } | undefined)?.spec;
    return job?.template?.spec;
  }
  return (spec?.template as { spec?: Record<string, unknown> } | undefined)?.spec;
}

/**
 * What the API's validation needs that fixtures leave out, and no built-in control reads: an
 * image for containers without one, a restartPolicy for the pods of Jobs (Always is refused there).
 */
export const COMPLETED = "an image where a container has none; restartPolicy Never where a Job's pod has none";

/**
 * The object as sent: completed for the API, in the group's namespace, or labelled with the group
 * (cluster-scoped objects, and with `ownNamespace` objects kept in their namespace, `default`
 * when they name none, as the server would place them).
 */
export function forTheApi(object: KubeObject, namespace: string, group: string, ownNamespace = false): KubeObject {
  const copy = normalize(structuredClone(object)) as KubeObject;
  const metadata = { ...((copy.metadata ?? {}) as Record<string, unknown>) };
  if (ownNamespace) {
    metadata.namespace ??= "default";
    metadata.labels = { ...((metadata.labels ?? {}) as Record<string, string>), [GROUP_LABEL]: group };
  } else if (apiResourceOf(copy.kind as string)?.namespaced === false) {
    metadata.labels = { ...((metadata.labels ?? {}) as Record<string, string>), [GROUP_LABEL]: group };
  } else {
    metadata.namespace = namespace;
  }
  copy.metadata = metadata;
  const spec = podSpecOf(copy);
  if (spec !== undefined) {
    for (const field of ["containers", "initContainers", "ephemeralContainers"]) {
      for (const container of (spec[field] ?? []) as Array<Record<string, unknown>>) {
        container.image ??= "registry.example.com/app:1.0";
      }
    }
    if (copy.kind === "Job" || copy.kind === "CronJob") spec.restartPolicy ??= "Never";
  }
  return copy;
}

/** A Pod with ephemeral containers reaches admission as an update of pods/ephemeralcontainers. */
export function ephemeralBase(object: KubeObject): KubeObject | undefined {
  const spec = object.kind === "Pod" ? (object.spec as Record<string, unknown> | undefined) : undefined;
  if (spec?.ephemeralContainers === undefined) return undefined;
  const { ephemeralContainers: _ephemeral, ...rest } = spec;
  return { ...object, spec: rest };
}

/** The TypeScript check's violations on the object the server reviews (after its pod defaults). */
export function expectedViolations(
  control: Control,
  object: KubeObject,
  inputs: ControlInputValues,
): readonly Violation[] {
  const engine = new ReferenceEngine(new Map([[control.id, control]]));
  engine.prepare(inputs, inventoryOf([]));
  const [outcome] = engine.evaluate([withApiDefaults(object)], [control.id]).get(control.id) ?? [];
  if (outcome === undefined) return [];
  if ("error" in outcome) throw new Error(`${control.id}: ${outcome.error}`);
  return outcome.violations;
}

export type ServerVerdict =
  | { readonly verdict: "admitted" }
  | { readonly verdict: "denied"; readonly policy: string; readonly binding: string; readonly message: string }
  /** The API's own validation (or another step before admission) refused it: admission never ran. */
  | { readonly verdict: "unreachable"; readonly message: string };

const DENIED = /ValidatingAdmissionPolicy '([^']+)' with binding '([^']+)' denied request: (.*)$/s;

export function verdictOf(answer: ApiAnswer, what: string): ServerVerdict {
  // 409 AlreadyExists comes from storage, after validating admission let the object through (a
  // fixture's ServiceAccount that the test set-up created for the pods that name it).
  if (answer.status === 200 || answer.status === 201 || answer.status === 409) return { verdict: "admitted" };
  const message = String(answer.body.message ?? "");
  const denied = answer.status === 403 ? DENIED.exec(message) : null;
  if (denied !== null) {
    return {
      verdict: "denied",
      policy: denied[1] as string,
      binding: denied[2] as string,
      message: denied[3] as string,
    };
  }
  if (answer.status === 422 || answer.status === 400) return { verdict: "unreachable", message };
  throw new Error(`${what}: unexpected answer ${answer.status}: ${message}`);
}

/** A server-side dry run of the object's admission: a create, or the update that adds ephemeral containers. */
export async function dryRunOnServer(api: TestApiServer, object: KubeObject): Promise<ServerVerdict> {
  const metadata = object.metadata as { name: string; namespace?: string };
  const what = `${object.kind as string} ${metadata.namespace ?? ""}/${metadata.name}`;
  if (ephemeralBase(object) !== undefined) {
    const url = `${collectionPath(object)}/${metadata.name}/ephemeralcontainers?dryRun=All`;
    return verdictOf(await api.request("PUT", url, object), what);
  }
  return verdictOf(await api.create(object, { dryRun: true }), what);
}

/** The deny message the server must give for these violations. */
export function expectedMessage(control: Control, object: KubeObject, violations: readonly Violation[]): string {
  return denyMessage(control, object, violations);
}

/** A policy's failure the server reported as a warning (a binding with validationActions [Warn]). */
export interface ServerWarning {
  readonly policy: string;
  readonly message: string;
}

const WARNED = /^Validation failed for ValidatingAdmissionPolicy '([^']+)' with binding '[^']+': (.*)$/s;

/**
 * A dry-run create under Warn bindings: every failing policy comes back as a warning (a Deny
 * binding only reports the first); undefined when the API's validation refused the object.
 */
export async function warningsOnServer(api: TestApiServer, object: KubeObject): Promise<ServerWarning[] | undefined> {
  const answer = await api.create(object, { dryRun: true });
  const metadata = object.metadata as { name: string; namespace?: string };
  const verdict = verdictOf(answer, `${object.kind as string} ${metadata.namespace ?? ""}/${metadata.name}`);
  if (verdict.verdict === "unreachable") return undefined;
  if (verdict.verdict === "denied") throw new Error(`${metadata.name}: denied under Warn bindings: ${verdict.message}`);
  return answer.warnings.flatMap((warning) => {
    const match = WARNED.exec(warning);
    return match === null ? [] : [{ policy: match[1] as string, message: match[2] as string }];
  });
}
