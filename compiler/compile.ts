// `rampart compile`: control modules → IR → Rego (packages, framework entrypoints, OPA bundles),
// policy.wasm, ValidatingAdmissionPolicies and Gatekeeper ConstraintTemplates, with a manifest
// describing all of it.

import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Framework, KindName, ParamValue } from "../dsl/index.js";
import { type AdmissionOptions, policyName, yamlFile } from "./backends/admission.js";
import type { KubernetesVersion } from "./backends/cel/features.js";
import { controlInputsCrdYaml, controlInputsYaml } from "./backends/cel/params.js";
import { admissionPolicy, type PolicyOutcome } from "./backends/cel/vap.js";
import {
  type GatekeeperOutcome,
  type GroupVersionKind,
  gatekeeperExport,
  syncSet,
  type TakenKinds,
} from "./backends/gatekeeper/template.js";
import { type ParamField, paramFields } from "./backends/param-schema.js";
import { LIB_REGO } from "./backends/rego/lib.js";
import {
  controlModule,
  controlPackage,
  entrypoint,
  frameworkModule,
  frameworkPackage,
  regoName,
  SCAN_PACKAGE,
  scanModule,
} from "./backends/rego/modules.js";
import { buildWasm, checkRego } from "./backends/wasm/build.js";
import { wasmCapabilities } from "./backends/wasm/capabilities.js";
import { type Diagnostic, makeDiagnostic } from "./diagnostics.js";
import type { ControlIr } from "./frontend/control-module.js";
import { loadControls } from "./frontend/load.js";
import { checkParameters } from "./frontend/parameters.js";
import { displayPath } from "./frontend/source.js";
import { otherKindsRead, type Scope, scopeOf } from "./ir/capabilities.js";
import type { OutputTree } from "./output.js";

/** A folder of the user's own control, framework and helper modules. */
export interface UserProject {
  readonly files: readonly string[];
  readonly tsconfig?: string;
}

export interface CompileOptions {
  /** Built-in control modules (every file is a control). */
  readonly controlFiles: readonly string[];
  /** Built-in frameworks. */
  readonly frameworks: readonly Framework[];
  readonly tsconfig?: string;
  /** The user's controls and frameworks, compiled beside the built-in ones. */
  readonly project?: UserProject;
  /** IDs that user controls may not take besides the built-in ones (the catalogue). */
  readonly reservedIds?: ReadonlySet<string>;
  /** Paths in generated files are relative to this folder. */
  readonly root: string;
  readonly kubernetesVersion: KubernetesVersion;
  /**
   * The values of the control inputs: every built-in input, and the parameters a controls config
   * sets (the others take the default their control declares).
   */
  readonly controlInputs: Readonly<Record<string, ParamValue>>;
  /** The built-in control inputs' defaults: a parameter of the same name must be the same input. */
  readonly inputDefaults: Readonly<Record<string, readonly string[]>>;
  /** Build policy.wasm and check the Rego with OPA (needs OPA). */
  readonly withOpa: boolean;
  /** How the admission policies are deployed (actions, namespaces, exceptions). */
  readonly admission?: AdmissionOptions;
}

export interface CompiledControl {
  readonly ir: ControlIr;
  readonly scope: Scope;
  readonly readsKinds: readonly KindName[];
  readonly admission: PolicyOutcome;
  readonly gatekeeper: GatekeeperOutcome;
}

export interface CompileResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly controls: readonly CompiledControl[];
  /** Built-in frameworks and the project's. */
  readonly frameworks: readonly Framework[];
  readonly files: OutputTree;
}

const REGO_ROOT = "rego";
const GATEKEEPER_ROOT = "gatekeeper";

/** The user's modules, checked against the built-in controls and frameworks. */
function loadProject(options: CompileOptions, builtinIds: ReadonlySet<string>) {
  if (options.project === undefined) return { controls: [], frameworks: [], diagnostics: [] };
  const project = options.project;
  const frontend = loadControls(project.files, {
    helpersAllowed: true,
    ...(project.tsconfig === undefined ? {} : { tsConfigFilePath: project.tsconfig }),
  });
  const diagnostics: Diagnostic[] = [...frontend.diagnostics];
  const seen = new Map<string, string>();
  const controls = frontend.controls.filter((control) => {
    const id = control.metadata.id;
    const taken = builtinIds.has(id)
      ? "a built-in control"
      : options.reservedIds?.has(id) === true
        ? "a catalogue control"
        : seen.has(id)
          ? `the ID of ${seen.get(id)}`
          : undefined;
    seen.set(id, displayPath(control.file, options.root));
    if (taken !== undefined) diagnostics.push(makeDiagnostic("RP1020", [id, taken], control.at, 7));
    return taken === undefined;
  });
  const known = new Set([...builtinIds, ...(options.reservedIds ?? []), ...controls.map((c) => c.metadata.id)]);
  const builtinFrameworks = new Set(options.frameworks.map((framework) => framework.name));
  const frameworks = frontend.frameworks.filter((framework) => {
    if (builtinFrameworks.has(framework.name)) {
      diagnostics.push(makeDiagnostic("RP1022", [framework.name, "a built-in framework"], framework.at, 9));
      return false;
    }
    // With a control that did not compile, its ID is unknown: no reason to blame the framework.
    const unknown = frontend.diagnostics.length > 0 ? [] : framework.controlIds.filter((id) => !known.has(id));
    for (const id of unknown) diagnostics.push(makeDiagnostic("RP1021", [framework.name, id], framework.at, 9));
    return unknown.length === 0;
  });
  return { controls, frameworks: frameworks.map(({ at: _, ...framework }) => framework), diagnostics };
}

export function compile(options: CompileOptions): CompileResult {
  const builtin = loadControls(
    options.controlFiles,
    options.tsconfig === undefined ? {} : { tsConfigFilePath: options.tsconfig },
  );
  const user = loadProject(options, new Set(builtin.controls.map((control) => control.metadata.id)));
  const frameworks = [...options.frameworks, ...user.frameworks];
  const loaded = [...builtin.controls, ...user.controls];
  const parameterCheck = checkParameters(
    loaded.map((ir) => ({ id: ir.metadata.id, parameters: ir.metadata.parameters, sites: ir.parameterSites })),
    options.inputDefaults,
  );
  const frontend = {
    controls: loaded.filter((ir) => !parameterCheck.rejected.has(ir.metadata.id)),
    diagnostics: [...builtin.diagnostics, ...user.diagnostics, ...parameterCheck.diagnostics],
  };
  // Names and titles of the frameworks that list a control (exceptions may name frameworks).
  const memberOf = (id: string) =>
    frameworks.filter((framework) => framework.controlIds.includes(id)).flatMap((f) => [f.name, f.title]);
  const taken: TakenKinds = new Map();
  const inputs = inputValues(frontend.controls, options.controlInputs);
  const controls = frontend.controls
    .map((ir) => ({ ...ir, file: displayPath(ir.file, options.root) }))
    .sort((a, b) => a.metadata.id.localeCompare(b.metadata.id))
    .map((ir): CompiledControl => {
      const readsKinds = otherKindsRead(ir);
      const frameworksOf = memberOf(ir.metadata.id);
      return {
        ir,
        scope: scopeOf(readsKinds),
        readsKinds,
        admission: admissionPolicy(ir, options.kubernetesVersion, options.admission, frameworksOf),
        gatekeeper: gatekeeperExport(ir, readsKinds, {
          ...(options.admission === undefined ? {} : { admission: options.admission }),
          frameworks: frameworksOf,
          inputs,
          taken,
        }),
      };
    });
  const files = new Map<string, string | Uint8Array>();
  const ids = controls.map((control) => control.ir.metadata.id);

  const rego = new Map<string, string>([
    ["rampart/lib.rego", LIB_REGO],
    ["rampart/scan.rego", scanModule(ids)],
  ]);
  for (const control of controls)
    rego.set(`rampart/controls/${regoName(control.ir.metadata.id)}.rego`, controlModule(control.ir));
  for (const framework of frameworks) {
    rego.set(`rampart/frameworks/${regoName(framework.name)}.rego`, frameworkModule(framework, ids));
  }
  for (const [file, text] of rego) files.set(`${REGO_ROOT}/${file}`, text);

  const data = `${JSON.stringify({ rampart: { inputs: sortedInputs(inputs), inventory: {} } }, null, 2)}\n`;
  for (const framework of frameworks) {
    const members = new Set(framework.controlIds);
    const bundleFiles = [...rego].filter(
      ([file]) =>
        file === "rampart/lib.rego" ||
        file === `rampart/frameworks/${regoName(framework.name)}.rego` ||
        controls.some(
          (c) => members.has(c.ir.metadata.id) && file === `rampart/controls/${regoName(c.ir.metadata.id)}.rego`,
        ),
    );
    const revision = createHash("sha256");
    for (const [file, text] of bundleFiles) {
      revision.update(file).update(text);
      files.set(`bundles/${framework.name}/${file}`, text);
    }
    revision.update(data);
    files.set(`bundles/${framework.name}/data.json`, data);
    const manifest = { revision: revision.digest("hex").slice(0, 16), roots: ["rampart"], rego_version: 1 };
    files.set(`bundles/${framework.name}/.manifest`, `${JSON.stringify(manifest, null, 2)}\n`);
  }

  const entrypoints = [
    entrypoint(SCAN_PACKAGE),
    ...frameworks.map((framework) => entrypoint(frameworkPackage(framework.name))),
  ];
  if (options.withOpa) {
    const capabilities = wasmCapabilities();
    files.set("capabilities.json", capabilities);
    files.set("policy.wasm", opaBuild(rego, capabilities, entrypoints));
  }

  for (const control of controls) {
    if (!control.admission.expressible) continue;
    const header = `Generated by rampart from ${control.ir.file}. Do not edit.`;
    files.set(
      `vap/${policyName(control.ir.metadata.id)}.yaml`,
      yamlFile(header, [control.admission.policy, control.admission.binding]),
    );
  }
  const sync: GroupVersionKind[] = [];
  for (const { ir, gatekeeper } of controls) {
    if (!gatekeeper.exportable) continue;
    const header = `Generated by rampart from ${ir.file}. Do not edit.`;
    files.set(`${GATEKEEPER_ROOT}/templates/${gatekeeper.name}.yaml`, yamlFile(header, [gatekeeper.template]));
    files.set(`${GATEKEEPER_ROOT}/constraints/${gatekeeper.name}.yaml`, yamlFile(header, [gatekeeper.constraint]));
    sync.push(...gatekeeper.sync);
  }
  const syncDocument = syncSet(sync);
  if (syncDocument !== undefined) {
    const header = "Generated by rampart. Do not edit. The objects cross-resource templates read (data.inventory).";
    files.set(`${GATEKEEPER_ROOT}/sync/rampart.yaml`, yamlFile(header, [syncDocument]));
  }
  const fields = controlInputFields(controls);
  files.set("vap/control-inputs-crd.yaml", controlInputsCrdYaml(fields));
  files.set("vap/control-inputs.yaml", controlInputsYaml(pick(inputs, Object.keys(fields))));
  files.set("manifest.json", manifest(controls, frameworks, options, entrypoints));
  return { diagnostics: frontend.diagnostics, controls, frameworks, files };
}

/** Checks the Rego with `opa check --strict` and builds policy.wasm from it. */
function opaBuild(rego: ReadonlyMap<string, string>, capabilities: string, entrypoints: readonly string[]): Uint8Array {
  const work = mkdtempSync(path.join(tmpdir(), "rampart-rego-"));
  try {
    const regoDir = path.join(work, "rego");
    for (const [file, text] of rego) {
      const target = path.join(regoDir, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    const capabilitiesFile = path.join(work, "capabilities.json");
    writeFileSync(capabilitiesFile, capabilities);
    const problems = checkRego(regoDir, capabilitiesFile);
    if (problems !== "")
      throw new Error(`the generated Rego does not pass opa check --strict (a compiler bug):\n${problems}`);
    return buildWasm(regoDir, entrypoints, capabilitiesFile);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The control inputs with the default of every declared parameter that they do not set. */
function inputValues(
  controls: readonly ControlIr[],
  given: Readonly<Record<string, ParamValue>>,
): Record<string, ParamValue> {
  const defaults = controls.flatMap((ir) =>
    Object.entries(ir.metadata.parameters).map(([name, param]) => [name, param.default] as const),
  );
  return { ...Object.fromEntries(defaults), ...given };
}

/** The fields of the ControlInputs spec: the inputs and parameters the compiled controls read. */
function controlInputFields(controls: readonly CompiledControl[]): Record<string, ParamField> {
  const fields: Record<string, ParamField> = {};
  for (const { ir } of controls) {
    for (const [name, field] of Object.entries(paramFields(ir))) fields[name] ??= field;
  }
  return fields;
}

function sortedInputs(inputs: Readonly<Record<string, ParamValue>>): Record<string, ParamValue> {
  return Object.fromEntries(
    Object.keys(inputs)
      .sort()
      .map((name) => [name, inputs[name] ?? []]),
  );
}

function pick(inputs: Readonly<Record<string, ParamValue>>, names: readonly string[]): Record<string, ParamValue> {
  return Object.fromEntries(names.map((name) => [name, inputs[name] ?? []]));
}

/** generated/manifest.json: what was compiled, where each control's forms are, and what CEL could not express. */
function manifest(
  controls: readonly CompiledControl[],
  frameworks: readonly Framework[],
  options: CompileOptions,
  entrypoints: readonly string[],
): string {
  const implemented = new Set(controls.map((control) => control.ir.metadata.id));
  const document = {
    kubernetesVersion: `1.${options.kubernetesVersion.minor}`,
    entrypoints,
    controls: controls.map(({ ir, scope, readsKinds, admission, gatekeeper }) => ({
      id: ir.metadata.id,
      name: ir.metadata.name,
      baseScore: ir.metadata.baseScore,
      category: ir.metadata.category,
      kinds: ir.metadata.kinds,
      inputs: ir.metadata.inputs,
      ...(ir.metadata.subjects === undefined ? {} : { resources: "subjects", subjectKinds: ir.metadata.subjects }),
      ...(Object.keys(ir.metadata.parameters).length === 0 ? {} : { parameters: ir.metadata.parameters }),
      source: ir.file,
      scope,
      readsKinds,
      rego: { package: controlPackage(ir.metadata.id) },
      admission: admission.expressible
        ? { expressible: true, policy: `vap/${policyName(ir.metadata.id)}.yaml`, celFeatures: admission.features }
        : {
            expressible: false,
            reason: admission.reason,
            ...(admission.at === undefined
              ? {}
              : { at: `${displayPath(admission.at.file, options.root)}:${admission.at.line}:${admission.at.column}` }),
          },
      gatekeeper: gatekeeper.exportable
        ? {
            exportable: true,
            kind: gatekeeper.kind,
            template: `${GATEKEEPER_ROOT}/templates/${gatekeeper.name}.yaml`,
            constraint: `${GATEKEEPER_ROOT}/constraints/${gatekeeper.name}.yaml`,
            ...(gatekeeper.sync.length === 0 ? {} : { sync: `${GATEKEEPER_ROOT}/sync/rampart.yaml` }),
          }
        : { exportable: false, reason: gatekeeper.reason },
    })),
    frameworks: frameworks.map((framework) => ({
      name: framework.name,
      title: framework.title,
      entrypoint: entrypoint(frameworkPackage(framework.name)),
      controls: framework.controlIds.length,
      implemented: framework.controlIds.filter((id) => implemented.has(id)),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
