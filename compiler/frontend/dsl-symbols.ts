// Recognises DSL helpers and TypeScript's own library methods by the declaration a call resolves
// to, never by the identifier written at the call site (an alias or a shadowing local is fine).
import path from "node:path";
import { type Symbol as MorphSymbol, Node } from "ts-morph";
import type { ParamType } from "../../dsl/index.js";
import { PROJECT_ROOT } from "../tools.js";

const DSL_FUNCTIONS = {
  control: "control",
  framework: "framework",
  containers: "workload",
  podSpec: "workload",
  podSpecPath: "workload",
  podMetadata: "workload",
  namespaceOf: "workload",
  selectorMatches: "selectors",
  mapSelectorMatches: "selectors",
  regexMatches: "regex",
  lowerAscii: "strings",
  parseImage: "image",
  compareQuantities: "quantity",
  isQuantity: "quantity",
  containerPorts: "ports",
  ruleAllows: "rbac",
  rulesAllowing: "rbac",
  commandFlags: "flags",
  commandFlag: "flags",
  violation: "violation",
  fix: "violation",
  fixChoice: "violation",
  fixRemove: "violation",
} as const;

export type DslFunction = keyof typeof DSL_FUNCTIONS;

/** Rampart's own DSL sources, which a project may see only as declaration files (dist/dsl/*.d.ts). */
export const DSL_SOURCE_DIR = path.join(PROJECT_ROOT, "dsl");
const DSL_DECLARATION_DIR = path.join(PROJECT_ROOT, "dist", "dsl");

/**
 * The source of a function that Rampart's DSL declares and writes in the check subset (it is not
 * one of DSL_FUNCTIONS, which every back end translates on its own), when `declaration` is its
 * declaration in dist/dsl/*.d.ts; the compiler translates the source as the author's own helpers.
 */
export function dslSourceOf(declaration: Node | undefined): Node | undefined {
  if (declaration === undefined || !Node.isFunctionDeclaration(declaration)) return undefined;
  const file = declaration.getSourceFile();
  const name = declaration.getName();
  if (!file.isDeclarationFile() || name === undefined || path.dirname(file.getFilePath()) !== DSL_DECLARATION_DIR)
    return undefined;
  const source = path.join(DSL_SOURCE_DIR, path.basename(file.getFilePath()).replace(/\.d\.ts$/, ".ts"));
  return declaration.getProject().getSourceFile(source)?.getFunction(name);
}

/** The parameter declarations of dsl/param.ts (`param.string(…)`, …), by the type they declare. */
const PARAM_FUNCTIONS: ReadonlySet<string> = new Set<ParamType>(["string", "strings", "integer", "boolean"]);

function isDslFile(node: Node, module: string): boolean {
  const file = node.getSourceFile().getFilePath();
  const folder = path.basename(path.dirname(file));
  const base = path.basename(file).replace(/\.d\.ts$|\.ts$/, "");
  return folder === "dsl" && base === module;
}

/** The DSL function a declaration is, if it is one. */
export function dslFunctionOf(declaration: Node | undefined): DslFunction | undefined {
  if (declaration === undefined || !Node.isFunctionDeclaration(declaration)) return undefined;
  const name = declaration.getName();
  if (name === undefined || !Object.hasOwn(DSL_FUNCTIONS, name)) return undefined;
  const dslName = name as DslFunction;
  return isDslFile(declaration, DSL_FUNCTIONS[dslName]) ? dslName : undefined;
}

/** The parameter type a declaration of dsl/param.ts declares, if it is one of them. */
export function paramTypeOf(declaration: Node | undefined): ParamType | undefined {
  if (declaration === undefined || !Node.isFunctionDeclaration(declaration)) return undefined;
  const name = declaration.getName();
  if (name === undefined || !PARAM_FUNCTIONS.has(name) || !isDslFile(declaration, "param")) return undefined;
  return name as ParamType;
}

export type ContextMember = "inputs" | "params" | "objects" | "objectsIn" | "object";
const CONTEXT_MEMBERS: ReadonlySet<string> = new Set<ContextMember>([
  "inputs",
  "params",
  "objects",
  "objectsIn",
  "object",
]);

/** A member of `CheckContext` in dsl/control.ts. */
export function contextMemberOf(symbol: MorphSymbol | undefined): ContextMember | undefined {
  const declaration = symbol?.getDeclarations()[0];
  if (declaration === undefined || !isDslFile(declaration, "control")) return undefined;
  const owner = declaration.getParent();
  if (!Node.isInterfaceDeclaration(owner) || owner.getName() !== "CheckContext") return undefined;
  const name = symbol?.getName() ?? "";
  return CONTEXT_MEMBERS.has(name) ? (name as ContextMember) : undefined;
}

/** A method or function declared by TypeScript's standard library (lib.*.d.ts). */
export function isStandardLibrary(symbol: MorphSymbol | undefined): boolean {
  const declaration = symbol?.getDeclarations()[0];
  if (declaration === undefined) return false;
  const file = declaration.getSourceFile();
  return file.isDeclarationFile() && /^lib\..*\.d\.ts$/.test(path.basename(file.getFilePath()));
}

/** The symbol a name refers to, looking through import aliases. */
export function resolvedSymbol(node: Node): MorphSymbol | undefined {
  const symbol = node.getSymbol();
  return symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
}
