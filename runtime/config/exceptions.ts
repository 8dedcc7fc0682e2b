// --exceptions: accepted failures. Two forms are read:
//
// the simple one users write (YAML or JSON):
//   - name: node-agent-needs-the-host
//     policyName: C-0057
//     resources: [{ kind: DaemonSet, name: node-agent, namespace: monitoring }]
//     justification: the agent reads host metrics
//     expiration: 2027-06-30            # optional
//
// and Kubescape's posture exception policies (JSON): `resources[].attributes` (kind, name,
// namespace, and any other key as a label) hold anchored regular expressions; `posturePolicies`
// name controls by `controlID` or `controlName`, or whole frameworks by `frameworkName`;
// `expirationDate` is optional.

import path from "node:path";
import { isMap, isScalar, isSeq, type YAMLMap, type Node as YamlNode } from "yaml";
import { fullMatchPattern } from "../../compiler/backends/admission.js";
import { re2Problem, regexMatches } from "../../dsl/regex.js";
import { ConfigError, loadConfig, locate, type ParsedConfig, suggestion } from "./source-errors.js";

/** What identifies an object to an exception: kind, name and namespace, and labels. */
export interface ObjectIdentity {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ControlIdentity {
  readonly id: string;
  readonly name: string;
  /** Names and titles of the frameworks the control belongs to. */
  readonly frameworks: readonly string[];
}

/** RE2 patterns, matched against the whole value (anchored). */
export interface ResourcePattern {
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly labels: ReadonlyArray<readonly [string, string]>;
}

type ControlPattern =
  | { readonly by: "id"; readonly value: string }
  | { readonly by: "name"; readonly value: string }
  | { readonly by: "framework"; readonly value: string };

export interface ExceptionRule {
  readonly name: string;
  /** `file:line` where the exception is written. */
  readonly where: string;
  readonly justification: string;
  readonly expires: Date | undefined;
  readonly controls: readonly ControlPattern[];
  readonly resources: readonly ResourcePattern[];
}

/** The exceptions of every file, in order (`--exceptions a.yaml,b.yaml`). */
export function readExceptionFiles(files: readonly string[]): ExceptionRule[] {
  // A file named twice is read once.
  const unique = files.filter(
    (file, index) => files.findIndex((other) => path.resolve(other) === path.resolve(file)) === index,
  );
  return unique.flatMap((file) => readExceptions(file));
}

export function readExceptions(file: string): ExceptionRule[] {
  const config = loadConfig(file, "exceptions");
  const entries = exceptionEntries(config);
  return entries.map((entry, index) => {
    if (!isMap(entry)) throw new ConfigError(`${locate(config, entry)}: an exception is a mapping`);
    return readRule(config, entry, index);
  });
}

/**
 * The exceptions a file lists: a top-level list, a list under `exceptions:`, or one exception
 * (a Kubescape exception policy written alone).
 */
function exceptionEntries(config: ParsedConfig): readonly unknown[] {
  const root = config.document.contents;
  if (root === null) return [];
  if (isSeq(root)) return root.items;
  if (!isMap(root)) {
    throw new ConfigError(`${locate(config, root)}: an exceptions file lists exceptions (or holds exceptions: [...])`);
  }
  const keys = root.items.map((pair) => (pair.key as { value?: unknown } | null)?.value);
  if (!keys.includes("exceptions")) return [root];
  const others = root.items.filter((pair) => (pair.key as { value?: unknown } | null)?.value !== "exceptions");
  const [other] = others;
  if (other !== undefined) {
    const name = String((other.key as { value?: unknown } | null)?.value);
    throw new ConfigError(
      `${locate(config, other.key)}: unknown key "${name}" beside exceptions (the file holds exceptions: [...] only)`,
    );
  }
  const list = field(root, "exceptions");
  if (list === undefined || list === null || (isScalar(list) && list.value === null)) return [];
  if (!isSeq(list)) throw new ConfigError(`${locate(config, list)}: exceptions is a list of exceptions`);
  return list.items;
}

function field(entry: YAMLMap, key: string): YamlNode | undefined {
  return entry.items.find((pair) => (pair.key as { value?: unknown } | null)?.value === key)?.value as
    | YamlNode
    | undefined;
}

function text(config: ParsedConfig, node: YamlNode | undefined, what: string): string {
  const value = (node as { value?: unknown } | undefined)?.value;
  if (typeof value !== "string" && typeof value !== "number")
    throw new ConfigError(`${locate(config, node)}: ${what} is a string`);
  return String(value);
}

function checked(config: ParsedConfig, node: YamlNode | undefined, pattern: string): string {
  const problem = re2Problem(pattern);
  if (problem !== undefined) {
    throw new ConfigError(`${locate(config, node)}: pattern ${JSON.stringify(pattern)} uses ${problem}`);
  }
  return pattern;
}

/** A literal value as an RE2 pattern. */
function escaped(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The keys of Rampart's simple form (Kubescape's exception policies have many more). */
const SIMPLE_KEYS = [
  "name",
  "policyName",
  "controlID",
  "resources",
  "justification",
  "reason",
  "expiration",
  "expirationDate",
];

function readRule(config: ParsedConfig, entry: YAMLMap, index: number): ExceptionRule {
  const where = locate(config, entry);
  const kubescape = field(entry, "posturePolicies") !== undefined || field(entry, "policyType") !== undefined;
  if (!kubescape) checkSimpleKeys(config, entry);
  const name =
    field(entry, "name") === undefined ? `exception #${index + 1}` : text(config, field(entry, "name"), "name");
  const reasonNode = field(entry, "justification") ?? field(entry, "reason");
  const justification = reasonNode === undefined ? "" : text(config, reasonNode, "justification");
  const expiresNode = field(entry, kubescape ? "expirationDate" : "expiration") ?? field(entry, "expirationDate");
  const expires = expiresNode === undefined ? undefined : date(config, expiresNode);
  const resourcesNode = field(entry, "resources");
  if (!isSeq(resourcesNode) || resourcesNode.items.length === 0) {
    throw new ConfigError(
      `${locate(config, resourcesNode ?? entry)}: ${name} needs resources: a list of objects it exempts`,
    );
  }
  const resources: ResourcePattern[] = [];
  for (const item of resourcesNode.items) {
    const attributesNode = kubescape && isMap(item) ? field(item, "attributes") : item;
    if (!isMap(attributesNode))
      throw new ConfigError(`${locate(config, item)}: a resource is a mapping of kind, name, namespace (and labels)`);
    const written: Record<string, string> = {};
    for (const pair of attributesNode.items) {
      const key = text(config, pair.key as YamlNode, "a resource attribute");
      written[key] = text(config, pair.value as YamlNode, key);
    }
    const pattern = (value: string) => checked(config, attributesNode, kubescape ? value : escaped(value));
    const labels = Object.entries(written)
      .filter(([key]) => !["kind", "name", "namespace", "cluster", "apiVersion"].includes(key))
      .map(([key, value]) => [key, pattern(value)] as const);
    if (!kubescape && labels.length > 0) {
      throw new ConfigError(
        `${locate(config, attributesNode)}: a resource names kind, name and namespace (labels need Kubescape's form)`,
      );
    }
    const optional = (key: string) => (written[key] === undefined ? {} : { [key]: pattern(written[key] as string) });
    resources.push({ ...optional("kind"), ...optional("name"), ...optional("namespace"), labels });
  }
  return {
    name,
    where,
    justification,
    expires,
    controls: readControls(config, entry, kubescape, name),
    resources,
  };
}

function checkSimpleKeys(config: ParsedConfig, entry: YAMLMap): void {
  for (const pair of entry.items) {
    const key = (pair.key as { value?: unknown } | null)?.value;
    if (typeof key === "string" && SIMPLE_KEYS.includes(key)) continue;
    throw new ConfigError(
      `${locate(config, pair.key)}: unknown key "${String(key)}" in an exception${suggestion(String(key), SIMPLE_KEYS)}; an exception has ${SIMPLE_KEYS.slice(0, 5).join(", ")} and expiration`,
    );
  }
}

function readControls(config: ParsedConfig, entry: YAMLMap, kubescape: boolean, name: string): ControlPattern[] {
  if (!kubescape) {
    const policy = field(entry, "policyName") ?? field(entry, "controlID");
    if (policy === undefined)
      throw new ConfigError(`${locate(config, entry)}: ${name} needs policyName: the control ID it exempts from`);
    return [{ by: "id", value: text(config, policy, "policyName") }];
  }
  const policies = field(entry, "posturePolicies");
  if (!isSeq(policies) || policies.items.length === 0) {
    throw new ConfigError(
      `${locate(config, policies ?? entry)}: ${name} needs posturePolicies: [{controlID}] or [{frameworkName}]`,
    );
  }
  return policies.items.map((item) => {
    if (!isMap(item)) throw new ConfigError(`${locate(config, item)}: a posture policy is a mapping`);
    const id = field(item, "controlID") ?? field(item, "controlId");
    if (id !== undefined) return { by: "id", value: text(config, id, "controlID") };
    const controlName = field(item, "controlName");
    if (controlName !== undefined) return { by: "name", value: text(config, controlName, "controlName") };
    const framework = field(item, "frameworkName");
    if (framework !== undefined) return { by: "framework", value: text(config, framework, "frameworkName") };
    throw new ConfigError(`${locate(config, item)}: a posture policy names controlID, controlName or frameworkName`);
  });
}

function date(config: ParsedConfig, node: YamlNode): Date {
  const value = (node as { value?: unknown }).value;
  const parsed = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(parsed.getTime()))
    throw new ConfigError(`${locate(config, node)}: expiration is a date like 2027-06-30`);
  return parsed;
}

export function isExpired(rule: ExceptionRule, now: Date): boolean {
  return rule.expires !== undefined && rule.expires.getTime() < now.getTime();
}

export function coversControl(rule: ExceptionRule, control: ControlIdentity): boolean {
  return rule.controls.some((pattern) => namesControl(pattern, control));
}

function namesControl(pattern: ControlPattern, control: ControlIdentity): boolean {
  switch (pattern.by) {
    case "id":
      return pattern.value === control.id;
    case "name":
      return pattern.value.toLowerCase() === control.name.toLowerCase();
    case "framework":
      return control.frameworks.some((framework) => framework.toLowerCase() === pattern.value.toLowerCase());
  }
}

/** The whole of `value` matches the RE2 `pattern` (no pattern: anything matches). */
function fullMatch(pattern: string | undefined, value: string): boolean {
  return pattern === undefined || regexMatches(fullMatchPattern(pattern), value);
}

export function coversObject(rule: ExceptionRule, object: ObjectIdentity): boolean {
  return rule.resources.some(
    (resource) =>
      fullMatch(resource.kind, object.kind) &&
      fullMatch(resource.name, object.name) &&
      fullMatch(resource.namespace, object.namespace ?? "") &&
      resource.labels.every(
        ([key, pattern]) => Object.hasOwn(object.labels, key) && fullMatch(pattern, object.labels[key] ?? ""),
      ),
  );
}

/** The controls an exception names, as written: `C-0048`, `control "HostPath mount"`, `framework NSA`. */
export function namedControls(rule: ExceptionRule): string {
  return rule.controls.map(patternText).join(", ");
}

function patternText(pattern: ControlPattern): string {
  switch (pattern.by) {
    case "id":
      return pattern.value;
    case "name":
      return `control "${pattern.value}"`;
    case "framework":
      return `framework ${pattern.value}`;
  }
}
