// --controls-config: per-control severity and action, and control inputs in Kubescape's flat
// `{key: [values]}` form (also accepted nested as `settings.postureControlInputs`), beside the
// parameters the controls declare, each with a value of its type.
//
//   insecureCapabilities: [SYS_ADMIN, NET_ADMIN]
//   ownerLabel: team            # a parameter declared as param.string(…)
//   controls:
//     C-0016: { severity: high, action: warn }
//   fixValues:                  # what `rampart fix` sets where a fix needs a choice
//     runAsUser: 1000
//     limits: { cpu: 500m, memory: 512Mi }
//
// or, with the controls as a list (a `name`, when given, must be the control's name):
//   controls:
//     - controlID: C-0016
//       name: Allow privilege escalation
//       severity: Critical
//       action: warn
import { isMap, isNode, isScalar, isSeq, type Pair, type YAMLMap } from "yaml";
import type { Control, ControlAction, InputName, ParamValue } from "../../dsl/index.js";
import { CATALOG } from "../../frameworks/catalog/index.js";
import { type Severity, severityNamed } from "../score.js";
import {
  type DeclaredParameter,
  declaredParameters,
  defaultInputs,
  type ProblemSite,
  settingProblem,
} from "./parameters.js";
import { ConfigError, lineOf, loadConfig, locate, type ParsedConfig, suggestion } from "./source-errors.js";

export type Action = ControlAction;

export interface ControlSettings {
  readonly severity?: Severity;
  readonly action?: Action;
}

export interface ControlsConfig {
  readonly controls: ReadonlyMap<string, ControlSettings>;
  /** Inputs and parameters the file sets; the others keep their defaults. */
  readonly inputs: Readonly<Record<string, ParamValue>>;
  /** The values chosen for fixes that need a choice, by choice name (`limits.cpu`). */
  readonly fixValues: ReadonlyMap<string, string>;
}

/**
 * What a controls config may name: the controls of the scan (by ID, with their names), those of
 * the catalogue Rampart does not implement yet (their settings show in reports), and the
 * parameters the controls declare.
 */
export interface ConfigTargets {
  readonly controls: ReadonlyMap<string, string>;
  readonly parameters: ReadonlyMap<string, DeclaredParameter>;
}

/** The controls and declared parameters of a library of controls, and the catalogue's controls. */
export function configTargets(controls: ReadonlyMap<string, Control>): ConfigTargets {
  const names = new Map([...CATALOG.values()].map((entry) => [entry.id, entry.name]));
  for (const control of controls.values()) names.set(control.id, control.name);
  return { controls: names, parameters: declaredParameters(controls.values()) };
}

export const EMPTY_CONTROLS_CONFIG: ControlsConfig = { controls: new Map(), inputs: {}, fixValues: new Map() };

const ACTIONS: readonly Action[] = ["enforce", "warn"];

export function readControlsConfig(file: string, targets: ConfigTargets): ControlsConfig {
  const config = loadConfig(file, "controls config");
  const root = config.document.contents;
  if (root === null) return EMPTY_CONTROLS_CONFIG;
  if (!isMap(root)) throw new ConfigError(`${locate(config, root)}: a controls config is a mapping`);
  const inputs: Record<string, ParamValue> = {};
  const controls = new Map<string, ControlSettings>();
  const fixValues = new Map<string, string>();
  for (const pair of root.items) {
    const key = keyOf(config, pair);
    if (key === "controls") readControls(config, pair.value, targets.controls, controls);
    else if (key === "settings") readPostureInputs(config, pair.value, targets.parameters, inputs);
    else if (key === "fixValues") readFixValues(config, pair.value, "", fixValues);
    else readInput(config, pair, targets.parameters, inputs);
  }
  return { controls, inputs, fixValues };
}

/** `fixValues: {runAsUser: 1000, limits: {cpu: 500m}}` as `runAsUser` → 1000, `limits.cpu` → 500m. */
function readFixValues(config: ParsedConfig, node: unknown, prefix: string, values: Map<string, string>): void {
  if (!isMap(node))
    throw new ConfigError(`${locate(config, node)}: fixValues maps each choice (runAsUser, limits.cpu) to a value`);
  for (const pair of (node as YAMLMap).items) {
    const name = `${prefix}${keyOf(config, pair)}`;
    if (isMap(pair.value)) readFixValues(config, pair.value, `${name}.`, values);
    else if (isScalar(pair.value) && pair.value.value !== null && typeof pair.value.value !== "object")
      values.set(name, String(pair.value.value));
    else throw new ConfigError(`${locate(config, pair.value ?? pair.key)}: the value chosen for ${name} is a scalar`);
  }
}

function keyOf(config: ParsedConfig, pair: Pair): string {
  if (!isScalar(pair.key) || typeof pair.key.value !== "string")
    throw new ConfigError(`${locate(config, pair.key)}: keys are strings`);
  return pair.key.value;
}

function readPostureInputs(
  config: ParsedConfig,
  node: unknown,
  parameters: ReadonlyMap<string, DeclaredParameter>,
  inputs: Record<string, ParamValue>,
): void {
  const nested = isMap(node)
    ? (node as YAMLMap).items.find((pair) => keyOf(config, pair) === "postureControlInputs")
    : undefined;
  if (nested === undefined || !isMap(nested.value)) {
    throw new ConfigError(`${locate(config, node)}: settings must hold postureControlInputs: {name: [values]}`);
  }
  for (const pair of nested.value.items) readInput(config, pair, parameters, inputs);
}

function readInput(
  config: ParsedConfig,
  pair: Pair,
  parameters: ReadonlyMap<string, DeclaredParameter>,
  inputs: Record<string, ParamValue>,
): void {
  const name = keyOf(config, pair);
  const value: unknown = isNode(pair.value) ? pair.value.toJSON() : pair.value;
  const problem = settingProblem(name, value, parameters, ["controls"]);
  if (problem !== undefined) throw new ConfigError(`${locate(config, siteOf(pair, problem.at))}: ${problem.message}`);
  inputs[name] = value as ParamValue;
}

/** The node of a setting a problem is about. */
function siteOf(pair: Pair, at: ProblemSite): unknown {
  if (at === "name") return pair.key;
  const item = typeof at === "object" && isSeq(pair.value) ? pair.value.items[at.item] : undefined;
  return item ?? pair.value ?? pair.key;
}

function readControls(
  config: ParsedConfig,
  node: unknown,
  knownControls: ReadonlyMap<string, string>,
  controls: Map<string, ControlSettings>,
): void {
  if (isMap(node)) {
    for (const pair of (node as YAMLMap).items) {
      const id = knownId(config, pair.key, keyOf(config, pair), knownControls);
      if (!isMap(pair.value))
        throw new ConfigError(`${locate(config, pair.value ?? pair.key)}: ${id} takes {severity, action}`);
      controls.set(id, readSettings(config, pair.value.items, id, ["severity", "action"]));
    }
    return;
  }
  if (!isSeq(node)) {
    throw new ConfigError(
      `${locate(config, node)}: controls is a list of {controlID, name, severity, action}, or maps control IDs to {severity, action}`,
    );
  }
  const written = new Map<string, unknown>();
  for (const item of node.items) {
    if (!isMap(item))
      throw new ConfigError(`${locate(config, item)}: a control is {controlID, name, severity, action}`);
    const idPair = item.items.find((pair) => ["controlID", "controlId"].includes(keyOf(config, pair)));
    if (idPair === undefined) throw new ConfigError(`${locate(config, item)}: a control needs controlID (e.g. C-0016)`);
    const id = knownId(config, idPair.value, scalarText(idPair.value), knownControls);
    if (written.has(id)) {
      throw new ConfigError(
        `${locate(config, idPair.value)}: ${id} is configured twice (first at line ${lineOf(config, written.get(id))})`,
      );
    }
    written.set(id, idPair.value);
    const namePair = item.items.find((pair) => keyOf(config, pair) === "name");
    if (namePair !== undefined) checkName(config, namePair.value, id, knownControls.get(id) ?? id);
    const settings = item.items.filter((pair) => pair !== idPair && pair !== namePair);
    controls.set(id, readSettings(config, settings, id, ["controlID", "name", "severity", "action"]));
  }
}

/** A control ID the scan knows (implemented, or in the catalogue), or a ConfigError at `node`. */
function knownId(config: ParsedConfig, node: unknown, id: string, knownControls: ReadonlyMap<string, string>): string {
  if (!knownControls.has(id))
    throw new ConfigError(`${locate(config, node)}: unknown control ID "${id}"${suggestion(id, knownControls.keys())}`);
  return id;
}

/** A control's `name`, when written, must be its name (any case): a guard against the wrong ID. */
function checkName(config: ParsedConfig, node: unknown, id: string, name: string): void {
  const written = scalarText(node);
  if (written.trim().toLowerCase() !== name.toLowerCase())
    throw new ConfigError(`${locate(config, node)}: ${id} is named "${name}", not "${written}"`);
}

function scalarText(node: unknown): string {
  return isScalar(node) && node.value !== null ? String(node.value) : "";
}

/** Severity and action of one control (any case: `Critical`, `warn`). */
function readSettings(
  config: ParsedConfig,
  pairs: readonly Pair[],
  id: string,
  keys: readonly string[],
): ControlSettings {
  const settings: { severity?: Severity; action?: Action } = {};
  for (const field of pairs) {
    const name = keyOf(config, field);
    const value = scalarText(field.value);
    if (name === "severity") {
      const severity = severityNamed(value);
      if (severity === undefined)
        throw new ConfigError(
          `${locate(config, field.value ?? field.key)}: severity is low, medium, high or critical, not "${value}"`,
        );
      settings.severity = severity;
    } else if (name === "action") {
      const action = ACTIONS.find((known) => known === value.toLowerCase());
      if (action === undefined)
        throw new ConfigError(`${locate(config, field.value ?? field.key)}: action is enforce or warn, not "${value}"`);
      settings.action = action;
    } else {
      throw new ConfigError(
        `${locate(config, field.key)}: unknown setting "${name}" for ${id}${suggestion(name, keys)}`,
      );
    }
  }
  return settings;
}

/**
 * The control inputs of a scan: the built-in inputs' defaults and those of the parameters the
 * controls declare, with what the config sets.
 */
export function effectiveInputs(
  config: ControlsConfig,
  parameters: ReadonlyMap<string, DeclaredParameter> = new Map(),
): Readonly<Record<InputName, readonly string[]>> & Readonly<Record<string, ParamValue>> {
  return { ...defaultInputs(parameters), ...config.inputs } as Record<InputName, readonly string[]> &
    Record<string, ParamValue>;
}
