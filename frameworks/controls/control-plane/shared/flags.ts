// Reading and fixing the control-plane components' flags, in the check subset: boolean and count
// values as the components parse them, the API server's admission plugins with their defaults,
// and the fix that sets a flag where it is (or adds it where it would go).
import {
  type CommandFlag,
  type ContainerRef,
  commandFlag,
  compareQuantities,
  type Fix,
  fix,
  type Violation,
  violation,
} from "../../../../dsl/index.js";

/** A fix setting the flag to `value`: the value alone where it is an element of its own, else `--name=value`. */
export function setFlag(flag: CommandFlag, value: string): Fix {
  return fix(flag.path, flag.separate ? value : `${flag.name}=${value}`);
}

/** What Go's strconv.ParseBool, which the components read boolean flags with, takes for true and false. */
const TRUE_WORDS = ["1", "t", "T", "TRUE", "true", "True"];
export const FALSE_WORDS = ["0", "f", "F", "FALSE", "false", "False"];

export function isTrue(value: string | undefined): boolean {
  return value !== undefined && TRUE_WORDS.includes(value);
}

export function isFalse(value: string | undefined): boolean {
  return value !== undefined && FALSE_WORDS.includes(value);
}

/**
 * Whether a count flag (`--audit-log-maxage=30`) is at least `minimum`. The components read such
 * values with strconv.ParseInt in base 0, so `030` is octal and `0x1e` hexadecimal: only plain
 * decimals are compared, anything else is taken as below.
 */
export function countAtLeast(value: string | undefined, minimum: string): boolean {
  if (value === undefined || !/^(0|[1-9][0-9]*)$/.test(value)) return false;
  const order = compareQuantities(value, minimum);
  return order !== undefined && order >= 0;
}

/**
 * The admission plugins kube-apiserver enables when `--enable-admission-plugins` does not name
 * them (Kubernetes 1.30 to 1.35; `kube-apiserver --help` lists them), among those these controls
 * ask about: the others are off unless enabled.
 */
const DEFAULT_ADMISSION_PLUGINS = ["NamespaceLifecycle", "ServiceAccount", "PodSecurity"];

/** Whether the API server runs an admission plugin: enabled, or on by default and not disabled. */
export function admissionPluginEnabled(ref: ContainerRef, plugin: string): boolean {
  return (
    commandFlag(ref, "--enable-admission-plugins").items.includes(plugin) ||
    (DEFAULT_ADMISSION_PLUGINS.includes(plugin) &&
      !commandFlag(ref, "--disable-admission-plugins").items.includes(plugin))
  );
}

/** The fix that adds `item` to a list flag (`--enable-admission-plugins=A,B` becomes `A,B,item`). */
export function addItem(flag: CommandFlag, item: string): Fix {
  return setFlag(flag, flag.items.length > 0 ? `${flag.items.join(",")},${item}` : item);
}

/** The items of a list flag without `item`, joined as the flag takes them. */
export function withoutItem(flag: CommandFlag, item: string): string {
  return flag.items.filter((other) => other !== item).join(",");
}

/** A flag that is not given, or given empty (`--client-ca-file=`): the component has no such setting. */
export function isUnset(flag: CommandFlag): boolean {
  return flag.value === undefined || flag.value === "";
}

/**
 * The violation of a boolean flag that must be `wanted` (false for --profiling), read as the
 * component reads it; `byDefault` is its value when it is left out. The fix sets it.
 */
export function booleanViolations(
  component: string,
  flag: CommandFlag,
  wanted: boolean,
  byDefault: boolean,
  risk: string,
): readonly Violation[] {
  const holds = flag.value === undefined ? byDefault === wanted : wanted ? isTrue(flag.value) : isFalse(flag.value);
  if (holds) return [];
  const how =
    flag.value === undefined
      ? `does not set ${flag.name}, which is ${byDefault ? "true" : "false"} by default`
      : `sets ${flag.name} to ${flag.value}`;
  return [
    violation(`${component} ${how}: ${risk}`, {
      paths: [flag.path],
      fixes: [setFlag(flag, wanted ? "true" : "false")],
    }),
  ];
}

/**
 * The violation of flags that must all be set (certificate files): names the unset ones, each
 * fixed where it would be added, with `values[i]` (a placeholder) for `flags[i]`.
 */
export function unsetViolations(
  component: string,
  flags: readonly CommandFlag[],
  values: readonly string[],
  risk: string,
): readonly Violation[] {
  const unset = flags.filter((flag) => isUnset(flag));
  if (unset.length === 0) return [];
  const fixes = flags.flatMap((flag, index) => (isUnset(flag) ? [setFlag(flag, values[index] ?? "")] : []));
  const names = unset.map((flag) => flag.name).join(" and ");
  return [violation(`${component} does not set ${names}: ${risk}`, { paths: unset.map((flag) => flag.path), fixes })];
}
