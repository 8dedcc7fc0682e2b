// Positions and failures in control source files.
import path from "node:path";
import type { Node } from "ts-morph";
import { CompileError, type DiagnosticCode, makeDiagnostic } from "../diagnostics.js";
import type { SourcePosition } from "../ir/build.js";

/** Paths in diagnostics and generated files are relative to the working directory. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative.split(path.sep).join("/");
}

export function positionOf(node: Node): SourcePosition {
  const sourceFile = node.getSourceFile();
  const { line, column } = sourceFile.getLineAndColumnAtPos(node.getStart());
  return { file: displayPath(sourceFile.getFilePath()), line, column };
}

export function fail(code: DiagnosticCode, node: Node, ...args: string[]): never {
  throw new CompileError(makeDiagnostic(code, args, positionOf(node), node.getWidth()));
}
