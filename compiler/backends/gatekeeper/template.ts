// A Gatekeeper ConstraintTemplate and its Constraint for one control, or the reason the control
// cannot be exported. The template carries the control's Rego (Rego v1 in `code`, the library in
// `libs`) and the schema of its parameters (the control inputs); the Constraint matches the
// control's kinds and holds the inputs' values.
import type { KindName, ParamValue } from "../../../dsl/index.js";
import type { ControlIr } from "../../frontend/control-module.js";
import {
  type AdmissionOptions,
  kindsByGroup,
  managedByLabels,
  type PolicyControl,
  policyName,
  type ValidationAction,
  validationActionsFor,
} from "../admission.js";
import { isApiKind, KIND_RESOURCES } from "../cel/resources.js";
import { paramFields, paramProperties } from "../param-schema.js";
import { GATEKEEPER_LIB_REGO, templateRego } from "./rego.js";

const TEMPLATE_API_VERSION = "templates.gatekeeper.sh/v1";
const CONSTRAINT_API_VERSION = "constraints.gatekeeper.sh/v1beta1";
const ADMISSION_TARGET = "admission.k8s.gatekeeper.sh";
/** The template annotation that lists the kinds a template needs replicated (gator sync test reads it). */
const SYNC_ANNOTATION = "metadata.gatekeeper.sh/requires-sync-data";

export type Document = Record<string, unknown>;

export type GatekeeperOutcome =
  | {
      readonly exportable: true;
      /** The Constraint kind (the CRD Gatekeeper creates from the template). */
      readonly kind: string;
      readonly name: string;
      readonly template: Document;
      readonly constraint: Document;
      /** Group, version and kind of each kind of other objects the control reads. */
      readonly sync: readonly GroupVersionKind[];
    }
  | { readonly exportable: false; readonly reason: string };

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** `C-0016` → `RampartC0016`; `org-no-latest` → `RampartOrgNoLatest`. */
export function constraintKind(controlId: string): string {
  const words = controlId.split(/[^A-Za-z0-9]+/).filter((word) => word !== "");
  return `Rampart${words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("")}`;
}

/** A DNS subdomain, as Kubernetes object names must be. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** What the deployment options turn into for Gatekeeper. */
function enforcementAction(actions: readonly ValidationAction[]): "deny" | "warn" | "dryrun" {
  if (actions.includes("Deny")) return "deny";
  if (actions.includes("Warn")) return "warn";
  return "dryrun";
}

/** One match entry per API group, the control's kinds in their order. */
function matchKinds(control: ControlIr): Array<{ apiGroups: string[]; kinds: string[] }> {
  return [...kindsByGroup(control.metadata.kinds)].map(([group, kinds]) => ({ apiGroups: [group], kinds }));
}

/** The kinds a template names `taken` by (kind → control ID), to refuse two controls one kind. */
export type TakenKinds = Map<string, string>;

export interface GatekeeperOptions {
  readonly admission?: AdmissionOptions;
  /** The frameworks that list the control (exceptions may name them). */
  readonly frameworks: readonly string[];
  /** Values of the control inputs and parameters (the Constraint's parameters). */
  readonly inputs: Readonly<Record<string, ParamValue>>;
  /** Kinds given to controls compiled before this one. */
  readonly taken: TakenKinds;
}

export function gatekeeperExport(
  control: ControlIr,
  readsKinds: readonly KindName[],
  options: GatekeeperOptions,
): GatekeeperOutcome {
  const id = control.metadata.id;
  const kind = constraintKind(id);
  const name = policyName(id);
  const owner = options.taken.get(kind.toLowerCase());
  if (owner !== undefined)
    return { exportable: false, reason: `its Gatekeeper kind ${kind} is already the kind of ${owner}` };
  if (!DNS_SUBDOMAIN.test(name) || name.length > 253)
    return {
      exportable: false,
      reason: `its ID gives the Constraint name "${name}", which Kubernetes does not accept`,
    };
  // A kind that never reaches the API server cannot be replicated: the template sees none.
  const sync = readsKinds.filter(isApiKind).map((read): GroupVersionKind => {
    const { group, version } = KIND_RESOURCES[read];
    return { group, version, kind: read };
  });
  options.taken.set(kind.toLowerCase(), id);

  const policyControl: PolicyControl = { id, name: control.metadata.name, frameworks: options.frameworks };
  const exemptions = options.admission?.exemptions?.(policyControl) ?? [];
  const fields = paramFields(control);
  const inputs = Object.keys(fields).sort();
  const template: Document = {
    apiVersion: TEMPLATE_API_VERSION,
    kind: "ConstraintTemplate",
    metadata: {
      name: kind.toLowerCase(),
      labels: managedByLabels(),
      annotations: {
        "metadata.gatekeeper.sh/title": `${id} ${control.metadata.name}`,
        description: control.metadata.description,
        "rampart.dev/control-id": id,
        "rampart.dev/control-name": control.metadata.name,
        "rampart.dev/source": control.file,
        ...(sync.length === 0 ? {} : { [SYNC_ANNOTATION]: syncRequirements(sync) }),
      },
    },
    spec: {
      crd: {
        spec: {
          names: { kind },
          validation: {
            openAPIV3Schema: {
              type: "object",
              description: `Control inputs and parameters of ${id} (see Rampart's controls config).`,
              properties: paramProperties(fields),
            },
          },
        },
      },
      targets: [
        {
          target: ADMISSION_TARGET,
          code: [
            {
              engine: "Rego",
              source: { version: "v1", rego: templateRego(control, exemptions), libs: [GATEKEEPER_LIB_REGO] },
            },
          ],
        },
      ],
    },
  };
  const namespaces = options.admission?.namespaces;
  const constraint: Document = {
    apiVersion: CONSTRAINT_API_VERSION,
    kind,
    metadata: { name, labels: managedByLabels(), annotations: { "rampart.dev/control-id": id } },
    spec: {
      enforcementAction: enforcementAction(validationActionsFor(control.metadata, options.admission)),
      match: {
        kinds: matchKinds(control),
        ...(namespaces?.include === undefined ? {} : { namespaces: [...namespaces.include] }),
        ...(namespaces?.exclude === undefined || namespaces.exclude.length === 0
          ? {}
          : { excludedNamespaces: [...namespaces.exclude] }),
      },
      ...(inputs.length === 0
        ? {}
        : { parameters: Object.fromEntries(inputs.map((input) => [input, parameterValue(options.inputs[input])])) }),
    },
  };
  return { exportable: true, kind, name, template, constraint, sync };
}

/** A Constraint parameter's value: a copy of a list (shared arrays would become YAML aliases). */
function parameterValue(value: ParamValue | undefined): ParamValue {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...value] : value;
}

/** The requires-sync-data annotation: one requirement per kind, each satisfied by its one GVK. */
function syncRequirements(sync: readonly GroupVersionKind[]): string {
  return JSON.stringify(sync.map((gvk) => [{ groups: [gvk.group], versions: [gvk.version], kinds: [gvk.kind] }]));
}

/** A SyncSet replicating every kind the exported templates read, or undefined when none does. */
export function syncSet(kinds: readonly GroupVersionKind[]): Document | undefined {
  const unique = new Map(kinds.map((gvk) => [`${gvk.group}/${gvk.version}/${gvk.kind}`, gvk]));
  if (unique.size === 0) return undefined;
  return {
    apiVersion: "syncset.gatekeeper.sh/v1alpha1",
    kind: "SyncSet",
    metadata: { name: "rampart", labels: managedByLabels() },
    spec: {
      gvks: [...unique.keys()].sort().map((key) => {
        const gvk = unique.get(key) as GroupVersionKind;
        return { group: gvk.group, version: gvk.version, kind: gvk.kind };
      }),
    },
  };
}
