// The builtins a policy may use: those OPA compiles into WebAssembly natively (OPA 1.22,
// internal/compiler/wasm) and those the @open-policy-agent/opa-wasm SDK implements in
// JavaScript. Anything else compiles but throws only when reached, so `opa check` and
// `opa build` get a capabilities file that lists these alone.
import { runTool } from "../../tools.js";

const NATIVE = [
  "abs",
  "all",
  "and",
  "any",
  "array.concat",
  "array.flatten",
  "array.reverse",
  "array.slice",
  "assign",
  "base64.decode",
  "base64.encode",
  "base64.is_valid",
  "base64url.decode",
  "base64url.encode",
  "bits.and",
  "bits.lsh",
  "bits.negate",
  "bits.or",
  "bits.rsh",
  "bits.xor",
  "ceil",
  "concat",
  "contains",
  "count",
  "div",
  "endswith",
  "eq",
  "equal",
  "floor",
  "format_int",
  "glob.match",
  "graph.reachable",
  "gt",
  "gte",
  "indexof",
  "internal.member_2",
  "internal.member_3",
  "internal.template_string",
  "intersection",
  "is_array",
  "is_boolean",
  "is_null",
  "is_number",
  "is_object",
  "is_set",
  "is_string",
  "json.filter",
  "json.is_valid",
  "json.marshal",
  "json.remove",
  "json.unmarshal",
  "lower",
  "lt",
  "lte",
  "max",
  "min",
  "minus",
  "mul",
  "neq",
  "net.cidr_contains",
  "net.cidr_intersects",
  "net.cidr_overlap",
  "numbers.range",
  "object.filter",
  "object.get",
  "object.keys",
  "object.remove",
  "object.union",
  "object.union_n",
  "or",
  "plus",
  "product",
  "re_match",
  "regex.find_all_string_submatch_n",
  "regex.is_valid",
  "regex.match",
  "rem",
  "replace",
  "round",
  "set_diff",
  "sort",
  "split",
  "startswith",
  "strings.replace_n",
  "strings.reverse",
  "substring",
  "sum",
  "to_number",
  "trim",
  "trim_left",
  "trim_prefix",
  "trim_right",
  "trim_space",
  "trim_suffix",
  "type_name",
  "union",
  "upper",
  "walk",
];

const SDK = ["sprintf", "regex.split", "yaml.is_valid", "yaml.marshal", "yaml.unmarshal"];

const WASM_BUILTINS: ReadonlySet<string> = new Set([...NATIVE, ...SDK]);

interface Capabilities {
  builtins: Array<{ name: string }>;
  [key: string]: unknown;
}

/** OPA's own capabilities with the builtins cut down to WASM_BUILTINS, as stable JSON text. */
export function wasmCapabilities(): string {
  const result = runTool("opa", ["capabilities", "--current"]);
  if (result.status !== 0) throw new Error(`opa capabilities failed: ${result.stderr}`);
  const capabilities = JSON.parse(result.stdout) as Capabilities;
  capabilities.builtins = capabilities.builtins.filter((builtin) => WASM_BUILTINS.has(builtin.name));
  return `${JSON.stringify(capabilities, null, 2)}\n`;
}
