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
} from "../../../../dsl/index.js";

/** A fix setting the flag to `value`: the value alone where it is an element of its own, else `--name=value`. */
export function setFlag(flag: CommandFlag, value: string): Fix {
  return fix(flag.path, flag.separate ? value : `${flag.name}=${value}`);
}

/** What Go's strconv.ParseBool, which the components read boolean flags with, takes for true and false. */
const TRUE_WORDS = ["1", "t", "T", "TRUE", "true", "True"];
const FALSE_WORDS = ["0", "f", "F", "FALSE", "false", "False"];

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
