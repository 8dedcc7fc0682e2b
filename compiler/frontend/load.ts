// Loads control (and framework) modules with ts-morph, type-checks them and translates each
// control to IR. Problems are collected per module: one bad control never stops the others.
import path from "node:path";
import { Project, type SourceFile, ts } from "ts-morph";
import { CompileError, type Diagnostic, makeDiagnostic } from "../diagnostics.js";
import {
  type ControlIr,
  defaultExportKind,
  type FrameworkModule,
  readFrameworkModule,
  translateControlModule,
} from "./control-module.js";
import { DSL_SOURCE_DIR } from "./dsl-symbols.js";

export interface FrontendResult {
  readonly controls: readonly ControlIr[];
  readonly frameworks: readonly FrameworkModule[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Compiler options for control modules when no tsconfig.json is given. */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  noEmit: true,
};

export interface LoadOptions {
  readonly tsConfigFilePath?: string;
  /** Control modules held in memory (path → text), compiled as if they were on disk. */
  readonly inMemory?: ReadonlyMap<string, string>;
  /**
   * The files may hold framework modules and helper modules besides controls (a project
   * folder); otherwise every file must be a control module.
   */
  readonly helpersAllowed?: boolean;
}

export function loadControls(files: readonly string[], options: LoadOptions = {}): FrontendResult {
  const project =
    options.tsConfigFilePath !== undefined
      ? new Project({ tsConfigFilePath: options.tsConfigFilePath, skipAddingFilesFromTsConfig: true })
      : new Project({ compilerOptions: DEFAULT_OPTIONS });
  const sourceFiles = [
    ...files.map((file) => project.addSourceFileAtPath(path.resolve(file))),
    ...[...(options.inMemory ?? [])].map(([file, text]) =>
      project.createSourceFile(path.resolve(file), text, { overwrite: true }),
    ),
  ];
  // The DSL's own helpers written in the check subset are translated from these sources.
  project.addSourceFilesAtPaths(path.join(DSL_SOURCE_DIR, "*.ts"));
  project.resolveSourceFileDependencies();
  const controls: ControlIr[] = [];
  const frameworks: FrameworkModule[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const sourceFile of sourceFiles) {
    // Modules that export neither a control nor a framework are helpers the others import.
    const kind = options.helpersAllowed === true ? defaultExportKind(sourceFile) : "control";
    if (kind === undefined) continue;
    const typeErrors = typeScriptErrors(sourceFile);
    if (typeErrors.length > 0) {
      diagnostics.push(...typeErrors);
      continue;
    }
    try {
      if (kind === "framework") frameworks.push(readFrameworkModule(sourceFile));
      else controls.push(translateControlModule(sourceFile));
    } catch (error) {
      if (!(error instanceof CompileError)) throw error;
      diagnostics.push(error.diagnostic);
    }
  }
  return { controls, frameworks, diagnostics };
}

function typeScriptErrors(sourceFile: SourceFile): Diagnostic[] {
  return sourceFile
    .getPreEmitDiagnostics()
    .filter((diagnostic) => diagnostic.getCategory() === ts.DiagnosticCategory.Error)
    .map((diagnostic) => {
      const file = diagnostic.getSourceFile() ?? sourceFile;
      const start = diagnostic.getStart() ?? 0;
      const { line, column } = file.getLineAndColumnAtPos(start);
      const text = ts.flattenDiagnosticMessageText(diagnostic.compilerObject.messageText, "\n");
      return makeDiagnostic("RP1018", [text], { file: file.getFilePath(), line, column }, diagnostic.getLength() ?? 1);
    });
}
