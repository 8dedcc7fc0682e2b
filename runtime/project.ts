// A policy project: a folder of the user's own controls and frameworks (written with
// `rampart/dsl`), compiled beside the built-in ones and loaded for scans and tests.
//
//   my-policies/            the project root (package.json / tsconfig.json)
//     controls/*.ts         control, framework and helper modules
//     fixtures/*.yaml       fixtures of the project's controls (rampart test)
//     .rampart/             Rampart's cache: build/ (transpiled modules), generated/ (compiled)
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import type { AdmissionOptions } from "../compiler/backends/admission.js";
import { DEFAULT_KUBERNETES_VERSION, parseKubernetesVersion } from "../compiler/backends/cel/features.js";
import { type CompileResult, compile } from "../compiler/compile.js";
import { writeTree } from "../compiler/output.js";
import { PROJECT_ROOT } from "../compiler/tools.js";
import type { Control, Framework, ParamValue } from "../dsl/index.js";
import { CATALOG, DEFAULT_CONTROL_INPUTS } from "../frameworks/catalog/index.js";
import { BUILTIN_FRAMEWORKS } from "../frameworks/index.js";
import { ProjectCompileError } from "./project-error.js";
import { builtinLibrary, type ControlLibrary } from "./selection.js";
import { VERSION } from "./version.js";

export { ProjectCompileError };

export interface Project {
  /** The folder holding package.json / tsconfig.json (or the controls folder itself). */
  readonly root: string;
  readonly controlsDir: string;
  /** Every TypeScript module below the controls folder. */
  readonly files: readonly string[];
  readonly tsconfig: string | undefined;
  readonly fixturesDir: string | undefined;
}

const SKIPPED_FOLDERS = new Set(["node_modules", "dist", "generated"]);

function typescriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(folder, entry.name);
      if (entry.name.startsWith(".") || SKIPPED_FOLDERS.has(entry.name)) return [];
      if (entry.isDirectory()) return typescriptFiles(full);
      return entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
    });
}

/** The project at `given`: a project root (with controls/) or a folder of control modules. */
export function findProject(given: string): Project {
  const absolute = path.resolve(given);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new Error(`${given} is not a folder of controls`);
  }
  let root = absolute;
  for (let folder = absolute; ; folder = path.dirname(folder)) {
    if (["package.json", "tsconfig.json"].some((file) => existsSync(path.join(folder, file)))) {
      root = folder;
      break;
    }
    if (path.dirname(folder) === folder) break;
  }
  const controlsDir =
    absolute === root && existsSync(path.join(root, "controls")) ? path.join(root, "controls") : absolute;
  const files = typescriptFiles(controlsDir);
  if (files.length === 0) throw new Error(`${given} holds no control modules (.ts files)`);
  const tsconfig = path.join(root, "tsconfig.json");
  const fixtures = path.join(root, "fixtures");
  return {
    root,
    controlsDir,
    files,
    tsconfig: existsSync(tsconfig) ? tsconfig : undefined,
    fixturesDir: existsSync(fixtures) ? fixtures : undefined,
  };
}

/** The built-in control modules (frameworks/controls/<area>/C-*.ts), ordered by file name. */
export function builtinControlFiles(): string[] {
  const folder = path.join(PROJECT_ROOT, "frameworks", "controls");
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((file) => /^C-\d+.*\.ts$/.test(path.basename(file)))
    .sort((a, b) => path.basename(a).localeCompare(path.basename(b)))
    .map((file) => path.join(folder, file));
}

export interface ProjectCompileOptions {
  /** The built-in inputs and the parameters a controls config sets (the others: their defaults). */
  readonly inputs: Readonly<Record<string, ParamValue>>;
  readonly withOpa: boolean;
  readonly kubernetesVersion?: string;
  /** How the admission policies are deployed (default: Deny, every namespace, no exemptions). */
  readonly admission?: AdmissionOptions;
}

/**
 * Compiles the built-in controls and the project's, or (no project) the built-in controls alone;
 * diagnostics included, nothing written.
 */
export function compileProject(project: Project | undefined, options: ProjectCompileOptions): CompileResult {
  const version = parseKubernetesVersion(options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
  if (version === undefined) throw new Error(`invalid Kubernetes version ${options.kubernetesVersion}`);
  return compile({
    controlFiles: builtinControlFiles(),
    frameworks: BUILTIN_FRAMEWORKS,
    tsconfig: path.join(PROJECT_ROOT, "tsconfig.json"),
    ...(project === undefined
      ? {}
      : {
          project: { files: project.files, ...(project.tsconfig === undefined ? {} : { tsconfig: project.tsconfig }) },
          reservedIds: new Set(CATALOG.keys()),
        }),
    root: project?.root ?? PROJECT_ROOT,
    kubernetesVersion: version,
    controlInputs: options.inputs,
    inputDefaults: DEFAULT_CONTROL_INPUTS,
    withOpa: options.withOpa,
    ...(options.admission === undefined ? {} : { admission: options.admission }),
  });
}

/** What a cached compile of a project depends on besides its sources. */
export type CachedCompileOptions = Pick<ProjectCompileOptions, "inputs" | "withOpa" | "kubernetesVersion">;

/**
 * A digest of everything the compiled project depends on but OPA: a build with OPA holds all a
 * build without it does (and policy.wasm), so whether OPA ran is recorded beside the digest.
 */
function sourceDigest(project: Project, options: CachedCompileOptions): string {
  const kubernetesVersion = options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  const hash = createHash("sha256")
    .update(VERSION)
    .update(JSON.stringify({ inputs: options.inputs, kubernetesVersion }));
  for (const file of project.files) hash.update(file).update(readFileSync(file));
  return hash.digest("hex");
}

/** The stamp beside a cached compile: the digest it was made from, and whether OPA ran. */
interface CacheStamp {
  readonly digest: string;
  readonly withOpa: boolean;
}

function readStamp(file: string): CacheStamp | undefined {
  try {
    const stamp = JSON.parse(readFileSync(file, "utf8")) as Partial<CacheStamp> | null;
    return typeof stamp?.digest === "string" && typeof stamp.withOpa === "boolean"
      ? { digest: stamp.digest, withOpa: stamp.withOpa }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The project compiled into .rampart/generated, recompiled only when a source or an option
 * changed, or when OPA is asked for and the cached build was made without it (a build with OPA
 * serves a request without). Throws ProjectCompileError (with the diagnostics) when something
 * does not compile.
 */
export function compiledProject(project: Project, options: CachedCompileOptions): string {
  const out = path.join(project.root, ".rampart", "generated");
  const stampFile = path.join(project.root, ".rampart", "generated.digest");
  const digest = sourceDigest(project, options);
  const stamp = readStamp(stampFile);
  if (stamp?.digest === digest && (stamp.withOpa || !options.withOpa) && existsSync(out)) return out;
  const result = compileProject(project, options);
  if (result.diagnostics.length > 0) throw new ProjectCompileError(result);
  writeTree(out, result.files);
  writeFileSync(stampFile, `${JSON.stringify({ digest, withOpa: options.withOpa } satisfies CacheStamp)}\n`);
  return out;
}

export interface LoadedProject {
  readonly controls: readonly Control[];
  readonly frameworks: readonly Framework[];
}

/**
 * Imports the project's modules (transpiled to .rampart/build, where `rampart/dsl` resolves
 * through the project's node_modules) and collects the controls and frameworks they export.
 */
export async function importProject(project: Project): Promise<LoadedProject> {
  const build = path.join(project.root, ".rampart", "build");
  const version = createHash("sha256");
  for (const file of project.files) {
    const relative = path.relative(project.root, file);
    const target = path.join(build, relative.replace(/\.ts$/, ".js"));
    const text = readFileSync(file, "utf8");
    version.update(relative).update(text);
    const output = ts.transpileModule(text, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
    });
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, output.outputText);
  }
  // A changed project gets new module URLs: Node caches modules by URL for the process's life.
  const stamp = version.digest("hex").slice(0, 12);
  const controls: Control[] = [];
  const frameworks: Framework[] = [];
  for (const file of project.files) {
    const target = path.join(build, path.relative(project.root, file).replace(/\.ts$/, ".js"));
    const module = (await import(`${pathToFileURL(target).href}?v=${stamp}`)) as { default?: unknown };
    const value = module.default as Partial<Control & Framework> | undefined;
    if (typeof value?.check === "function" && typeof value.id === "string") controls.push(value as Control);
    else if (Array.isArray(value?.controlIds) && typeof value.name === "string") frameworks.push(value as Framework);
  }
  return { controls, frameworks };
}

/** The built-in controls and frameworks with the project's. */
export function projectLibrary(loaded: LoadedProject): ControlLibrary {
  const builtin = builtinLibrary();
  return {
    controls: new Map([...builtin.controls, ...loaded.controls.map((control) => [control.id, control] as const)]),
    frameworks: new Map([
      ...builtin.frameworks,
      ...loaded.frameworks.map((framework) => [framework.name, framework] as const),
    ]),
  };
}
