// The CEL of commandFlags (dsl/flags.ts), given the CEL of the container reference and the flag
// names (literals, known at compile time). The reference is bound first,
// `[ref].map(r, body)[0]`, so that the control's own expression is printed outside every
// comprehension below and no name chosen here can capture a variable of the control. Then:
//   raw  the container's command and args, one list;
//   ts   each element that begins with `-` as {value, path, separate, text}: what it would set
//        as a flag (--name=value; --name and the next element when that does not begin with -;
//        --name alone, "true");
//   o    per name, the elements that set that flag, matched with `^--?name(=|$)` where each `-`
//        of the name also matches `_` (the components normalise `_` to `-`).
import { celString } from "./escape.js";

/** `^--?anonymous[-_]auth(=|$)` for `--anonymous-auth` (names are letters, digits and `-`). */
export function flagPattern(name: string): string {
  return `^--?${name.slice(2).replaceAll("-", "[-_]")}(=|$)`;
}

const COMMAND = `r.container.?command.orValue([])`;
const ARGS = `r.container.?args.orValue([])`;

/** The path of the element at `index` of raw (command, then args). */
function pathAt(index: string): string {
  return `(${index} < size(${COMMAND}) ? r.path + ".command[" + string(${index}) + "]" : r.path + ".args[" + string(${index} - size(${COMMAND})) + "]")`;
}

/** What the element `t` at index `i` of raw sets, as a flag. */
const TOKEN = (() => {
  const inline = `t.contains("=")`;
  const nextIsValue = `i + 1 < size(raw) && !raw[i + 1].startsWith("-")`;
  const value = `${inline} ? t.substring(t.indexOf("=") + 1) : ${nextIsValue} ? raw[i + 1] : "true"`;
  const path = `${inline} ? ${pathAt("i")} : ${nextIsValue} ? ${pathAt("(i + 1)")} : ${pathAt("i")}`;
  return `{"text": dyn(t), "value": dyn(${value}), "path": dyn(${path}), "separate": dyn(!${inline} && ${nextIsValue})}`;
})();

/** Where the k-th missing flag goes (`k` is CEL for an int). */
function missingPath(k: string): string {
  return `(size(${ARGS}) > 0 ? r.path + ".args[" + string(size(${ARGS}) + ${k}) + "]" : r.path + ".command[" + string(size(${COMMAND}) + ${k}) + "]")`;
}

function given(name: string): string {
  return `ts.filter(t, t.text.matches(${celString(flagPattern(name))}))`;
}

/** The flag `name`, the `position`-th of `names`. */
function flag(names: readonly string[], position: number): string {
  const name = names[position] as string;
  const missingBefore =
    position === 0
      ? "0"
      : names
          .slice(0, position)
          .map((other) => `(size(${given(other)}) == 0 ? 1 : 0)`)
          .join(" + ");
  const unset = `{"name": dyn(${celString(name)}), "value": dyn(null), "items": dyn([]), "path": dyn(${missingPath(missingBefore)}), "separate": dyn(false)}`;
  const last = "o[size(o) - 1]";
  const items = `o.map(t, t.value).join(",").split(",").filter(x, x != "")`;
  const set = `{"name": dyn(${celString(name)}), "value": dyn(${last}.value), "items": dyn(${items}), "path": dyn(${last}.path), "separate": dyn(${last}.separate)}`;
  return `[${given(name)}].map(o, size(o) == 0 ? ${unset} : ${set})[0]`;
}

/** `commandFlags(ref, names)`: a list of {name, value, items, path, separate}, one per name. */
export function commandFlagsCel(ref: string, names: readonly string[]): string {
  const flags = `[${names.map((_, position) => flag(names, position)).join(", ")}]`;
  const tokens = `raw.transformList(i, t, t.startsWith("-"), ${TOKEN})`;
  return `[${ref}].map(r, [${COMMAND} + ${ARGS}].map(raw, [${tokens}].map(ts, ${flags})[0])[0])[0]`;
}
